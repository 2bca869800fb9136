"""Turning the input of a call (from a form, the API or a loader) into checked values, with a message per "
"field."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from subsidia.consultations.models import Priority
from subsidia.programmes.models import Region
from subsidia.reference.models import (
    ActionType,
    ImplementationMeasure,
    ImplementationModality,
    InterventionField,
    NutsArea,
    SpecificObjective,
)

from .. import validation
from ..constants import LANGUAGE_CODES, ConsolidationMethod, TieBreakFinal
from ..models import Call, validate_reference

TEXTS = ("title", "summary", "description", "eligible_applicants")
TEXT_FIELDS = (*tuple(f"{t}_{lang}" for t in TEXTS for lang in LANGUAGE_CODES), "contact")
SCALAR_FIELDS = (
    "reference",
    "specific_objective",
    "action_type",
    "region",
    "implementation_modality",
    "budget",
    "cofinancing_rate",
    "min_grant",
    "max_grant",
    "opens_at",
    "closes_at",
    "overall_threshold",
    "tie_break_final",
    "number_of_assessors",
    "partial_funding_allowed",
    "consolidation",
    "disagreement_gap",
    "draft_budget_allowed",
)
M2M_FIELDS = ("implementation_measures", "intervention_fields", "priorities", "eligible_area")
CALL_FIELDS = TEXT_FIELDS + SCALAR_FIELDS + M2M_FIELDS


def text(model, data: dict, key: str, errors: dict) -> str:
    value = data.get(key)
    value = "" if value is None else str(value).strip()
    max_length = model._meta.get_field(key).max_length
    if max_length and len(value) > max_length:
        errors[key] = _("At most %(n)s characters.") % {"n": max_length}
    return value


def points(data: dict, key: str, errors: dict, *, positive=False):
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        value = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors[key] = _("Enter a number of points, with at most two decimals.")
        return None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")) or abs(value) >= Decimal("100000"):
        errors[key] = _("Enter a number of points, with at most two decimals.")
        return None
    if value < 0 or (positive and value == 0):
        errors[key] = _("Enter a number greater than zero.") if positive else _("Enter a number of at least zero.")
        return None
    return value


def whole(data: dict, key: str, errors: dict, *, low: int, high: int):
    value = data.get(key)
    try:
        value = int(str(value).strip())
    except (TypeError, ValueError):
        errors[key] = _("Enter a whole number.")
        return None
    if not low <= value <= high:
        errors[key] = _("Enter a whole number from %(low)s to %(high)s.") % {"low": low, "high": high}
        return None
    return value


def choice(data: dict, key: str, choices, errors: dict):
    value = data.get(key)
    if value not in choices.values:
        errors[key] = _("Choose one of the options.")
    return value


def instance(data: dict, key: str, model, errors: dict, *, required=True, message=None):
    value = data.get(key)
    if value is None or value == "":
        if required:
            errors[key] = message or _("This field is required.")
        return None
    if not isinstance(value, model):
        errors[key] = message or _("Choose one of the options.")
        return None
    return value


def many(data: dict, key: str, model, errors: dict) -> list:
    values = list(data.get(key) or [])
    if any(not isinstance(v, model) for v in values):
        errors[key] = _("Choose among the options offered.")
        return []
    return values


def clean_call(programme, data: dict) -> tuple[dict, dict]:
    """Check every field of a call against the data rules and the fund's rules that concern one call.

    Returns ``(values, m2m, errors)``; the caller raises when ``errors`` is not empty. The budget fit, which
    spans calls, is the service's business.
    """
    errors: dict = {}
    values: dict = {}
    for key in TEXT_FIELDS:
        values[key] = text(Call, data, key, errors)
    validation.official_text_required(values, "title", errors)
    reference = str(data.get("reference") or "").strip().upper()
    try:
        validate_reference(reference)
    except Exception as exc:
        errors["reference"] = " ".join(getattr(exc, "messages", [str(exc)]))
    values["reference"] = reference
    fund = programme.fund
    objective = instance(data, "specific_objective", SpecificObjective, errors)
    if objective is not None and (objective.fund_id != fund.pk or objective.is_technical_assistance):
        errors["specific_objective"] = _("Choose a specific objective of the %(fund)s (not technical assistance).") % {
            "fund": fund.code
        }
    values["specific_objective"] = objective
    values["action_type"] = instance(data, "action_type", ActionType, errors, required=False)
    values["region"] = instance(data, "region", Region, errors, message=_("Choose the region or delegated body."))
    modality = instance(data, "implementation_modality", ImplementationModality, errors)
    values["implementation_modality"] = modality
    values["budget"] = validation.amount(data, "budget", errors, positive=True)
    values["min_grant"] = validation.amount(data, "min_grant", errors, required=False) or Decimal("0.00")
    values["max_grant"] = validation.amount(data, "max_grant", errors, positive=True)
    values["cofinancing_rate"] = validation.rate(data, "cofinancing_rate", errors)
    values["opens_at"] = validation.local_instant(data.get("opens_at"), "opens_at", errors)
    values["closes_at"] = validation.local_instant(data.get("closes_at"), "closes_at", errors)
    validation.money_rules(
        values["budget"],
        values["min_grant"],
        values["max_grant"],
        values["cofinancing_rate"],
        modality,
        errors,
    )
    validation.date_rules(values["opens_at"], values["closes_at"], errors)
    values["overall_threshold"] = points(data, "overall_threshold", errors)
    values["disagreement_gap"] = points(data, "disagreement_gap", errors, positive=True)
    values["number_of_assessors"] = whole(data, "number_of_assessors", errors, low=1, high=9)
    values["tie_break_final"] = choice(data, "tie_break_final", TieBreakFinal, errors)
    values["consolidation"] = choice(data, "consolidation", ConsolidationMethod, errors)
    values["partial_funding_allowed"] = bool(data.get("partial_funding_allowed"))
    values["draft_budget_allowed"] = bool(data.get("draft_budget_allowed"))
    m2m = {
        "implementation_measures": many(data, "implementation_measures", ImplementationMeasure, errors),
        "intervention_fields": many(data, "intervention_fields", InterventionField, errors),
        "priorities": many(data, "priorities", Priority, errors),
        "eligible_area": many(data, "eligible_area", NutsArea, errors),
    }
    if objective is not None:
        if any(m.objective_id != objective.pk for m in m2m["implementation_measures"]):
            errors["implementation_measures"] = _("Choose implementation measures of the call's specific objective.")
        if any(f.objective_id != objective.pk for f in m2m["intervention_fields"]):
            errors["intervention_fields"] = _("Choose intervention fields of the call's specific objective.")
    if any(p.programme_id != programme.pk for p in m2m["priorities"]):
        errors["priorities"] = _("Choose priorities of the call's programme.")
    if any(a.country_code != programme.member_state for a in m2m["eligible_area"]):
        errors["eligible_area"] = _("The eligible area lies in %(ms)s.") % {"ms": programme.member_state}
    return values, m2m, errors


def defaults() -> dict:
    """Field values a new call starts from when the input leaves them out."""
    return {
        "min_grant": Decimal("0.00"),
        "tie_break_final": TieBreakFinal.SUBMITTED_FIRST,
        "number_of_assessors": 2,
        "consolidation": ConsolidationMethod.AVERAGE,
        "partial_funding_allowed": False,
        "draft_budget_allowed": False,
    }
