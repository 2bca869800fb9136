"""The operation's own transitions: cancelled when the selected applicant declines, completed, terminated;
and the officers' corrections of what is not money (translations, coding, location)."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.reference.models import ActionType, InterventionField
from subsidia.reference.postcodes import nuts_for_postcode

from ..constants import OPERATION_TRANSITIONS, AgreementStatus, OperationStatus, ReportStatus
from ..models import Operation
from .common import fail_if, figures, locked, move, require, text


def _move(operation, to):
    move(operation, to, OPERATION_TRANSITIONS, OperationStatus)


def operation_cancel_declined(actor, application, *, reason: str = "") -> Operation | None:
    """The selected applicant declined: the operation never runs (its EU amount is freed by assessment)."""
    operation = Operation.objects.filter(application=application).first()
    if operation is None:
        return None
    with transaction.atomic():
        operation = locked(operation)
        if operation.status == OperationStatus.CANCELLED:
            return operation
        if operation.progress_reports.filter(status=ReportStatus.ACCEPTED).exists():
            raise Conflict(
                _("Operation %(code)s already has accepted progress reports; it must be terminated, not declined.")
                % {"code": operation.code},
                code="operation_running",
            )
        before = figures(operation)
        # Declining after signature still means the grant is renounced: the agreement stops too.
        operation.status = OperationStatus.CANCELLED
        operation.status_reason = (reason or "").strip() or _("The beneficiary declined the grant.")
        operation.updated_at = clock.now()
        operation.save(update_fields=["status", "status_reason", "updated_at"])
        operation.agreements.exclude(status__in=[AgreementStatus.CANCELLED, AgreementStatus.SUPERSEDED]).update(
            status=AgreementStatus.CANCELLED, cancelled_reason=operation.status_reason
        )
        operation.amendments.filter(status__in=["draft", "submitted"]).update(status="withdrawn")
        audit.record(
            actor,
            "operation.cancelled",
            operation,
            before=before,
            after=figures(operation),
            data={"reason": operation.status_reason, "application": application.reference},
        )
    return operation


def _end_date(value, operation, errors) -> dt.date | None:
    if not isinstance(value, dt.date):
        errors["actual_end_date"] = _("Enter a date.")
        return None
    if value < operation.start_date:
        errors["actual_end_date"] = _("The end date cannot be before the start date.")
    elif value > clock.today():
        errors["actual_end_date"] = _("The actual end date cannot be in the future.")
    return value


def operation_complete(user, operation: Operation, *, actual_end_date, achievements: str) -> Operation:
    """Close an operation whose final report was accepted; art. 49(3)(e) then shows its actual achievements."""
    require(user, "projects.manage_operation", operation)
    with transaction.atomic():
        operation = locked(operation)
        errors = {}
        end = _end_date(actual_end_date, operation, errors)
        achievements = text(achievements, "achievements", errors, required=True, max_length=6000)
        fail_if(errors)
        if not operation.progress_reports.filter(is_final=True, status=ReportStatus.ACCEPTED).exists():
            raise Conflict(_("The final progress report must be accepted first."), code="final_report_missing")
        before = figures(operation)
        _move(operation, OperationStatus.COMPLETED)
        operation.actual_end_date, operation.achievements = end, achievements
        operation.updated_at = clock.now()
        operation.save(update_fields=["status", "actual_end_date", "achievements", "updated_at"])
        audit.record(user, "operation.completed", operation, before=before, after=figures(operation))
    return operation


def operation_terminate(user, operation: Operation, *, actual_end_date, reason: str) -> Operation:
    """End a running operation early (an authorising officer: it changes what the operation may claim)."""
    require(user, "projects.approve_operation", operation)
    with transaction.atomic():
        operation = locked(operation)
        errors = {}
        end = _end_date(actual_end_date, operation, errors)
        reason = text(reason, "reason", errors, required=True, max_length=4000)
        fail_if(errors)
        before = figures(operation)
        _move(operation, OperationStatus.TERMINATED)
        operation.actual_end_date, operation.status_reason = end, reason
        operation.updated_at = clock.now()
        operation.save(update_fields=["status", "actual_end_date", "status_reason", "updated_at"])
        operation.amendments.filter(status__in=["draft", "submitted"]).update(status="withdrawn")
        audit.record(
            user, "operation.terminated", operation, before=before, after=figures(operation), data={"reason": reason}
        )
    return operation


TEXT_FIELDS = ("name_nl", "name_fr", "name_en", "purpose_nl", "purpose_fr", "purpose_en")
DETAIL_FIELDS = (
    *TEXT_FIELDS,
    "intervention_field",
    "action_type",
    "postcode",
    "location_text",
    "beneficiary_is_natural_person",
)


def operation_update_details(user, operation: Operation, **changes) -> Operation:
    """Translations, intervention field, type of action, location: corrections that move no money."""
    require(user, "projects.manage_operation", operation)
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise RuleViolation(errors={name: _("This field cannot be changed here.") for name in sorted(unknown)})
    with transaction.atomic():
        operation = locked(operation)
        if operation.status in (OperationStatus.CANCELLED, OperationStatus.COMPLETED, OperationStatus.TERMINATED):
            raise Conflict(_("A closed operation is no longer changed."), code="operation_closed")
        errors, values = {}, {}
        for name in TEXT_FIELDS:
            if name in changes:
                limit = 300 if name.startswith("name") else 10000
                values[name] = text(changes[name], name, errors, max_length=limit)
        official = f"name_{_official()}"
        if official in values and not values[official]:
            errors[official] = _("The text in the official language cannot be removed.")
        _coding(changes, operation, values, errors)
        _place(changes, values, errors)
        if "beneficiary_is_natural_person" in changes:
            values["beneficiary_is_natural_person"] = bool(changes["beneficiary_is_natural_person"])
        fail_if(errors)
        before = {name: _plain(getattr(operation, name)) for name in values}
        for name, value in values.items():
            setattr(operation, name, value)
        for field in ("name", "purpose"):
            official_text = values.get(f"{field}_{_official()}")
            if official_text:
                setattr(operation, field, official_text)
                values[field] = official_text
        operation.updated_at = clock.now()
        operation.save()
        after = {name: _plain(getattr(operation, name)) for name in values}
        audit.record(user, "operation.updated", operation, before=before, after=after)
    return operation


def _official() -> str:
    from django.conf import settings

    return settings.SUBSIDIA_OFFICIAL_LANGUAGE


def _plain(value):
    return getattr(value, "pk", value)


def _coding(changes, operation, values, errors):
    if "intervention_field" in changes:
        field = changes["intervention_field"]
        if isinstance(field, int | str):
            field = InterventionField.objects.filter(pk=field).first()
        if field is None or field.objective_id != operation.specific_objective_id:
            errors["intervention_field"] = _("Choose an intervention field of the operation's specific objective.")
        else:
            values["intervention_field"] = field
    if "action_type" in changes:
        action = changes["action_type"]
        if isinstance(action, int | str):
            action = ActionType.objects.filter(pk=action).first()
        values["action_type"] = action


def _place(changes, values, errors):
    if "postcode" in changes:
        postcode = str(changes["postcode"] or "").strip()
        nuts = nuts_for_postcode(postcode)
        if nuts is None:
            errors["postcode"] = _("Enter a Belgian postcode of four digits that exists.")
        else:
            values["postcode"], values["nuts"], values["country"] = postcode, nuts, "BE"
    if "location_text" in changes:
        values["location_text"] = text(changes["location_text"], "location_text", errors, max_length=300)
