"""The fund's rules for a call, as checks that return messages per field (services raise them).

Every figure comes from ``reference`` with its article: the co-financing cap of the modality (AMIF art. 15),
the flat rates (CPR art. 54-56) and the threshold below which simplified cost options are mandatory (CPR art.
53(2)). Nothing here writes.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from subsidia.core import clock
from subsidia.core.money import AmountError, parse_amount
from subsidia.reference.figures import cofinancing_cap, figure
from subsidia.reference.models import ImplementationModality

from .constants import INDIRECT_FLAT_RATES, SIMPLIFIED_KINDS, CostCategory, CostOptionKind, FlatRate


def pct(rate) -> str:
    return f"{(Decimal(rate) * 100).normalize():f}"


def amount(data: dict, key: str, errors: dict, *, required=True, positive=False):
    """Read an amount from ``data[key]`` exactly; put a message in ``errors`` when it is not one."""
    value = data.get(key)
    if value in (None, ""):
        if required:
            errors[key] = _("Enter an amount in euro.")
        return None
    try:
        value = parse_amount(value)
    except AmountError:
        errors[key] = _("Enter an amount in euro with at most two decimals.")
        return None
    if value < 0 or (positive and value == 0):
        errors[key] = _("The amount must be greater than zero.") if positive else _("An amount cannot be negative.")
        return None
    return value


def rate(data: dict, key: str, errors: dict, *, required=True):
    value = data.get(key)
    if value in (None, ""):
        if required:
            errors[key] = _("Enter a rate, for example 0.75 for 75 %.")
        return None
    if isinstance(value, float):
        value = str(value)
    try:
        value = Decimal(str(value).strip())
    except ArithmeticError:
        errors[key] = _("Enter a rate as a decimal fraction, for example 0.75 for 75 %.")
        return None
    if not value.is_finite() or value <= 0 or value > 1 or value != value.quantize(Decimal("0.0001")):
        errors[key] = _("A rate lies above 0 and at most 1 (100 %), with at most four decimals.")
        return None
    return value.quantize(Decimal("0.0001"))


def local_instant(value, key: str, errors: dict):
    """An aware instant; a naive value is a Brussels wall-clock time, refused when a DST change skips or
    repeats it."""
    if value in (None, ""):
        errors[key] = _("Enter a date and time (Brussels time).")
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            errors[key] = _("Enter a date and time such as 2025-03-01 12:00 (Brussels time).")
            return None
    if not isinstance(value, dt.datetime):
        errors[key] = _("Enter a date and time (Brussels time).")
        return None
    try:
        return clock.make_aware_local(value)
    except clock.LocalTimeError:
        errors[key] = _(
            "%(time)s does not exist or occurs twice in Brussels because of the change to or from summer "
            "time; "
            "choose another time."
        ) % {"time": value.strftime("%Y-%m-%d %H:%M")}
        return None


def official_text_required(data: dict, field: str, errors: dict, message=None) -> None:
    language = settings.SUBSIDIA_OFFICIAL_LANGUAGE
    key = f"{field}_{language}"
    if not str(data.get(key) or "").strip():
        errors[key] = message or _("This text is required in the official language, which is binding.")


def money_rules(budget, min_grant, max_grant, cofinancing_rate, modality, errors: dict) -> None:
    """min ≤ max ≤ budget; the rate within the co-financing cap of the modality (AMIF art. 15)."""
    if None not in (min_grant, max_grant) and min_grant > max_grant:
        errors["min_grant"] = _("The minimum grant cannot exceed the maximum grant.")
    if None not in (max_grant, budget) and max_grant > budget:
        errors["max_grant"] = _("The maximum grant cannot exceed the call's budget.")
    if cofinancing_rate is not None and isinstance(modality, ImplementationModality):
        cap = cofinancing_cap(modality)
        if cap.max_rate is not None and cofinancing_rate > cap.max_rate:
            errors["cofinancing_rate"] = _(
                "The co-financing rate may not exceed %(max)s %% for this implementation modality (%(basis)s)."
            ) % {"max": pct(cap.max_rate), "basis": cap.legal_basis}


def date_rules(opens_at, closes_at, errors: dict) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = _("The call closes after it opens.")


def flat_rate_cap(flat_rate: str, value: Decimal, errors: dict, key: str = "rate") -> None:
    rule = figure(flat_rate)
    if value > rule.value:
        errors[key] = _("This flat rate may be at most %(max)s %% (%(basis)s).") % {
            "max": pct(rule.value),
            "basis": rule.legal_basis,
        }


def cost_option_conflicts(options) -> list[str]:
    """Combinations of cost options that would pay for the same costs twice (CPR art. 54-56).

    ``options`` are CostOption instances (saved or not). Returns messages; empty when the set is coherent.
    """
    flat = {o.flat_rate for o in options if o.kind == CostOptionKind.FLAT_RATE}
    real = {o.category for o in options if o.kind == CostOptionKind.REAL_COSTS}
    messages = []
    if FlatRate.OTHER_OF_STAFF in flat and flat & set(INDIRECT_FLAT_RATES):
        messages.append(
            _(
                "The flat rate of 40 %% of staff costs for all other costs cannot be combined with a flat "
                "rate for "
                "indirect costs (%(basis)s)."
            )
            % {"basis": figure(FlatRate.OTHER_OF_STAFF).legal_basis}
        )
    if FlatRate.OTHER_OF_STAFF in flat and FlatRate.STAFF_OF_OTHER_DIRECT in flat:
        messages.append(
            _(
                "Staff costs cannot be a flat rate of the other costs while the other costs are a flat "
                "rate of staff "
                "costs (%(a)s, %(b)s)."
            )
            % {
                "a": figure(FlatRate.STAFF_OF_OTHER_DIRECT).legal_basis,
                "b": figure(FlatRate.OTHER_OF_STAFF).legal_basis,
            }
        )
    if len(flat & set(INDIRECT_FLAT_RATES)) > 1:
        messages.append(
            _("Indirect costs are covered by one flat rate: choose either %(a)s or %(b)s.")
            % {
                "a": figure(FlatRate.INDIRECT_OF_DIRECT).legal_basis,
                "b": figure(FlatRate.INDIRECT_OF_STAFF).legal_basis,
            }
        )
    if CostCategory.INDIRECT in real and flat & set(INDIRECT_FLAT_RATES):
        messages.append(_("Indirect costs cannot be both real costs and a flat rate."))
    if CostCategory.STAFF in real and FlatRate.STAFF_OF_OTHER_DIRECT in flat:
        messages.append(_("Staff costs cannot be both real costs and a flat rate."))
    if FlatRate.OTHER_OF_STAFF in flat and real - {CostCategory.STAFF}:
        messages.append(
            _("With the flat rate for all other costs (%(basis)s) only staff costs can be declared as real costs.")
            % {"basis": figure(FlatRate.OTHER_OF_STAFF).legal_basis}
        )
    return messages


def sco_required(min_grant: Decimal, cofinancing_rate: Decimal) -> bool:
    """Whether the call admits operations whose total cost stays at or below the threshold of CPR art. 53(2),
    which must then use simplified cost options (or a draft budget, art. 53(3)(b))."""
    threshold = figure("sco_mandatory_total_cost").value
    return Decimal(min_grant) <= threshold * Decimal(cofinancing_rate)


def completeness(call) -> dict:
    """What a call still needs before the committee can look at it; empty when complete."""
    errors: dict[str, str] = {}
    language = settings.SUBSIDIA_OFFICIAL_LANGUAGE
    data = {
        f"{f}_{language}": getattr(call, f"{f}_{language}")
        for f in ("title", "summary", "description", "eligible_applicants")
    }
    for field in ("title", "summary", "description", "eligible_applicants"):
        official_text_required(data, field, errors)
    eligibility = list(call.eligibility_criteria.all())
    award = list(call.award_criteria.all())
    options = list(call.cost_options.all())
    if not eligibility:
        errors["eligibility_criteria"] = _("Add at least one eligibility criterion.")
    elif any(not getattr(c, f"text_{language}").strip() for c in eligibility):
        errors["eligibility_criteria"] = _("Every eligibility criterion needs its text in the official language.")
    if not award:
        errors["award_criteria"] = _("Add at least one award criterion.")
    elif any(not getattr(c, f"title_{language}").strip() for c in award):
        errors["award_criteria"] = _("Every award criterion needs its title in the official language.")
    if award and call.overall_threshold is not None:
        total = call.max_total_points()
        if call.overall_threshold > total:
            errors["overall_threshold"] = _(
                "The overall threshold (%(threshold)s) exceeds the maximum total score (%(total)s)."
            ) % {"threshold": call.overall_threshold, "total": total}
    if not call.eligible_area.exists():
        errors["eligible_area"] = _("Name the eligible area (one or more NUTS areas).")
    if not options:
        errors["cost_options"] = _("Say which cost options applicants may use.")
    else:
        conflicts = cost_option_conflicts(options)
        if conflicts:
            errors["cost_options"] = " ".join(str(m) for m in conflicts)
        elif (
            sco_required(call.min_grant, call.cofinancing_rate)
            and not call.draft_budget_allowed
            and not any(o.kind in SIMPLIFIED_KINDS for o in options)
        ):
            rule = figure("sco_mandatory_total_cost")
            errors["cost_options"] = _(
                "Operations with a total cost up to EUR %(threshold)s must use simplified cost options "
                "(%(basis)s): offer a flat rate, lump sum or unit cost, or allow a draft budget agreed in "
                "advance."
            ) % {"threshold": f"{rule.value:,.0f}".replace(",", " "), "basis": rule.legal_basis}
    return errors
