"""The API contracts checked from outside: public list without login, officers see drafts, publish refused
(409)
without the committee's approval of the current content, transitions as POST actions."""

import pytest

from subsidia.calls.constants import CallStatus
from subsidia.calls.models import Call

from .factories import CallFactory, approve, complete

pytestmark = pytest.mark.django_db

URL = "/api/v1/calls/"
PUBLIC = ("published", "in_assessment", "decided", "archived")


@pytest.fixture
def calls_in_every_status(programme, officer):
    import datetime as dt

    from subsidia.core import clock

    made = {}
    for status in CallStatus.values:
        published = clock.now() - dt.timedelta(days=3) if status in (*PUBLIC, "withdrawn") else None
        made[status] = complete(
            CallFactory(
                programme=programme,
                status=status,
                published_at=published,
                reference=f"API-{status.upper()}",
                budget="100000.00",
                max_grant="50000.00",
            )
        )
    made["never-published-withdrawn"] = CallFactory(
        programme=programme,
        status="withdrawn",
        reference="API-WITHDRAWN-EARLY",
        budget="1000.00",
        min_grant="0.00",
        max_grant="500.00",
    )
    return made


def test_anonymous_list_shows_only_public_statuses(api, calls_in_every_status):
    response = api.get(URL, {"page_size": 100})
    assert response.status_code == 200
    references = {row["reference"] for row in response.json()["results"]}
    assert references == {f"API-{s.upper()}" for s in (*PUBLIC, "withdrawn")}
    for hidden in ("DRAFT", "SUBMITTED", "APPROVED"):
        assert f"API-{hidden}" not in references


def test_list_rows_carry_the_contract_fields(api, calls_in_every_status):
    row = next(r for r in api.get(URL, {"page_size": 100}).json()["results"] if r["reference"] == "API-PUBLISHED")
    for key in (
        "id",
        "reference",
        "title",
        "status",
        "budget",
        "cofinancing_rate",
        "min_grant",
        "max_grant",
        "opens_at",
        "closes_at",
        "award_criteria",
        "effective_status",
    ):
        assert key in row, key
    assert row["budget"] == "100000.00" and row["cofinancing_rate"] == "0.9000"
    assert row["effective_status"] == "upcoming"
    assert row["opens_at"].endswith(("+01:00", "+02:00"))
    criterion = row["award_criteria"][0]
    assert {"title", "max_points", "threshold"} <= set(criterion)
    assert criterion["max_points"] == "40.00" and criterion["threshold"] == "20.00"


def test_officer_also_sees_drafts(api_as, officer, calls_in_every_status):
    references = {r["reference"] for r in api_as(officer).get(URL, {"page_size": 100}).json()["results"]}
    assert {"API-DRAFT", "API-SUBMITTED", "API-APPROVED"} <= references


def test_applicant_sees_what_the_public_sees(api_as, applicant, calls_in_every_status):
    references = {r["reference"] for r in api_as(applicant).get(URL, {"page_size": 100}).json()["results"]}
    assert "API-DRAFT" not in references and "API-PUBLISHED" in references


def test_draft_detail_is_404_for_the_public(api, calls_in_every_status):
    assert api.get(f"{URL}{calls_in_every_status['draft'].pk}/").status_code == 404


def test_filter_by_effective_status(api, calls_in_every_status):
    rows = api.get(URL, {"effective_status": "upcoming"}).json()["results"]
    assert [r["reference"] for r in rows] == ["API-PUBLISHED"]
    assert api.get(URL, {"effective_status": "nonsense"}).status_code == 400


def test_publish_without_approval_is_409_with_a_message_and_changes_nothing(api_as, officer, draft_call):
    response = api_as(officer).post(f"{URL}{draft_call.pk}/publish/")
    assert response.status_code == 409
    assert response.json()["detail"]
    draft_call.refresh_from_db()
    assert draft_call.status == CallStatus.DRAFT and draft_call.published_at is None


def test_publish_of_a_submitted_call_is_409_until_the_committee_decides(api_as, officer, draft_call):
    client = api_as(officer)
    assert (
        client.post(f"{URL}{draft_call.pk}/submit-for-approval/", {"note": "For the March meeting"}).status_code == 200
    )
    response = client.post(f"{URL}{draft_call.pk}/publish/")
    assert response.status_code == 409
    assert Call.objects.get(pk=draft_call.pk).status == CallStatus.SUBMITTED


def test_publish_after_approval_then_assessment_refused_while_open(api_as, officer, draft_call):
    client = api_as(officer)
    client.post(f"{URL}{draft_call.pk}/submit-for-approval/")
    approve(draft_call, officer)
    response = client.post(f"{URL}{draft_call.pk}/publish/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "published"
    assert client.post(f"{URL}{draft_call.pk}/start-assessment/").status_code == 409


def test_anonymous_and_applicant_cannot_publish(api, api_as, applicant, draft_call):
    assert api.post(f"{URL}{draft_call.pk}/publish/").status_code in (401, 403)
    assert api_as(applicant).post(f"{URL}{draft_call.pk}/publish/").status_code == 404  # drafts are invisible


def test_applicant_cannot_withdraw_a_published_call(api_as, applicant, programme):
    import datetime as dt

    from subsidia.core import clock

    call = CallFactory(programme=programme, status="published", published_at=clock.now() - dt.timedelta(days=1))
    assert api_as(applicant).post(f"{URL}{call.pk}/withdraw/", {"reason": "x"}).status_code == 403
    assert Call.objects.get(pk=call.pk).status == "published"


def _body(programme, **overrides):
    from subsidia.reference.models import SpecificObjective

    body = {
        "programme": programme.cci,
        "reference": "API-NEW-01",
        "title_nl": "Nieuwe oproep",
        "specific_objective": SpecificObjective.objects.get(code="2").pk,
        "region": "VLG",
        "implementation_modality": "003",
        "budget": "250000.00",
        "cofinancing_rate": "0.9000",
        "min_grant": "10000.00",
        "max_grant": "80000.00",
        "opens_at": "2031-03-01T09:00",
        "closes_at": "2031-04-30T12:00",
        "eligible_area": ["BE2", "BE1"],
    }
    body.update(overrides)
    return body


def test_officer_creates_a_call_and_times_are_brussels(api_as, officer, programme):
    response = api_as(officer).post(URL, _body(programme), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "draft" and data["opens_at"] == "2031-03-01T09:00:00+01:00"
    assert data["closes_at"] == "2031-04-30T12:00:00+02:00"
    assert sorted(data["eligible_area"]) == ["BE1", "BE2"]


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"opens_at": "2031-03-30T02:30"}, "opens_at"),
        ({"closes_at": "2031-10-26T02:15"}, "closes_at"),
        ({"cofinancing_rate": "0.95"}, "cofinancing_rate"),
        ({"budget": "5000000.00", "max_grant": "80000.00"}, "budget"),
        ({"min_grant": "90000.00"}, "min_grant"),
        ({"opens_at": "garbage"}, "opens_at"),
        ({"budget": "12.345"}, "budget"),
    ],
)
def test_bad_input_is_400_with_the_field_and_creates_nothing(api_as, officer, programme, override, field):
    response = api_as(officer).post(URL, _body(programme, **override), format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body.get("errors", body), body
    assert not Call.objects.filter(reference="API-NEW-01").exists()


def test_applicant_cannot_create_a_call(api_as, applicant, programme):
    assert api_as(applicant).post(URL, _body(programme), format="json").status_code == 403


def test_patch_of_an_approved_call_clears_the_approval(api_as, officer, draft_call):
    client = api_as(officer)
    client.post(f"{URL}{draft_call.pk}/submit-for-approval/")
    approve(draft_call, officer)
    response = client.patch(f"{URL}{draft_call.pk}/", {"max_grant": "90000.00"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "draft"
    assert client.post(f"{URL}{draft_call.pk}/publish/").status_code == 409


def test_withdraw_needs_a_reason(api_as, officer, draft_call):
    client = api_as(officer)
    assert client.post(f"{URL}{draft_call.pk}/withdraw/", {}).status_code == 400
    response = client.post(f"{URL}{draft_call.pk}/withdraw/", {"reason": "Budget moved to another call"})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


def test_approval_state_for_staff_only(api, api_as, officer, applicant, draft_call, programme):
    import datetime as dt

    from subsidia.core import clock

    client = api_as(officer)
    client.post(f"{URL}{draft_call.pk}/submit-for-approval/")
    approve(draft_call, officer)
    body = client.get(f"{URL}{draft_call.pk}/approval/").json()
    assert body["approved"] is True and body["request_status"] == "approved"
    assert body["current_hash"] == body["request_hash"] and body["decision_reference"] == "MC-TEST-1"
    public = CallFactory(programme=programme, status="published", published_at=clock.now() - dt.timedelta(days=1))
    api.force_authenticate(None)
    assert api.get(f"{URL}{public.pk}/approval/").status_code in (401, 403)
    assert api_as(applicant).get(f"{URL}{public.pk}/approval/").status_code == 403
