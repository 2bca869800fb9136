"""The demo story (three Flemish calls, idempotent) and one audit event per transition."""

import os

import pytest
from django.core.management import call_command

from subsidia.calls import services
from subsidia.calls.models import Call, PlannedCall
from subsidia.core import approvals, audit
from subsidia.core.models import AuditEvent

from .factories import approve

pytestmark = pytest.mark.django_db


def test_demo_story_and_idempotent_reload(demo):
    """One load of the whole demo (it is slow): the three calls, their committee decisions, and a reload that
    adds nothing."""
    from subsidia.calls import demo as calls_demo

    calls = {c.reference: c for c in Call.objects.all()}
    assert calls[calls_demo.OPEN_CALL_REFERENCE].effective_status() == "open"
    # Closed for applications; the later stages' demos take it on to assessment and a decision.
    assert calls[calls_demo.CLOSED_CALL_REFERENCE].effective_status() in ("closed", "in_assessment", "decided")
    pending = calls[calls_demo.PENDING_CALL_REFERENCE]
    assert pending.status == "submitted"
    assert approvals.approval_state(pending).latest.status == "pending"
    for reference in (calls_demo.OPEN_CALL_REFERENCE, calls_demo.CLOSED_CALL_REFERENCE):
        assert approvals.is_approved(calls[reference])
        assert calls[reference].documents.count() == 1
        assert calls[reference].priorities.exists()
    assert PlannedCall.objects.count() == 5
    assert audit.verify().ok
    before = (Call.objects.count(), AuditEvent.objects.filter(action__startswith="call.").count())
    call_command("load_demo", "--quiet-logins", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert (Call.objects.count(), AuditEvent.objects.filter(action__startswith="call.").count()) == before


def actions(call):
    return list(
        AuditEvent.objects.filter(object_type="calls.call", object_id=str(call.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )


def test_each_transition_writes_one_audit_event(draft_call, officer, approver):
    import datetime as dt

    import time_machine

    services.call_submit_for_approval(officer, draft_call)
    approve(draft_call, officer)
    services.call_note_decision(officer, draft_call)
    services.call_publish(officer, draft_call)
    with time_machine.travel(draft_call.closes_at + dt.timedelta(seconds=1)):
        services.call_start_assessment(officer, draft_call)
    services.call_mark_decided(approver, draft_call, note="Selection decision 2031/1")
    services.call_archive(officer, draft_call)
    assert actions(draft_call) == [
        "call.submitted",
        "call.approved",
        "call.published",
        "call.assessment_started",
        "call.decided",
        "call.archived",
    ]
    event = AuditEvent.objects.get(action="call.published", object_id=str(draft_call.pk))
    assert event.before == {"status": "approved"} and event.after == {"status": "published"}
    assert event.actor == officer


def test_update_event_records_what_changed(draft_call, officer):
    services.call_update(officer, draft_call, contact="Questions: amif@example.test")
    event = AuditEvent.objects.get(action="call.updated", object_id=str(draft_call.pk))
    assert event.before == {"contact": ""} and event.after == {"contact": "Questions: amif@example.test"}


def test_refused_transition_writes_nothing(draft_call, officer):
    from subsidia.core.exceptions import Conflict

    count = AuditEvent.objects.count()
    with pytest.raises(Conflict):
        services.call_archive(officer, draft_call)
    assert AuditEvent.objects.count() == count


def test_committee_decision_signal_moves_the_call(draft_call, officer, django_capture_on_commit_callbacks):
    services.call_submit_for_approval(officer, draft_call)
    with django_capture_on_commit_callbacks(execute=True):
        approve(draft_call, officer)
    draft_call.refresh_from_db()
    assert draft_call.status == "approved"


def test_only_officers_change_calls(draft_call, applicant, assessor, auditor):
    from django.core.exceptions import PermissionDenied

    for user in (applicant, assessor, auditor):
        with pytest.raises(PermissionDenied):
            services.call_update(user, draft_call, contact="x")
        with pytest.raises(PermissionDenied):
            services.call_submit_for_approval(user, draft_call)
