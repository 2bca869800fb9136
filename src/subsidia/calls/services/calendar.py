"""The calendar of planned calls (CPR art. 49(2)): its lines, and each published update of it."""

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.programmes.models import Region
from subsidia.reference.models import NutsArea, SpecificObjective

from .. import validation
from ..constants import LANGUAGE_CODES
from ..models import CalendarRevision, Call, PlannedCall
from .cleaning import instance, many, text
from .common import require, save_checked

PLANNED_TEXTS = tuple(f"{n}_{lang}" for n in ("title", "eligible_applicants") for lang in LANGUAGE_CODES)
PLANNED_FIELDS = (
    *PLANNED_TEXTS,
    "specific_objective",
    "region",
    "indicative_budget",
    "planned_opening",
    "planned_closing",
    "call",
)


def _revision(user, programme, note: str) -> CalendarRevision:
    revision = CalendarRevision.objects.create(
        programme=programme, revised_at=clock.now(), revised_by=user, note=str(note)[:500]
    )
    return revision


def _clean_planned(programme, data: dict) -> tuple[dict, list, dict]:
    errors: dict = {}
    values = {k: text(PlannedCall, data, k, errors) for k in PLANNED_TEXTS}
    validation.official_text_required(values, "title", errors)
    objective = instance(data, "specific_objective", SpecificObjective, errors)
    if objective is not None and objective.fund_id != programme.fund_id:
        errors["specific_objective"] = _("Choose a specific objective of the %(fund)s.") % {"fund": programme.fund.code}
    values["specific_objective"] = objective
    values["region"] = instance(data, "region", Region, errors)
    values["indicative_budget"] = validation.amount(data, "indicative_budget", errors)
    for key in ("planned_opening", "planned_closing"):
        value = data.get(key)
        if not hasattr(value, "isoformat"):
            errors[key] = _("Enter a date.")
            value = None
        values[key] = value
    if (
        values["planned_opening"]
        and values["planned_closing"]
        and values["planned_closing"] <= values["planned_opening"]
    ):
        errors["planned_closing"] = _("The call closes after it opens.")
    call = data.get("call")
    if call not in (None, "") and (not isinstance(call, Call) or call.programme_id != programme.pk):
        errors["call"] = _("Choose a call of the same programme.")
    values["call"] = call or None
    area = many(data, "eligible_area", NutsArea, errors)
    return values, area, errors


def planned_call_save(user, programme, instance: PlannedCall | None = None, **data) -> PlannedCall:
    """Add or change a line of the calendar; each change is a dated update of the published calendar."""
    require(user, "calls.change_plannedcall")
    unknown = set(data) - set(PLANNED_FIELDS) - {"eligible_area"}
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in sorted(unknown)})
    with transaction.atomic():
        created = instance is None
        if not created:
            instance = PlannedCall.objects.select_for_update().filter(pk=instance.pk, programme=programme).first()
            if instance is None:
                raise Conflict(_("This line is not in the programme's calendar."), code="not_in_calendar")
            merged = {k: getattr(instance, k) for k in PLANNED_FIELDS}
            merged["eligible_area"] = list(instance.eligible_area.all())
            merged.update(data)
            data = merged
        values, area, errors = _clean_planned(programme, data)
        if errors:
            raise RuleViolation(errors=errors)
        before = {} if created else audit.snapshot(instance, PLANNED_FIELDS)
        now = clock.now()
        instance = instance or PlannedCall(programme=programme, created_at=now)
        for key, value in values.items():
            setattr(instance, key, value)
        instance.updated_at = now
        save_checked(instance)
        instance.eligible_area.set(area)
        _revision(
            user,
            programme,
            (_("Added: %(title)s") if created else _("Changed: %(title)s")) % {"title": instance.title},
        )
        audit.record(
            user,
            f"planned_call.{'created' if created else 'updated'}",
            instance,
            before=before,
            after=audit.snapshot(instance, PLANNED_FIELDS),
            data={"programme": programme.cci},
        )
    return instance


def planned_call_delete(user, planned: PlannedCall, *, reason: str = "") -> None:
    require(user, "calls.change_plannedcall")
    with transaction.atomic():
        planned = PlannedCall.objects.select_for_update().get(pk=planned.pk)
        before = audit.snapshot(planned, PLANNED_FIELDS)
        key = ("calls.plannedcall", str(planned.pk))
        programme = planned.programme
        title = planned.title
        planned.delete()
        _revision(user, programme, _("Removed: %(title)s") % {"title": title})
        audit.record(user, "planned_call.deleted", key, before=before, data={"reason": reason})


def calendar_confirm(user, programme, *, note: str) -> CalendarRevision:
    """The officer reviewed the calendar and publishes it as up to date (also when nothing changed)."""
    require(user, "calls.change_plannedcall")
    if not (note or "").strip():
        raise RuleViolation(errors={"note": _("Say what was reviewed or changed.")})
    with transaction.atomic():
        revision = _revision(user, programme, note.strip())
        audit.record(
            user,
            "call_calendar.updated",
            revision,
            after={"note": revision.note},
            data={"programme": programme.cci},
        )
    return revision
