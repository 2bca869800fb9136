"""Bad input is refused with a clear message and changes nothing: points out of range, a missing justification,
an assessor scoring an application not assigned to them or after declaring a conflict, a decision approved by
its preparer, a selection beyond the call's budget."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.core.tests.factories import UserFactory

from .. import selectors, services
from ..constants import AssignmentStatus, Capacity, DecisionStatus
from ..models import BudgetRelease, DecisionLetter, Score, SelectionLine
from . import factories as f
from .scenario import assessed_call, assessors, declare_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def accepted():
    call = f.assessment_call()
    application = f.submitted(call)
    f.eligible(application)
    assessor = f.assessor_user()
    assignment = f.assign(application, assessor)
    declare_for(assessor, application, Capacity.ASSESSOR)
    assignment.refresh_from_db()
    return assignment


def criterion(assignment, position=1):
    return assignment.application.call.award_criteria.get(position=position)


def events(action):
    return AuditEvent.objects.filter(action=action).count()


@pytest.mark.parametrize("points", ["30.01", "-1", "12.345", "abc", 12.5, "NaN", "1e9"])
def test_points_out_of_range_or_unreadable_are_refused(accepted, points):
    with pytest.raises(RuleViolation) as refused:
        services.score_save(
            accepted.assessor, accepted, criterion=criterion(accepted), points=points, justification="Reasons."
        )
    assert "points" in refused.value.errors
    assert not Score.objects.exists() and events("score.saved") == 0


def test_the_maximum_is_the_criterions(accepted):
    with pytest.raises(RuleViolation, match="between 0 and 30"):
        services.score_save(accepted.assessor, accepted, criterion=criterion(accepted), points="31", justification="x")


@pytest.mark.parametrize("justification", ["", "   ", None])
def test_a_justification_is_required(accepted, justification):
    with pytest.raises(RuleViolation) as refused:
        services.score_save(
            accepted.assessor, accepted, criterion=criterion(accepted), points="20", justification=justification
        )
    assert refused.value.errors["justification"] == ["This field is required."]
    assert not Score.objects.exists()


def test_a_criterion_of_another_call_is_refused(accepted):
    other = f.assessment_call().award_criteria.first()
    with pytest.raises(RuleViolation, match="does not belong to the call"):
        services.score_save(accepted.assessor, accepted, criterion=other, points="10", justification="x")


def test_an_assessor_cannot_score_an_application_not_assigned_to_them(accepted):
    stranger = f.assessor_user()
    with pytest.raises(PermissionDenied, match="not assigned to you"):
        services.score_save(stranger, accepted, criterion=criterion(accepted), points="20", justification="x")
    assert not Score.objects.exists()


def test_scoring_waits_for_the_declaration():
    call = f.assessment_call()
    application = f.submitted(call)
    f.eligible(application)
    assessor = f.assessor_user()
    assignment = f.assign(application, assessor)
    with pytest.raises(Conflict, match="no conflict of interest"):
        services.score_save(assessor, assignment, criterion=call.award_criteria.first(), points="1", justification="x")


def test_a_declared_conflict_removes_the_assignment_and_bars_scoring(accepted):
    assessor, application = accepted.assessor, accepted.application
    services.score_save(assessor, accepted, criterion=criterion(accepted), points="20", justification="Draft.")
    # Declaring a conflict later (the existing declaration turns into one, never back).
    services.declare(
        assessor, application, capacity=Capacity.ASSESSOR, has_conflict=True, conflict_reason="My sister runs it."
    )
    accepted.refresh_from_db()
    assert accepted.status == AssignmentStatus.CONFLICT
    with pytest.raises(PermissionDenied):
        services.score_save(assessor, accepted, criterion=criterion(accepted), points="21", justification="x")
    assert Score.objects.get().points == Decimal("20.00")
    with pytest.raises(Conflict):
        services.declare(assessor, application, capacity=Capacity.ASSESSOR, has_conflict=False)


def test_a_conflict_needs_its_reason(accepted):
    with pytest.raises(RuleViolation) as refused:
        services.declare(accepted.assessor, accepted.application, capacity=Capacity.ASSESSOR, has_conflict=True)
    assert "conflict_reason" in refused.value.errors
    accepted.refresh_from_db()
    assert accepted.status == AssignmentStatus.ACCEPTED


def test_submitting_needs_every_criterion(accepted):
    services.score_save(accepted.assessor, accepted, criterion=criterion(accepted), points="20", justification="x")
    with pytest.raises(RuleViolation, match="Score every criterion"):
        services.scores_submit(accepted.assessor, accepted)
    accepted.refresh_from_db()
    assert accepted.status == AssignmentStatus.ACCEPTED


MARKS = [[28, 27, 18, 18], [25, 25, 15, 15], [22, 22, 14, 14]]


def test_a_decision_is_never_approved_by_its_preparer(officer, approver):
    both = UserFactory(username="both", role="programme_officer")
    both.groups.add(*approver.groups.all())
    call, _apps = assessed_call(officer, assessors(2), MARKS, budget="100000.00")
    decision = services.decision_prepare(both, call)
    for line in decision.lines.all():
        declare_for(both, line.application, Capacity.AUTHORISING_OFFICER)
    with pytest.raises(PermissionDenied, match="Four eyes"):
        services.decision_approve(both, decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PREPARED
    assert not SelectionLine.objects.filter(committed=True).exists()
    assert not DecisionLetter.objects.exists()


def test_the_approver_declares_first(officer, approver):
    call, _apps = assessed_call(officer, assessors(2), MARKS, budget="100000.00")
    decision = services.decision_prepare(officer, call)
    with pytest.raises(Conflict, match="Declare first"):
        services.decision_approve(approver, decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PREPARED


def test_a_selection_beyond_the_budget_is_refused(officer, approver):
    call, _apps = assessed_call(officer, assessors(2), MARKS, budget="100000.00")
    decision = services.decision_prepare(officer, call)
    assert decision.eu_total == Decimal("100000.00")
    # Meanwhile part of the budget went back to the allocation: the prepared selection no longer fits.
    BudgetRelease.objects.create(
        call=call, amount=Decimal("1.00"), reason="test", released_at=decision.prepared_at, released_by=officer
    )
    for line in decision.lines.all():
        declare_for(approver, line.application, Capacity.AUTHORISING_OFFICER)
    with pytest.raises(Conflict, match="cannot be over-committed"):
        services.decision_approve(approver, decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PREPARED
    assert selectors.call_budget_use(call)["committed"] == 0
    assert not DecisionLetter.objects.exists()


def test_one_open_decision_per_call(officer):
    call, _apps = assessed_call(officer, assessors(2), MARKS)
    services.decision_prepare(officer, call)
    with pytest.raises(Conflict, match="already awaiting approval"):
        services.decision_prepare(officer, call)


def test_scores_freeze_once_a_decision_is_prepared(officer):
    call, apps = assessed_call(officer, assessors(2), MARKS)
    services.decision_prepare(officer, call)
    assignment = apps[0].assignments.first()
    with pytest.raises(Conflict):
        services.assignment_withdraw(officer, assignment, reason="Too late")


def test_an_incomplete_assessment_blocks_the_decision(officer):
    call = f.assessment_call()
    application = f.submitted(call)
    f.eligible(application)
    with pytest.raises(Conflict, match="not complete"):
        services.decision_prepare(officer, call)


def test_unknown_capacity_and_wrong_role(accepted, officer):
    with pytest.raises(RuleViolation):
        services.declare(accepted.assessor, accepted.application, capacity="king", has_conflict=False)
    with pytest.raises(PermissionDenied):
        services.declare(accepted.assessor, accepted.application, capacity=Capacity.AUTHORISING_OFFICER,
                         has_conflict=False)
