"""Eligibility under four eyes, balanced assignment and reassignment after a conflict, complaints with their due
dates, the methodology through the committee gate, visibility of results, and one audit event per change."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from subsidia.applications.models import Membership
from subsidia.core import clock
from subsidia.core.approval_models import ApprovalStatus
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.core.tests.factories import UserFactory

from .. import selectors, services
from ..constants import AssignmentStatus, Capacity, CheckStatus, ComplaintStatus, LetterKind, Principle, ProgrammeCheck
from ..models import Assignment, DecisionLetter
from . import factories as f
from .scenario import assessed_call, assessors, check_eligible, declare_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_an_ineligible_application_needs_a_second_officer(officer, officer2):
    call = f.assessment_call()
    application = f.submitted(call)
    declare_for(officer, application, Capacity.ELIGIBILITY_OFFICER)
    check = services.check_start(officer, application)
    with pytest.raises(RuleViolation) as refused:
        services.check_answer(officer, check, met=False, programme_check=ProgrammeCheck.NOT_COMPLETED)
    assert "reason" in refused.value.errors
    for criterion in call.eligibility_criteria.all():
        services.check_answer(officer, check, met=True, criterion=criterion)
    with pytest.raises(RuleViolation, match="Answer every line"):
        services.check_conclude(officer, check)
    for programme_check in ProgrammeCheck.values:
        services.check_answer(officer, check, met=True, programme_check=programme_check)
    services.check_answer(
        officer, check, met=False, reason="Works finished in 2023.", programme_check=ProgrammeCheck.NOT_COMPLETED
    )
    check = services.check_conclude(officer, check)
    assert check.status == CheckStatus.INELIGIBILITY_PROPOSED and "2023" in check.reasons
    with pytest.raises(Conflict, match="Four eyes"):
        declare_for(officer, application, Capacity.ELIGIBILITY_OFFICER)
        services.check_confirm(officer, check)
    with pytest.raises(Conflict, match="declare"):
        services.check_confirm(officer2, check)
    declare_for(officer2, application, Capacity.ELIGIBILITY_OFFICER)
    check = services.check_confirm(officer2, check)
    assert check.status == CheckStatus.INELIGIBLE
    letter = services.letters_for_ineligible(officer2, check)
    assert letter.kind == LetterKind.INELIGIBLE and letter.verify()
    assert services.letters_for_ineligible(officer2, check) == letter
    assert AuditEvent.objects.filter(action="eligibility_check.confirmed").count() == 1


def test_an_officer_of_the_applicant_cannot_check_it(officer):
    call = f.assessment_call()
    application = f.submitted(call)
    Membership.objects.create(
        organisation=application.organisation, user=officer, role="editor", added_at=clock.now(), added_by=officer
    )
    with pytest.raises(PermissionDenied):
        services.check_start(officer, application)


def test_balanced_assignment_and_reassignment_after_a_conflict(officer):
    call = f.assessment_call(number_of_assessors=2)
    pool = assessors(4, prefix="pool")
    applications = [f.submitted(call) for _ in range(6)]
    for application in applications:
        check_eligible(officer, application)
    # A member of the first applicant is in the pool: never assigned to it.
    Membership.objects.create(
        organisation=applications[0].organisation, user=pool[0], role="editor", added_at=clock.now(), added_by=officer
    )
    created = services.assign_balanced(officer, call)
    assert len(created) == 12
    loads = [Assignment.objects.filter(assessor=user).count() for user in pool]
    assert max(loads) - min(loads) <= 1
    assert not Assignment.objects.filter(application=applications[0], assessor=pool[0]).exists()
    assert services.assign_balanced(officer, call) == []  # nothing left to do
    with pytest.raises(RuleViolation, match="member of the applicant"):
        services.assign(officer, applications[0], pool[0])
    # A conflict removes the assignment and hands it to a free assessor.
    assignment = Assignment.objects.filter(application=applications[1]).first()
    services.declare(
        assignment.assessor, applications[1], capacity=Capacity.ASSESSOR, has_conflict=True, conflict_reason="Friend"
    )
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.CONFLICT
    active = Assignment.objects.filter(application=applications[1], status=AssignmentStatus.ASSIGNED)
    assert active.count() == 2 and assignment.assessor_id not in active.values_list("assessor_id", flat=True)
    with pytest.raises(RuleViolation, match="conflict of interest"):
        services.assign(officer, applications[1], assignment.assessor)


def test_a_pool_too_small_changes_nothing(officer):
    call = f.assessment_call(number_of_assessors=3)
    assessors(2, prefix="small")
    application = f.submitted(call)
    check_eligible(officer, application)
    with pytest.raises(Conflict, match="Not enough assessors"):
        services.assign_balanced(officer, call)
    assert not Assignment.objects.exists()


def test_consensus_by_the_lead_assessor(officer):
    call = f.assessment_call(consolidation="consensus", budget="100000.00")
    application = f.submitted(call)
    f.eligible(application)
    lead, other = f.assessor_user(), f.assessor_user()
    f.scored(application, lead, [20, 20, 12, 12], lead=True)
    f.scored(application, other, [26, 26, 16, 16])
    criteria = list(call.award_criteria.order_by("position"))
    with pytest.raises(PermissionDenied):
        services.consensus_save(other, application, criterion=criteria[0], points="23", justification="x")
    for criterion, points in zip(criteria, ["23", "23.5", "14", "14"], strict=True):
        services.consensus_save(lead, application, criterion=criterion, points=points, justification="Agreed.")
    services.consensus_submit(lead, application)
    row = selectors.ranking(call)[0]
    assert row.total == Decimal("74.50") and row.flagged is True  # the assessors were 20 points apart


def test_results_and_letters_only_after_the_decision(officer, approver, applicant):
    call, apps = assessed_call(officer, assessors(2), [[28, 27, 18, 18], [25, 25, 15, 15]], budget="100000.00")
    Membership.objects.create(
        organisation=apps[0].organisation, user=applicant, role="editor", added_at=clock.now(), added_by=officer
    )
    assert not selectors.application_results_visible_to(applicant, apps[0])
    decision = services.decision_prepare(officer, call)
    assert not selectors.application_results_visible_to(applicant, apps[0])
    for line in decision.lines.all():
        declare_for(approver, line.application, Capacity.AUTHORISING_OFFICER)
    services.decision_approve(approver, decision)
    assert selectors.application_results_visible_to(applicant, apps[0])
    assert not selectors.application_results_visible_to(applicant, apps[1])
    assert list(selectors.letters_visible_to(applicant)) == [DecisionLetter.objects.get(application=apps[0])]
    letter = DecisionLetter.objects.get(application=apps[0])
    content = __import__("json").loads(letter.content)
    assert content["language"] == "nl" and content["kind"] == "selected"
    assert content["publication"]["basis"] == "CPR art. 49(5)" and content["complaint"]["days"] == 30
    assert [s["points"] for s in content["scores"]] == ["28.00", "27.00", "18.00", "18.00"]


def test_complaints_are_handled_by_someone_not_involved(officer, officer2, approver, applicant):
    call, apps = assessed_call(officer, assessors(2), [[28, 27, 18, 18]], budget="100000.00")
    decision = services.decision_prepare(officer, call)
    declare_for(approver, apps[0], Capacity.AUTHORISING_OFFICER)
    services.decision_approve(approver, decision)
    Membership.objects.create(
        organisation=apps[0].organisation, user=applicant, role="editor", added_at=clock.now(), added_by=officer
    )
    received = clock.now() - dt.timedelta(hours=1)
    with pytest.raises(RuleViolation) as refused:
        services.complaint_register(applicant, apps[0], channel="fax", received_at=received, subject="", text="x")
    assert {"channel", "subject"} <= set(refused.value.errors)
    complaint = services.complaint_register(
        applicant, apps[0], channel="portal", received_at=received, subject="Scores", text="Criterion 2 is wrong."
    )
    assert complaint.within_time_limit and complaint.answer_due_on == clock.to_local(received).date() + dt.timedelta(45)
    with pytest.raises(PermissionDenied):
        services.complaint_take_up(officer, complaint)  # prepared the decision
    services.complaint_take_up(officer2, complaint)
    complaint = services.complaint_answer(officer2, complaint, outcome="rejected", answer="The scores stand.")
    assert complaint.status == ComplaintStatus.ANSWERED
    with pytest.raises(Conflict):
        services.complaint_withdraw(applicant, complaint)


def test_methodology_states_the_principles_before_the_committee(officer):
    call = f.assessment_call()
    methodology = services.methodology_save(officer, call, procedure_nl="Twee beoordelaars per aanvraag.")
    with pytest.raises(RuleViolation, match="73"):
        services.methodology_submit(officer, methodology)
    texts = {f"{p}_nl": f"Zo verzekeren we {p}." for p in Principle.values}
    methodology = services.methodology_save(officer, call, **texts)
    request = services.methodology_submit(officer, methodology)
    assert request.status == ApprovalStatus.PENDING
    with pytest.raises(RuleViolation):
        services.methodology_save(officer, call, nonsense_nl="x")


def test_api_scores_and_refusals(api_as, officer):
    call = f.assessment_call()
    application = f.submitted(call)
    f.eligible(application)
    assessor = f.assessor_user()
    assignment = f.assign(application, assessor)
    api = api_as(assessor)
    base = f"/api/v1/assessment/assignments/{assignment.pk}"
    criterion = call.award_criteria.get(position=1)
    answer = api.post(f"{base}/scores/", {"criterion": criterion.pk, "points": "20", "justification": "x"})
    assert answer.status_code == 409
    assert api.post(f"{base}/declare/", {"has_conflict": False}, format="json").status_code == 200
    answer = api.post(f"{base}/scores/", {"criterion": criterion.pk, "points": "99", "justification": "x"})
    assert answer.status_code == 400 and "points" in answer.json()["errors"]
    answer = api.post(f"{base}/scores/", {"criterion": criterion.pk, "points": "20", "justification": ""})
    assert answer.status_code == 400
    answer = api.post(f"{base}/scores/", {"criterion": 99999, "points": "20", "justification": "x"})
    assert answer.status_code == 400
    answer = api.post(f"{base}/scores/", {"criterion": criterion.pk, "points": "20.50", "justification": "Good."})
    assert answer.status_code == 200 and answer.json()["scores"][0]["points"] == "20.50"
    assert api.post(f"{base}/submit-scores/").status_code == 400
    stranger = api_as(UserFactory(username="stranger", role="assessor"))
    assert stranger.post(f"{base}/scores/", {"criterion": criterion.pk, "points": "1"}).status_code == 404
    officer_api = api_as(officer)
    ranking = officer_api.get(f"/api/v1/assessment/rankings/{call.pk}/?budget=abc")
    assert ranking.status_code == 400
    ranking = officer_api.get(f"/api/v1/assessment/rankings/{call.pk}/?budget=1000")
    assert ranking.status_code == 200 and ranking.json()["rows"][0]["outcome"] == "incomplete"
    assert officer_api.post("/api/v1/assessment/decisions/", {"call": call.pk}).status_code == 409
    assert officer_api.post("/api/v1/assessment/decisions/", {"call": "x"}).status_code == 400
