"""The assessment API end to end: an assessor declares, scores and submits; the ranking is read with a what-if
budget; a decision is prepared by one officer and approved by another. Bad input is a 400/403/409, never a 500."""

import pytest

from ..constants import Capacity
from ..models import Assignment, Score
from .factories import assessment_call, submitted
from .scenario import assessors, check_eligible, declare_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

URL = "/api/v1/assessment/"


@pytest.fixture
def assigned(officer):
    from .. import services

    call = assessment_call(budget="100000.00")
    applications = [submitted(call, eu="45000.00") for _ in range(3)]
    for application in applications:
        check_eligible(officer, application)
    assessors(2)
    services.assign_balanced(officer, call)
    return call


def _score_through_the_api(api_as, assignment, points):
    client = api_as(assignment.assessor)
    base = f"{URL}assignments/{assignment.pk}/"
    assert client.post(f"{base}declare/", {"has_conflict": False}, format="json").status_code == 200
    for criterion, value in zip(assignment.application.call.award_criteria.order_by("position"), points, strict=True):
        response = client.post(
            f"{base}scores/",
            {"criterion": criterion.pk, "points": str(value), "justification": "Clear plan and budget."},
            format="json",
        )
        assert response.status_code == 200, response.content
    return client.post(f"{base}submit-scores/")


def test_assessor_scores_and_officers_decide_through_the_api(api_as, assigned, officer, approver):
    marks = [[28, 27, 18, 18], [25, 25, 15, 15], [10, 10, 5, 5]]
    for application, points in zip(assigned.applications.order_by("id"), marks, strict=True):
        for assignment in application.assignments.order_by("id"):
            assert _score_through_the_api(api_as, assignment, points).status_code == 200

    ranking = api_as(officer).get(f"{URL}rankings/{assigned.pk}/", {"budget": "45000.00"})
    assert ranking.status_code == 200 and ranking.json()["budget"] == "45000.00"
    assert api_as(officer).get(f"{URL}rankings/{assigned.pk}/", {"budget": "lots"}).status_code == 400

    prepared = api_as(officer).post(f"{URL}decisions/", {"call": assigned.pk, "reasons": "Ranked."}, format="json")
    assert prepared.status_code == 201, prepared.content
    decision_id = prepared.json()["id"]
    # Four eyes: the officer who prepared it cannot approve it.
    assert api_as(officer).post(f"{URL}decisions/{decision_id}/approve/").status_code in (403, 409)
    for application in assigned.applications.all():
        declare_for(approver, application, Capacity.AUTHORISING_OFFICER)
    approved = api_as(approver).post(f"{URL}decisions/{decision_id}/approve/")
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "approved"


def test_bad_scores_are_refused_and_change_nothing(api_as, assigned, applicant):
    assignment = Assignment.objects.filter(application__call=assigned).order_by("id").first()
    client = api_as(assignment.assessor)
    base = f"{URL}assignments/{assignment.pk}/"
    criterion = assigned.award_criteria.order_by("position").first()
    # Before the declaration the assessor may not score.
    early = client.post(f"{base}scores/", {"criterion": criterion.pk, "points": "5", "justification": "x"})
    assert early.status_code in (400, 403, 409)
    assert client.post(f"{base}declare/", {"has_conflict": "maybe"}, format="json").status_code == 400
    assert client.post(f"{base}declare/", {"has_conflict": False}, format="json").status_code == 200
    for body in (
        {"criterion": criterion.pk, "points": "999", "justification": "Too many points."},
        {"criterion": criterion.pk, "points": "5", "justification": ""},
        {"criterion": criterion.pk, "points": "five", "justification": "Not a number."},
        {"criterion": 999999, "points": "5", "justification": "Unknown criterion."},
    ):
        assert client.post(f"{base}scores/", body, format="json").status_code == 400, body
    assert not Score.objects.filter(assignment=assignment).exists()
    # Someone else's assignment is not there for an applicant; a missing one is a 404.
    assert api_as(applicant).post(f"{base}declare/", {"has_conflict": False}, format="json").status_code == 404
    assert client.get(f"{URL}assignments/999999/").status_code == 404


def test_the_api_needs_a_login(api):
    assert api.get(f"{URL}assignments/").status_code in (401, 403)
    assert api.get(f"{URL}decisions/").status_code in (401, 403)
