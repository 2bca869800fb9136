"""Complaints about the selection (CPR art. 69(7)): registered with the date received, handled by someone who
took no part in the decision, answered in writing with the date, within the time the rule figure sets."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.applications.constants import SUBMITTED_STATUSES
from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, PermissionDenied
from subsidia.reference.figures import figure

from ..constants import COMPLAINT_TRANSITIONS, ComplaintChannel, ComplaintOutcome, ComplaintStatus
from ..models import Assignment, Complaint, DecisionLetter
from ..rules import member_of_applicant
from .common import fail_if, locked, move, require, text

COMPLAINT_FIELDS = ("status", "handler_id", "outcome", "answered_at", "withdrawn_at")


def _state(complaint) -> dict:
    return audit.snapshot(complaint, COMPLAINT_FIELDS)


def complaint_register(user, application, *, channel, received_at, subject, text) -> Complaint:
    """Register a complaint (the applicant through Subsidia, or an officer for one received otherwise)."""
    require(user, "assessment.register_complaint", application)
    body = text
    errors = {}
    if channel not in ComplaintChannel.values:
        errors["channel"] = _("Choose how the complaint was received.")
    now = clock.now()
    if not isinstance(received_at, dt.datetime) or received_at.tzinfo is None:
        errors["received_at"] = _("Enter the date and time the complaint was received.")
    elif received_at > now:
        errors["received_at"] = _("The complaint cannot be received in the future.")
    subject = _clean(subject, "subject", errors, 200)
    body = _clean(body, "text", errors, 20000)
    if application.status not in SUBMITTED_STATUSES:
        errors["application"] = _("Only a submitted application can be the subject of a complaint.")
    fail_if(errors)
    with transaction.atomic():
        application = type(application).objects.select_for_update().get(pk=application.pk)
        letter = DecisionLetter.objects.filter(application=application).order_by("-issued_at", "-id").first()
        within = True
        if letter is not None:
            days = int(figure("selection_complaint_days").value)
            within = clock.to_local(received_at).date() <= clock.to_local(letter.issued_at).date() + dt.timedelta(days)
        answer_days = int(figure("complaint_answer_days").value)
        count = Complaint.objects.filter(application=application).count()
        complaint = Complaint.objects.create(
            reference=f"{application.reference}-K{count + 1:02d}",
            application=application,
            decision=getattr(letter, "decision", None),
            letter=letter,
            channel=channel,
            received_at=received_at,
            subject=subject,
            text=body,
            submitted_by=user if member_of_applicant(user, application) else None,
            registered_at=now,
            registered_by=user,
            within_time_limit=within,
            answer_due_on=clock.to_local(received_at).date() + dt.timedelta(days=answer_days),
        )
        audit.record(
            user,
            "complaint.registered",
            complaint,
            after=_state(complaint),
            data={
                "application": application.reference,
                "within_time_limit": within,
                "answer_due_on": complaint.answer_due_on,
            },
        )
    return complaint


def _clean(value, field, errors, max_length):
    return text(value, field, errors, required=True, max_length=max_length)


def _independent(user, complaint) -> None:
    """Whoever handles a complaint took no part in the decision: not its preparer or approver, not an assessor
    of the application."""
    require(user, "assessment.handle_complaint", complaint.application)
    decision = complaint.decision
    involved = decision is not None and user.pk in (decision.prepared_by_id, decision.approved_by_id)
    involved = involved or Assignment.objects.filter(application=complaint.application, assessor=user).exists()
    if involved:
        raise PermissionDenied(_("You took part in the decision complained about; a colleague handles it."))


def complaint_take_up(officer, complaint) -> Complaint:
    _independent(officer, complaint)
    with transaction.atomic():
        complaint = locked(complaint)
        before = _state(complaint)
        move(complaint, ComplaintStatus.IN_HANDLING, COMPLAINT_TRANSITIONS, ComplaintStatus)
        complaint.handler, complaint.taken_up_at = officer, clock.now()
        complaint.save(update_fields=["status", "handler", "taken_up_at"])
        audit.record(officer, "complaint.taken_up", complaint, before=before, after=_state(complaint))
    return complaint


def complaint_answer(officer, complaint, *, outcome, answer) -> Complaint:
    _independent(officer, complaint)
    errors = {}
    if outcome not in ComplaintOutcome.values:
        errors["outcome"] = _("Choose the outcome.")
    answer = text(answer, "answer", errors, required=True, max_length=20000)
    fail_if(errors)
    with transaction.atomic():
        complaint = locked(complaint)
        if complaint.handler_id not in (None, officer.pk):
            raise Conflict(_("Another officer handles this complaint."), code="other_handler")
        before = _state(complaint)
        move(complaint, ComplaintStatus.ANSWERED, COMPLAINT_TRANSITIONS, ComplaintStatus)
        now = clock.now()
        complaint.handler = complaint.handler or officer
        complaint.taken_up_at = complaint.taken_up_at or now
        complaint.outcome, complaint.answer, complaint.answered_at, complaint.answered_by = (
            outcome,
            answer,
            now,
            officer,
        )
        complaint.save()
        audit.record(
            officer,
            "complaint.answered",
            complaint,
            before=before,
            after=_state(complaint),
            data={"late": clock.to_local(now).date() > complaint.answer_due_on},
        )
    return complaint


def complaint_withdraw(user, complaint, *, reason="") -> Complaint:
    """The complainant (a member of the applicant) withdraws the complaint, or an officer records it."""
    require(
        user, "assessment.register_complaint", complaint.application, _("Only the complainant withdraws a complaint.")
    )
    errors = {}
    reason = text(reason, "reason", errors, max_length=4000)
    fail_if(errors)
    with transaction.atomic():
        complaint = locked(complaint)
        before = _state(complaint)
        move(complaint, ComplaintStatus.WITHDRAWN, COMPLAINT_TRANSITIONS, ComplaintStatus)
        complaint.withdrawn_at = clock.now()
        complaint.save(update_fields=["status", "withdrawn_at"])
        audit.record(
            user, "complaint.withdrawn", complaint, before=before, after=_state(complaint), data={"reason": reason}
        )
    return complaint
