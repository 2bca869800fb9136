"""The gate's API with the test-only model: the conditions-fulfilled step over HTTP, four eyes included."""

import pytest

from subsidia.core import approvals, clock

from .test_approvals import dossier, dossier_table  # noqa: F401  (fixtures)


@pytest.fixture
def conditional(officer, dossier):  # noqa: F811
    req = approvals.request_approval(officer, dossier)
    approvals.record_decision(
        officer,
        req,
        outcome="approved_with_conditions",
        decision_date=clock.today(),
        reference="MC/9",
        taken_in="test",
        conditions="Lower the budget.",
    )
    return req


def test_prepare_then_confirm_over_the_api(api_as, officer, approver, conditional, dossier):  # noqa: F811
    dossier.budget_cents = 100
    dossier.save()
    url = f"/api/v1/approval-requests/{conditional.pk}/"
    assert api_as(approver).post(url + "confirm-conditions/").status_code == 409  # nothing prepared yet
    response = api_as(officer).post(url + "prepare-conditions/")
    assert response.status_code == 200
    assert response.json()["decision"]["conditions_prepared_hash"] == approvals.current_hash(dossier)
    assert api_as(officer).post(url + "confirm-conditions/").status_code == 403  # not an authorising officer
    response = api_as(approver).post(url + "confirm-conditions/")
    assert response.status_code == 200
    assert response.json()["decision"]["conditions_fulfilled_hash"] == approvals.current_hash(dossier)
    assert approvals.is_approved(dossier)


def test_withdraw_over_the_api_needs_a_reason(api_as, officer, dossier):  # noqa: F811
    req = approvals.request_approval(officer, dossier)
    url = f"/api/v1/approval-requests/{req.pk}/withdraw/"
    assert api_as(officer).post(url, {}, format="json").status_code == 400
    response = api_as(officer).post(url, {"reason": "postponed"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
