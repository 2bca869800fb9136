"""The parts of a call the committee approves with it: eligibility and award criteria, cost options, required
attachments. Every change runs through ``editing`` so that a substantive change clears the approval."""

import contextlib
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from subsidia.core import approvals, audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.reference.figures import figure

from .. import validation
from ..constants import LANGUAGE_CODES, AttachmentType, CallStatus, CostCategory, CostOptionKind, FlatRate
from ..models import AwardCriterion, Call, CostOption, EligibilityCriterion, RequiredAttachment
from .cleaning import points, text
from .common import after_edit, locked, require, save_checked


@contextlib.contextmanager
def editing(user, call: Call):
    """Lock the call, remember its approved content, and after the change apply ``after_edit``."""
    require(user, "calls.change_call", call)
    with transaction.atomic():
        call = locked(call)
        if call.status in (CallStatus.WITHDRAWN, CallStatus.ARCHIVED):
            raise Conflict(_("A withdrawn or archived call can no longer change."), code="closed_file")
        previous_hash = approvals.current_hash(call)
        yield call
        call.updated_at = clock.now()
        call.save(update_fields=["updated_at"])
        after_edit(user, call, previous_hash)


def _texts(model, data: dict, names, errors: dict) -> dict:
    return {f"{n}_{lang}": text(model, data, f"{n}_{lang}", errors) for n in names for lang in LANGUAGE_CODES}


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


def _position(data: dict, queryset, errors: dict):
    value = data.get("position")
    if value in (None, ""):
        return _next_position(queryset)
    try:
        value = int(value)
    except (TypeError, ValueError):
        errors["position"] = _("Enter a whole number.")
        return None
    if not 1 <= value <= 999:
        errors["position"] = _("Enter a whole number from %(low)s to %(high)s.") % {"low": 1, "high": 999}
    return value


def _save_part(user, call, model, instance, values, label):
    created = instance is None
    if not created:
        instance = model.objects.select_for_update().filter(pk=instance.pk, call=call).first()
        if instance is None:
            raise Conflict(_("This item does not belong to the call."), code="not_in_call")
    before = {} if created else audit.snapshot(instance, values)
    instance = instance or model(call=call)
    for key, value in values.items():
        setattr(instance, key, value)
    save_checked(instance)
    audit.record(
        user,
        f"{label}.{'created' if created else 'updated'}",
        instance,
        before=before,
        after=audit.snapshot(instance, values),
        data={"call": call.reference},
    )
    return instance


def _delete_part(user, call: Call, instance, label: str, fields) -> None:
    with editing(user, call) as call:
        instance = type(instance).objects.select_for_update().get(pk=instance.pk, call=call)
        before = audit.snapshot(instance, fields)
        key = (instance._meta.label_lower, str(instance.pk))
        instance.delete()
        audit.record(user, f"{label}.deleted", key, before=before, data={"call": call.reference})


# --- Eligibility criteria ---------------------------------------------------------------------------------

ELIGIBILITY_FIELDS = (
    "position",
    *tuple(f"{n}_{lang}" for n in ("text", "explanation") for lang in LANGUAGE_CODES),
)


def eligibility_criterion_save(user, call: Call, instance: EligibilityCriterion | None = None, **data):
    with editing(user, call) as call:
        errors: dict = {}
        siblings = call.eligibility_criteria.exclude(pk=getattr(instance, "pk", None))
        values = {
            "position": _position(data, siblings, errors),
            **_texts(EligibilityCriterion, data, ("text", "explanation"), errors),
        }
        validation.official_text_required(values, "text", errors)
        if values["position"] and siblings.filter(position=values["position"]).exists():
            errors["position"] = _("Another criterion already has this position.")
        if errors:
            raise RuleViolation(errors=errors)
        return _save_part(user, call, EligibilityCriterion, instance, values, "eligibility_criterion")


def eligibility_criterion_delete(user, criterion: EligibilityCriterion) -> None:
    _delete_part(user, criterion.call, criterion, "eligibility_criterion", ELIGIBILITY_FIELDS)


# --- Award criteria ---------------------------------------------------------------------------------------

AWARD_FIELDS = (
    "position",
    "max_points",
    "weight",
    "threshold",
    "tie_break_rank",
    *tuple(f"{n}_{lang}" for n in ("title", "description") for lang in LANGUAGE_CODES),
)


def _weight(data: dict, errors: dict) -> Decimal | None:
    value = data.get("weight")
    if value in (None, ""):
        return Decimal("1.000")
    try:
        value = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        value = None
    if (
        value is None
        or not value.is_finite()
        or value <= 0
        or value >= 1000
        or value != value.quantize(Decimal("0.001"))
    ):
        errors["weight"] = _("Enter a weight greater than zero, with at most three decimals.")
        return None
    return value


def _rank(data: dict, errors: dict):
    value = data.get("tie_break_rank")
    if value in (None, ""):
        return None
    try:
        value = int(value)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 99:
        errors["tie_break_rank"] = _("Enter a rank from 1 upwards, or leave it empty.")
        return None
    return value


def award_criterion_save(user, call: Call, instance: AwardCriterion | None = None, **data):
    with editing(user, call) as call:
        errors: dict = {}
        siblings = call.award_criteria.exclude(pk=getattr(instance, "pk", None))
        values = {
            "position": _position(data, siblings, errors),
            **_texts(AwardCriterion, data, ("title", "description"), errors),
            "max_points": points(data, "max_points", errors, positive=True),
            "weight": _weight(data, errors),
            "threshold": points(data, "threshold", errors),
            "tie_break_rank": _rank(data, errors),
        }
        validation.official_text_required(values, "title", errors)
        if values["max_points"] is None and "max_points" not in errors:
            errors["max_points"] = _("Enter the maximum number of points.")
        if None not in (values["threshold"], values["max_points"]) and values["threshold"] > values["max_points"]:
            errors["threshold"] = _("The threshold cannot exceed the maximum points.")
        if values["position"] and siblings.filter(position=values["position"]).exists():
            errors["position"] = _("Another criterion already has this position.")
        if values["tie_break_rank"] and siblings.filter(tie_break_rank=values["tie_break_rank"]).exists():
            errors["tie_break_rank"] = _("Another criterion already has this tie-break rank.")
        if errors:
            raise RuleViolation(errors=errors)
        return _save_part(user, call, AwardCriterion, instance, values, "award_criterion")


def award_criterion_delete(user, criterion: AwardCriterion) -> None:
    _delete_part(user, criterion.call, criterion, "award_criterion", AWARD_FIELDS)


# --- Cost options -----------------------------------------------------------------------------------------

COST_OPTION_FIELDS = (
    "position",
    "kind",
    "category",
    "flat_rate",
    "rate",
    "amount",
    *tuple(f"{n}_{lang}" for n in ("title", "description", "unit") for lang in LANGUAGE_CODES),
)


def _clean_cost_option(data: dict, errors: dict) -> dict:
    kind = data.get("kind")
    values = {
        "kind": kind,
        "category": "",
        "flat_rate": "",
        "rate": None,
        "amount": None,
        **_texts(CostOption, data, ("title", "description", "unit"), errors),
    }
    if kind not in CostOptionKind.values:
        errors["kind"] = _("Choose the kind of cost option.")
    elif kind == CostOptionKind.REAL_COSTS:
        if data.get("category") not in CostCategory.values:
            errors["category"] = _("Choose the cost category.")
        values["category"] = data.get("category") or ""
    elif kind == CostOptionKind.FLAT_RATE:
        flat_rate = data.get("flat_rate")
        if flat_rate not in FlatRate.values:
            errors["flat_rate"] = _("Choose one of the flat rates of the regulation.")
        else:
            values["flat_rate"] = flat_rate
            given = data.get("rate")
            values["rate"] = (
                validation.rate(data, "rate", errors) if given not in (None, "") else figure(flat_rate).value
            )
            if values["rate"] is not None:
                validation.flat_rate_cap(flat_rate, values["rate"], errors)
    else:
        values["amount"] = validation.amount(data, "amount", errors, positive=True)
        validation.official_text_required(values, "title", errors)
        if kind == CostOptionKind.UNIT_COST:
            validation.official_text_required(
                values, "unit", errors, _("Say what one unit is, in the official language.")
            )
    return values


def cost_option_save(user, call: Call, instance: CostOption | None = None, **data):
    """Add or change a cost option; a flat rate stays within its article's maximum and does not pay for costs
    another option already covers (CPR art. 54-56)."""
    with editing(user, call) as call:
        errors: dict = {}
        siblings = list(call.cost_options.exclude(pk=getattr(instance, "pk", None)))
        values = _clean_cost_option(data, errors)
        values["position"] = _position(data, call.cost_options.exclude(pk=getattr(instance, "pk", None)), errors)
        if not errors:
            candidate = CostOption(call=call, **values)
            if values["kind"] == CostOptionKind.REAL_COSTS and any(
                o.kind == values["kind"] and o.category == values["category"] for o in siblings
            ):
                errors["category"] = _("The call already allows real costs for this category.")
            elif values["kind"] == CostOptionKind.FLAT_RATE and any(
                o.kind == values["kind"] and o.flat_rate == values["flat_rate"] for o in siblings
            ):
                errors["flat_rate"] = _("The call already offers this flat rate.")
            else:
                conflicts = validation.cost_option_conflicts([*siblings, candidate])
                if conflicts:
                    errors["__all__"] = [str(m) for m in conflicts]
        if errors:
            raise RuleViolation(errors=errors)
        return _save_part(user, call, CostOption, instance, values, "cost_option")


def cost_option_delete(user, option: CostOption) -> None:
    _delete_part(user, option.call, option, "cost_option", COST_OPTION_FIELDS)


# --- Required attachments ---------------------------------------------------------------------------------

ATTACHMENT_FIELDS = (
    "position",
    "is_mandatory",
    "file_types",
    *tuple(f"{n}_{lang}" for n in ("title", "description") for lang in LANGUAGE_CODES),
)


def _file_types(data: dict, errors: dict) -> str:
    value = data.get("file_types") or [AttachmentType.PDF]
    items = value.split(",") if isinstance(value, str) else list(value)
    items = sorted({str(i).strip().lower() for i in items if str(i).strip()})
    if not items or any(i not in AttachmentType.values for i in items):
        errors["file_types"] = _("Choose among: %(types)s.") % {"types": ", ".join(AttachmentType.values)}
    return ",".join(items)


def required_attachment_save(user, call: Call, instance: RequiredAttachment | None = None, **data):
    with editing(user, call) as call:
        errors: dict = {}
        siblings = call.required_attachments.exclude(pk=getattr(instance, "pk", None))
        values = {
            "position": _position(data, siblings, errors),
            **_texts(RequiredAttachment, data, ("title", "description"), errors),
            "is_mandatory": bool(data.get("is_mandatory", True)),
            "file_types": _file_types(data, errors),
        }
        validation.official_text_required(values, "title", errors)
        if errors:
            raise RuleViolation(errors=errors)
        return _save_part(user, call, RequiredAttachment, instance, values, "required_attachment")


def required_attachment_delete(user, attachment: RequiredAttachment) -> None:
    _delete_part(user, attachment.call, attachment, "required_attachment", ATTACHMENT_FIELDS)
