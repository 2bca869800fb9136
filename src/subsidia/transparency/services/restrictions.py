"""Publication restrictions under four eyes: an officer prepares one with its written legal ground, an
authorising officer who did not prepare it confirms (or refuses) it; lifting one is prepared and confirmed the
same way. Each step writes one audit event; the audit events name the operation by its code, never its
beneficiary."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation

from .. import fields as field_map
from ..constants import OPEN, RESTRICTION_TRANSITIONS, RestrictionStatus
from ..models import PublicationRestriction, PublicationSnapshot, SnapshotRow
from .common import require, row_hash

MAX_GROUND = 5000


def _transition(restriction: PublicationRestriction, to: RestrictionStatus) -> None:
    if to not in RESTRICTION_TRANSITIONS[RestrictionStatus(restriction.status)]:
        raise Conflict(
            _("This restriction is %(status)s; that step is not possible now.")
            % {"status": restriction.get_status_display().lower()},
            code="restriction_status",
        )


def _locked(restriction: PublicationRestriction) -> PublicationRestriction:
    return (
        PublicationRestriction.objects.select_for_update(of=("self",))
        .select_related("operation")
        .get(pk=restriction.pk)
    )


def _text(value: str, field: str, required_message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleViolation(errors={field: required_message})
    if len(text) > MAX_GROUND:
        raise RuleViolation(errors={field: _("At most %(n)s characters.") % {"n": MAX_GROUND}})
    return text


def prepare(officer, operation, legal_ground: str) -> PublicationRestriction:
    """An officer proposes to withhold the operation's beneficiary and location; nothing is withheld yet."""
    require(officer, "transparency.prepare_restriction", operation)
    ground = _text(legal_ground, "legal_ground", _("Write the legal ground for withholding."))
    with transaction.atomic():
        if PublicationRestriction.objects.select_for_update().filter(operation=operation, status__in=OPEN).exists():
            raise Conflict(_("This operation already has a restriction in progress or in force."), code="open")
        try:
            with transaction.atomic():
                restriction = PublicationRestriction.objects.create(
                    operation=operation, legal_ground=ground, prepared_by=officer, prepared_at=clock.now()
                )
        except IntegrityError as exc:  # a concurrent request prepared one first
            raise Conflict(_("This operation already has a restriction in progress or in force."), code="open") from exc
        audit.record(
            officer,
            "publication_restriction.prepared",
            restriction,
            after={"status": restriction.status, "legal_ground": ground},
            data={"operation": operation.code},
        )
    return restriction


def _second_person(user, first, message) -> None:
    if first is not None and first.pk == user.pk:
        raise PermissionDenied(message)


def confirm(approver, restriction: PublicationRestriction) -> PublicationRestriction:
    """The restriction takes effect: every public output withholds from now on, and the snapshots already
    published lose the withheld values too."""
    require(approver, "transparency.decide_restriction", restriction)
    with transaction.atomic():
        restriction = _locked(restriction)
        _second_person(
            approver, restriction.prepared_by, _("Four eyes: you cannot confirm a restriction you prepared.")
        )
        _transition(restriction, RestrictionStatus.ACTIVE)
        restriction.status = RestrictionStatus.ACTIVE
        restriction.decided_by, restriction.decided_at = approver, clock.now()
        restriction.save(update_fields=["status", "decided_by", "decided_at"])
        rows = withhold_in_snapshots(restriction.operation_id)
        audit.record(
            approver,
            "publication_restriction.confirmed",
            restriction,
            before={"status": RestrictionStatus.PREPARED},
            after={"status": restriction.status},
            data={"operation": restriction.operation.code, "snapshot_rows_withheld": rows},
        )
    return restriction


def refuse(approver, restriction: PublicationRestriction, reason: str) -> PublicationRestriction:
    require(approver, "transparency.decide_restriction", restriction)
    note = _text(reason, "reason", _("Say why the restriction is refused."))
    with transaction.atomic():
        restriction = _locked(restriction)
        _second_person(
            approver, restriction.prepared_by, _("Four eyes: you cannot decide on a restriction you prepared.")
        )
        _transition(restriction, RestrictionStatus.REJECTED)
        restriction.status = RestrictionStatus.REJECTED
        restriction.decided_by, restriction.decided_at, restriction.decision_note = approver, clock.now(), note
        restriction.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        audit.record(
            approver,
            "publication_restriction.refused",
            restriction,
            before={"status": RestrictionStatus.PREPARED},
            after={"status": restriction.status},
            data={"operation": restriction.operation.code, "reason": note},
        )
    return restriction


def prepare_lift(officer, restriction: PublicationRestriction, reason: str) -> PublicationRestriction:
    """An officer proposes to publish the withheld data again; the restriction stays in force meanwhile."""
    require(officer, "transparency.prepare_restriction", restriction)
    note = _text(reason, "reason", _("Say why the restriction can be lifted."))
    with transaction.atomic():
        restriction = _locked(restriction)
        _transition(restriction, RestrictionStatus.LIFT_PREPARED)
        restriction.status = RestrictionStatus.LIFT_PREPARED
        restriction.lift_reason, restriction.lift_prepared_by, restriction.lift_prepared_at = note, officer, clock.now()
        restriction.save(update_fields=["status", "lift_reason", "lift_prepared_by", "lift_prepared_at"])
        audit.record(
            officer,
            "publication_restriction.lift_prepared",
            restriction,
            before={"status": RestrictionStatus.ACTIVE},
            after={"status": restriction.status},
            data={"operation": restriction.operation.code, "reason": note},
        )
    return restriction


def confirm_lift(approver, restriction: PublicationRestriction) -> PublicationRestriction:
    require(approver, "transparency.decide_restriction", restriction)
    with transaction.atomic():
        restriction = _locked(restriction)
        _second_person(
            approver, restriction.lift_prepared_by, _("Four eyes: you cannot confirm a lifting you prepared.")
        )
        _transition(restriction, RestrictionStatus.LIFTED)
        restriction.status = RestrictionStatus.LIFTED
        restriction.lifted_by, restriction.lifted_at = approver, clock.now()
        restriction.save(update_fields=["status", "lifted_by", "lifted_at"])
        audit.record(
            approver,
            "publication_restriction.lifted",
            restriction,
            before={"status": RestrictionStatus.LIFT_PREPARED},
            after={"status": restriction.status},
            data={"operation": restriction.operation.code},
        )
    return restriction


def keep(approver, restriction: PublicationRestriction, reason: str) -> PublicationRestriction:
    """An authorising officer refuses to lift: the restriction stays in force."""
    require(approver, "transparency.decide_restriction", restriction)
    note = _text(reason, "reason", _("Say why the restriction stays in force."))
    with transaction.atomic():
        restriction = _locked(restriction)
        _second_person(
            approver, restriction.lift_prepared_by, _("Four eyes: you cannot decide on a lifting you prepared.")
        )
        _transition(restriction, RestrictionStatus.ACTIVE)
        restriction.status = RestrictionStatus.ACTIVE
        restriction.save(update_fields=["status"])
        audit.record(
            approver,
            "publication_restriction.kept",
            restriction,
            before={"status": RestrictionStatus.LIFT_PREPARED},
            after={"status": restriction.status},
            data={"operation": restriction.operation.code, "reason": note},
        )
    return restriction


def withhold_in_snapshots(operation_id: int) -> int:
    """Remove the beneficiary and the location from every published snapshot row of the operation (called
    inside the confirming transaction)."""
    changed = []
    for row in SnapshotRow.objects.select_for_update().filter(operation_id=operation_id, restricted=False):
        data = dict(row.data)
        for key in field_map.WITHHELD_KEYS:
            if key in data:
                data[key] = None
        if "location_or_geolocation_and_country" in data:
            data["location_or_geolocation_and_country"] = data.get("country")
        data["publication_restricted"] = True
        row.data, row.restricted, row.row_hash = data, True, row_hash(data)
        changed.append(row)
    SnapshotRow.objects.bulk_update(changed, ["data", "restricted", "row_hash"])
    if changed:
        PublicationSnapshot.objects.filter(pk__in={row.snapshot_id for row in changed}).update(redacted_at=clock.now())
    return len(changed)
