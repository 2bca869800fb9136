"""The approval gate with a test-only approvable model: hash pinning, decisions, withdrawal, conditions."""

import datetime as dt
import hashlib
import json

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction

from subsidia.core import approvals, clock
from subsidia.core.approval_models import ApprovalDecision, ApprovalRequest, ApprovalStatus
from subsidia.core.exceptions import Conflict, PermissionDenied, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.core.tests.factories import UserFactory
from subsidia.core.tests.gate_models import Dossier


@pytest.fixture(scope="session")
def dossier_table(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        # Idempotent: modules that import this fixture each get their own session-scoped copy.
        if Dossier._meta.db_table not in connection.introspection.table_names():
            with connection.schema_editor() as editor:
                editor.create_model(Dossier)
        # Committed once, so the content-type cache never points at a row a test rolled back.
        ContentType.objects.clear_cache()
        ContentType.objects.get_for_model(Dossier)


@pytest.fixture
def dossier(db, dossier_table):
    return Dossier.objects.create(
        title="Call 2025", budget_cents=150_000_000,
        criteria=[{"code": "A", "weight": 60}, {"code": "B", "weight": 40}],
    )


def decide(officer, req, outcome="approved", **kwargs):
    kwargs.setdefault("decision_date", clock.today())
    kwargs.setdefault("reference", "MC-T/1")
    kwargs.setdefault("taken_in", "test meeting")
    if outcome == "approved_with_conditions":
        kwargs.setdefault("conditions", "Lower criterion B's weight to 30.")
    return approvals.record_decision(officer, req, outcome=outcome, **kwargs)


def change(actor, obj, **fields):
    previous = approvals.current_hash(obj)
    for key, value in fields.items():
        setattr(obj, key, value)
    obj.save()
    return approvals.after_change(actor, obj, previous_hash=previous)


def actions(req):
    return list(AuditEvent.objects.filter(object_type="core.approvalrequest", object_id=str(req.pk))
                .order_by("sequence").values_list("action", flat=True))


# --- Hash pinning -----------------------------------------------------------------------------------------


def test_request_pins_the_sha256_of_the_exact_canonical_content(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    assert req.content_hash == hashlib.sha256(req.content.encode("utf-8")).hexdigest()
    assert approvals.content_verifies(req)
    parsed = json.loads(req.content)
    assert parsed == {"type": "subsidia_gate_tests.dossier", "id": dossier.pk,
                      "content": {"budget_cents": 150_000_000,
                                  "criteria": [{"code": "A", "weight": 60}, {"code": "B", "weight": 40}]}}
    # RFC 8785: keys sorted, no whitespace.
    assert req.content.startswith('{"content":{"budget_cents":150000000,"criteria":[{"code":"A","weight":60}')
    assert req.status == ApprovalStatus.PENDING
    assert actions(req) == ["approval.requested"]


def test_tampered_stored_content_no_longer_verifies(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    ApprovalRequest.objects.filter(pk=req.pk).update(content=req.content.replace("150000000", "990000000"))
    req.refresh_from_db()
    assert not approvals.content_verifies(req)


def test_non_substantive_field_does_not_change_the_hash(dossier):
    before = approvals.current_hash(dossier)
    dossier.title = "Call 2025 (typo fixed)"
    dossier.notes = "internal"
    assert approvals.current_hash(dossier) == before
    dossier.budget_cents += 1
    assert approvals.current_hash(dossier) != before


def test_order_of_related_rows_does_not_change_the_hash(dossier):
    before = approvals.current_hash(dossier)
    dossier.criteria = list(reversed(dossier.criteria))
    assert approvals.current_hash(dossier) == before


def test_two_objects_with_equal_content_hash_differently(dossier):
    twin = Dossier.objects.create(title="twin", budget_cents=dossier.budget_cents, criteria=dossier.criteria)
    assert approvals.current_hash(twin) != approvals.current_hash(dossier)


# --- Requests ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["committee_member", "authorising_officer", "auditor", "applicant", None])
def test_only_a_programme_officer_puts_an_object_to_the_committee(db, dossier, role):
    user = UserFactory(role=role)
    with pytest.raises(PermissionDenied):
        approvals.request_approval(user, dossier)
    assert not ApprovalRequest.objects.exists()


def test_the_same_content_cannot_await_the_committee_twice(officer, dossier):
    approvals.request_approval(officer, dossier)
    with pytest.raises(Conflict) as exc:
        approvals.request_approval(officer, dossier)
    assert exc.value.code == "already_pending"
    assert ApprovalRequest.objects.count() == 1


def test_a_new_content_replaces_the_pending_request_and_says_so(officer, dossier):
    first = approvals.request_approval(officer, dossier)
    dossier.budget_cents = 1
    dossier.save()  # without after_change: request_approval still withdraws the stale request
    second = approvals.request_approval(officer, dossier)
    first.refresh_from_db()
    assert first.status == ApprovalStatus.WITHDRAWN and first.withdrawn_reason
    assert second.status == ApprovalStatus.PENDING
    assert actions(first) == ["approval.requested", "approval.withdrawn"]


def test_database_allows_one_pending_request_per_object(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    with pytest.raises(IntegrityError), transaction.atomic():
        ApprovalRequest.objects.create(
            content_type=req.content_type, object_id=req.object_id, object_label="x", content_hash="0" * 64,
            content="{}", submitted_by=officer, submitted_at=clock.now(),
        )


def test_already_approved_content_is_not_submitted_again(officer, dossier):
    decide(officer, approvals.request_approval(officer, dossier))
    with pytest.raises(Conflict) as exc:
        approvals.request_approval(officer, dossier)
    assert exc.value.code == "already_approved"


def test_officer_withdraws_a_pending_request_with_a_reason(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    with pytest.raises(RuleViolation):
        approvals.withdraw(officer, req, "  ")
    approvals.withdraw(officer, req, "the call is postponed")
    req.refresh_from_db()
    assert req.status == ApprovalStatus.WITHDRAWN
    with pytest.raises(Conflict):
        approvals.withdraw(officer, req, "again")


# --- Decisions --------------------------------------------------------------------------------------------


def test_an_approval_lets_the_object_be_used(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    assert not approvals.is_approved(dossier)
    with pytest.raises(Conflict) as exc:
        approvals.require_approved(dossier)
    assert exc.value.code == "not_approved" and "Call 2025" in exc.value.message
    decision = decide(officer, req, votes_for=9, votes_against=1, abstentions=2)
    req.refresh_from_db()
    assert req.status == ApprovalStatus.APPROVED
    assert decision.votes_for == 9 and decision.recorded_by == officer
    assert approvals.is_approved(dossier)
    approvals.require_approved(dossier)
    event = AuditEvent.objects.get(action="approval.approved")
    assert event.data["content_hash"] == req.content_hash and event.data["votes_for"] == 9


def test_a_rejection_does_not_let_the_object_be_used(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    decide(officer, req, outcome="rejected", votes_for=2, votes_against=8)
    assert not approvals.is_approved(dossier)
    assert approvals.approval_state(dossier).latest.status == ApprovalStatus.REJECTED


@pytest.mark.parametrize("role", ["committee_member", "authorising_officer", "auditor"])
def test_only_the_secretariat_records_a_decision(db, officer, dossier, role):
    req = approvals.request_approval(officer, dossier)
    with pytest.raises(PermissionDenied):
        decide(UserFactory(role=role), req)
    assert not ApprovalDecision.objects.exists()


def test_decision_refusals_change_nothing(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    with pytest.raises(RuleViolation) as exc:
        decide(officer, req, decision_date=clock.today() + dt.timedelta(days=1))
    assert "decision_date" in exc.value.errors
    with pytest.raises(RuleViolation):
        decide(officer, req, decision_date=clock.today() - dt.timedelta(days=1))  # before the submission
    with pytest.raises(RuleViolation):
        decide(officer, req, reference=" ")
    with pytest.raises(RuleViolation):
        decide(officer, req, votes_against=-1)
    with pytest.raises(Conflict):
        decide(officer, req, outcome="approved_with_conditions", conditions=" ")
    with pytest.raises(Conflict):
        decide(officer, req, outcome="maybe")
    req.refresh_from_db()
    assert req.status == ApprovalStatus.PENDING and not ApprovalDecision.objects.exists()


def test_a_request_is_decided_once(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    decide(officer, req)
    with pytest.raises(Conflict) as exc:
        decide(officer, req, outcome="rejected")
    assert exc.value.code == "not_pending"


def test_decided_signal_is_sent_after_commit(officer, dossier, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, request, **kwargs):
        received.append(request.pk)

    approvals.approval_decided.connect(receiver)
    try:
        req = approvals.request_approval(officer, dossier)
        with django_capture_on_commit_callbacks(execute=True):
            decide(officer, req)
    finally:
        approvals.approval_decided.disconnect(receiver)
    assert received == [req.pk]


# --- Changes after a request or a decision ----------------------------------------------------------------


def test_substantive_change_after_approval_withdraws_it_visibly(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    decide(officer, req)
    old_hash = approvals.current_hash(dossier)
    assert change(officer, dossier, budget_cents=160_000_000) is True
    req.refresh_from_db()
    assert req.status == ApprovalStatus.WITHDRAWN and req.withdrawn_at is not None
    assert not approvals.is_approved(dossier)
    state = approvals.approval_state(dossier)
    assert state.withdrawn and not state.approved
    event = AuditEvent.objects.filter(action="approval.withdrawn").get()
    assert event.before == {"status": "approved"} and event.after == {"status": "withdrawn"}
    assert event.data["previous_hash"] == old_hash
    assert event.data["new_hash"] == approvals.current_hash(dossier)


def test_typo_fix_after_approval_keeps_it(officer, dossier):
    decide(officer, approvals.request_approval(officer, dossier))
    assert change(officer, dossier, title="Call 2025 — corrected") is False
    assert approvals.is_approved(dossier)
    assert not AuditEvent.objects.filter(action="approval.withdrawn").exists()


def test_substantive_change_while_pending_withdraws_the_request_but_clears_no_approval(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    assert change(officer, dossier, criteria=[{"code": "A", "weight": 100}]) is False
    req.refresh_from_db()
    assert req.status == ApprovalStatus.WITHDRAWN


def test_reverting_to_approved_content_does_not_revive_a_withdrawn_approval(officer, dossier):
    decide(officer, approvals.request_approval(officer, dossier))
    original = dossier.budget_cents
    change(officer, dossier, budget_cents=original + 100)
    change(officer, dossier, budget_cents=original)
    assert not approvals.is_approved(dossier)
    # …and it can be put to the committee again.
    assert approvals.request_approval(officer, dossier).status == ApprovalStatus.PENDING


def test_the_hash_is_computed_when_asked_even_without_after_change(officer, dossier):
    decide(officer, approvals.request_approval(officer, dossier))
    Dossier.objects.filter(pk=dossier.pk).update(budget_cents=1)
    dossier.refresh_from_db()
    assert not approvals.is_approved(dossier)


# --- Approved with conditions: amend, prepare, confirm (four eyes) ----------------------------------------


@pytest.fixture
def conditional(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    decide(officer, req, outcome="approved_with_conditions")
    req.refresh_from_db()
    return req


def test_approval_with_conditions_is_not_yet_usable(conditional, dossier):
    assert conditional.status == ApprovalStatus.APPROVED_WITH_CONDITIONS
    assert not approvals.is_approved(dossier)
    assert approvals.approval_state(dossier).awaiting_conditions


def test_conditions_fulfilled_records_the_new_hash_after_four_eyes(
    officer, approver, conditional, dossier, django_capture_on_commit_callbacks
):
    informed = []
    approvals.conditions_fulfilled.connect(
        lambda sender, request, **kw: informed.append(request.pk), weak=False, dispatch_uid="test-conditions"
    )
    try:
        # The officer amends the object to meet the conditions: this does not withdraw the decision.
        amended = [{"code": "A", "weight": 70}, {"code": "B", "weight": 30}]
        assert change(officer, dossier, criteria=amended) is False
        conditional.refresh_from_db()
        assert conditional.status == ApprovalStatus.APPROVED_WITH_CONDITIONS
        approvals.prepare_conditions_fulfilled(officer, conditional, dossier)
        assert not approvals.is_approved(dossier)
        with django_capture_on_commit_callbacks(execute=True):
            decision = approvals.confirm_conditions_fulfilled(approver, conditional, dossier)
    finally:
        approvals.conditions_fulfilled.disconnect(dispatch_uid="test-conditions")
    new_hash = approvals.current_hash(dossier)
    assert decision.conditions_fulfilled_hash == new_hash != conditional.content_hash
    assert hashlib.sha256(decision.conditions_fulfilled_content.encode()).hexdigest() == new_hash
    assert decision.conditions_prepared_by == officer and decision.conditions_fulfilled_by == approver
    assert approvals.is_approved(dossier)
    assert informed == [conditional.pk]
    assert actions(conditional)[-2:] == ["approval.conditions_prepared", "approval.conditions_fulfilled"]


def test_the_preparer_cannot_confirm_their_own_work(db, conditional, dossier):
    both = UserFactory(role="programme_officer")
    both.groups.add(*UserFactory(role="authorising_officer").groups.all())
    both = type(both).objects.get(pk=both.pk)  # forget the cached roles
    approvals.prepare_conditions_fulfilled(both, conditional, dossier)
    with pytest.raises(PermissionDenied):
        approvals.confirm_conditions_fulfilled(both, conditional, dossier)
    assert not approvals.is_approved(dossier)


def test_database_refuses_the_same_person_preparing_and_confirming(officer, conditional):
    decision = conditional.decision
    decision.conditions_prepared_by = officer
    decision.conditions_fulfilled_by = officer
    with pytest.raises(IntegrityError), transaction.atomic():
        decision.save()


def test_only_an_authorising_officer_confirms(officer, officer2, conditional, dossier):
    approvals.prepare_conditions_fulfilled(officer, conditional, dossier)
    with pytest.raises(PermissionDenied):
        approvals.confirm_conditions_fulfilled(officer2, conditional, dossier)


def test_confirming_needs_a_preparation_of_the_current_content(officer, approver, conditional, dossier):
    with pytest.raises(Conflict) as exc:
        approvals.confirm_conditions_fulfilled(approver, conditional, dossier)
    assert exc.value.code == "not_prepared"
    approvals.prepare_conditions_fulfilled(officer, conditional, dossier)
    change(officer, dossier, budget_cents=1)
    with pytest.raises(Conflict) as exc:
        approvals.confirm_conditions_fulfilled(approver, conditional, dossier)
    assert exc.value.code == "stale"


def test_conditions_steps_refuse_another_object(officer, approver, conditional, dossier):
    other = Dossier.objects.create(title="other", budget_cents=1)
    with pytest.raises(Conflict) as exc:
        approvals.prepare_conditions_fulfilled(officer, conditional, other)
    assert exc.value.code == "wrong_object"


def test_conditions_steps_refuse_a_plain_approval(officer, dossier):
    req = approvals.request_approval(officer, dossier)
    decide(officer, req)
    with pytest.raises(Conflict) as exc:
        approvals.prepare_conditions_fulfilled(officer, req, dossier)
    assert exc.value.code == "no_conditions"


def test_change_after_conditions_fulfilled_withdraws_the_approval(officer, approver, conditional, dossier):
    change(officer, dossier, budget_cents=140_000_000)
    approvals.prepare_conditions_fulfilled(officer, conditional, dossier)
    approvals.confirm_conditions_fulfilled(approver, conditional, dossier)
    assert change(officer, dossier, budget_cents=130_000_000) is True
    conditional.refresh_from_db()
    assert conditional.status == ApprovalStatus.WITHDRAWN
    assert not approvals.is_approved(dossier)


def test_decision_date_is_the_brussels_date_of_submission_or_later(officer, dossier):
    # Submitted at 23:30 UTC on 31 March = 01:30 on 1 April in Brussels: a decision dated 1 April is fine.
    with time_machine.travel(dt.datetime(2025, 3, 31, 23, 30, tzinfo=dt.UTC), tick=False):
        req = approvals.request_approval(officer, dossier)
        decide(officer, req, decision_date=dt.date(2025, 4, 1))
    assert approvals.is_approved(dossier)


# --- Registry ---------------------------------------------------------------------------------------------


def test_only_approvable_models_register_as_candidates():
    with pytest.raises(TypeError):
        approvals.register_candidates(ApprovalRequest, candidates=lambda user: [])
