"""API contracts checked from outside: visibility, the list's fields, submit (409 after the deadline),
withdraw, receipt and snapshot, organisations, budget lines, and bad input that changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from subsidia.applications.models import Application, BudgetLine, Organisation, Submission
from subsidia.core import clock
from subsidia.core.canonical import sha256_text
from subsidia.core.models import AuditEvent
from subsidia.core.tests.factories import UserFactory

from .factories import CallFactory, OrganisationFactory, complete_draft, enterprise_number, option

BRUSSELS = clock.BRUSSELS
OPENS = dt.datetime(2026, 2, 1, 9, 0, tzinfo=BRUSSELS)
CLOSES = dt.datetime(2026, 3, 31, 12, 0, tzinfo=BRUSSELS)
DURING = dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture
def call(db):
    with time_machine.travel(OPENS, tick=False):
        return CallFactory(opens_at=OPENS, closes_at=CLOSES)


@pytest.fixture
def draft(applicant, call):
    with time_machine.travel(DURING, tick=False):
        return complete_draft(applicant, call)


@pytest.mark.django_db
def test_list_shows_an_applicant_only_their_organisations_applications_with_the_contract_fields(
    api_as, applicant, draft
):
    stranger = UserFactory(role="applicant")
    with time_machine.travel(DURING, tick=False):
        complete_draft(stranger, draft.call)
    response = api_as(applicant).get("/api/v1/applications/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [draft.pk]
    row = results[0]
    for key in ("id", "call", "title", "status", "eu_grant_requested", "total_eligible_cost"):
        assert key in row
    assert row["eu_grant_requested"] == str(draft.eu_grant_requested)
    assert row["total_eligible_cost"] == str(draft.total_eligible_cost)
    assert row["status"] == "draft"
    assert (
        api_as(applicant).get(f"/api/v1/applications/{Application.objects.exclude(pk=draft.pk).get().pk}/").status_code
        == 404
    )


@pytest.mark.django_db
def test_anonymous_users_see_no_applications(api, draft):
    assert api.get("/api/v1/applications/").status_code in (401, 403)


@pytest.mark.django_db
def test_officer_sees_submitted_applications_never_drafts(api_as, applicant, officer, draft, call):
    with time_machine.travel(DURING, tick=False):
        other = complete_draft(UserFactory(role="applicant"), call)
        api_as(applicant).post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    ids = [r["id"] for r in api_as(officer).get("/api/v1/applications/").json()["results"]]
    assert ids == [draft.pk]
    assert other.pk not in ids
    assert api_as(officer).get(f"/api/v1/applications/{other.pk}/").status_code == 404


@pytest.mark.django_db
def test_submit_while_open_freezes_the_application(api_as, applicant, draft):
    with time_machine.travel(DURING, tick=False):
        response = api_as(applicant).post(f"/api/v1/applications/{draft.pk}/submit/", {}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "submitted"
    submission = Submission.objects.get(application=draft)
    assert body["sha256"] == submission.sha256 == sha256_text(submission.content)


@pytest.mark.django_db
def test_submit_after_the_deadline_is_refused_with_409_and_nothing_changes(api_as, applicant, draft):
    before = Application.objects.filter(pk=draft.pk).values().get()
    events = AuditEvent.objects.count()
    with time_machine.travel(CLOSES + dt.timedelta(seconds=1), tick=False):
        response = api_as(applicant).post(
            f"/api/v1/applications/{draft.pk}/submit/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 409
    assert response.json()["code"] == "call_closed"
    assert "closed" in response.json()["detail"]
    assert Application.objects.filter(pk=draft.pk).values().get() == before
    assert not Submission.objects.exists()
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_submit_at_the_closing_instant_itself_is_409(api_as, applicant, draft):
    with time_machine.travel(CLOSES, tick=False):
        assert api_as(applicant).post(f"/api/v1/applications/{draft.pk}/submit/").status_code == 409


@pytest.mark.django_db
def test_incomplete_submission_is_400_with_messages_per_section(api_as, applicant, call):
    organisation = OrganisationFactory(signatory=applicant)
    with time_machine.travel(DURING, tick=False):
        created = api_as(applicant).post(
            "/api/v1/applications/",
            {"call": call.pk, "organisation": organisation.pk, "title": "Nog leeg"},
            format="json",
        )
        assert created.status_code == 201, created.json()
        response = api_as(applicant).post(f"/api/v1/applications/{created.json()['id']}/submit/", format="json")
    assert response.status_code == 400
    assert "budget" in response.json()["errors"]


@pytest.mark.django_db
def test_withdraw_receipt_and_snapshot(api_as, applicant, draft):
    client = api_as(applicant)
    with time_machine.travel(DURING, tick=False):
        client.post(f"/api/v1/applications/{draft.pk}/submit/", format="json")
        receipt = client.get(f"/api/v1/applications/{draft.pk}/receipt/")
        snapshot = client.get(f"/api/v1/applications/{draft.pk}/snapshot/")
        withdrawn = client.post(
            f"/api/v1/applications/{draft.pk}/withdraw/", {"reason": "Dubbel ingediend"}, format="json"
        )
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "application/pdf"
    assert snapshot.status_code == 200
    assert sha256_text(snapshot.content.decode("utf-8")) == snapshot["X-Content-SHA256"]
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"


@pytest.mark.django_db
def test_receipt_of_a_draft_is_404(api_as, applicant, draft):
    assert api_as(applicant).get(f"/api/v1/applications/{draft.pk}/receipt/").status_code == 404


@pytest.mark.django_db
def test_register_an_organisation_over_the_api(api_as, applicant):
    number = enterprise_number(777)
    response = api_as(applicant).post(
        "/api/v1/organisations/",
        {
            "legal_name": "Nieuwe Buren vzw",
            "legal_form": "vzw",
            "organisation_type": "migrant_led",
            "enterprise_number": number,
            "street": "Dorp 1",
            "postcode": "9300",
            "city": "Aalst",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["nuts"] == "BE23"
    assert response.json()["my_role"] == "signatory"


@pytest.mark.django_db
def test_invalid_enterprise_number_over_the_api_is_400_with_a_message(api_as, applicant):
    response = api_as(applicant).post(
        "/api/v1/organisations/",
        {
            "legal_name": "Fout vzw",
            "legal_form": "vzw",
            "organisation_type": "non_profit",
            "enterprise_number": "0123.456.789",
            "street": "Dorp 1",
            "postcode": "9300",
            "city": "Aalst",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "enterprise_number" in response.json()["errors"]
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_members_are_managed_over_the_api(api_as, applicant):
    organisation = OrganisationFactory(signatory=applicant)
    colleague = UserFactory()
    client = api_as(applicant)
    added = client.post(
        "/api/v1/organisation-members/",
        {"organisation": organisation.pk, "identifier": colleague.username, "role": "editor"},
        format="json",
    )
    assert added.status_code == 201, added.json()
    promoted = client.post(
        f"/api/v1/organisation-members/{added.json()['id']}/change-role/",
        {"role": "signatory"},
        format="json",
    )
    assert promoted.json()["role"] == "signatory"
    assert client.delete(f"/api/v1/organisation-members/{added.json()['id']}/").status_code == 204


@pytest.mark.django_db
def test_budget_lines_over_the_api_recompute_the_grant(api_as, applicant, call):
    organisation = OrganisationFactory(signatory=applicant)
    client = api_as(applicant)
    with time_machine.travel(DURING, tick=False):
        application = client.post(
            "/api/v1/applications/",
            {"call": call.pk, "organisation": organisation.pk, "title": "Begroting"},
            format="json",
        ).json()
        line = client.post(
            "/api/v1/application-budget-lines/",
            {
                "application": application["id"],
                "year": 2026,
                "description": "Coördinator",
                "call_option": option(call, "real_costs", "staff").pk,
                "amount": "100000.00",
            },
            format="json",
        )
        assert line.status_code == 201, line.json()
        refreshed = client.get(f"/api/v1/applications/{application['id']}/").json()
    assert refreshed["total_eligible_cost"] == "107000.00"  # + 7 % indirect (CPR art. 54(a))
    assert refreshed["eu_grant_requested"] == "80250.00"
    lines = client.get(f"/api/v1/application-budget-lines/?application={application['id']}").json()["results"]
    assert sorted(x["cost_option"] for x in lines) == ["flat_rate", "real_costs"]


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["-5.00", "abc", "1.234", "1e400"])
def test_bad_budget_amounts_over_the_api_are_400_and_change_nothing(api_as, applicant, call, amount):
    organisation = OrganisationFactory(signatory=applicant)
    client = api_as(applicant)
    with time_machine.travel(DURING, tick=False):
        application = client.post(
            "/api/v1/applications/",
            {"call": call.pk, "organisation": organisation.pk, "title": "Begroting"},
            format="json",
        ).json()
        response = client.post(
            "/api/v1/application-budget-lines/",
            {
                "application": application["id"],
                "year": 2026,
                "description": "x",
                "call_option": option(call, "real_costs", "staff").pk,
                "amount": amount,
            },
            format="json",
        )
    assert response.status_code == 400
    assert not BudgetLine.objects.exists()


@pytest.mark.django_db
def test_rate_above_the_calls_over_the_api_is_400(api_as, applicant, draft):
    with time_machine.travel(DURING, tick=False):
        response = api_as(applicant).patch(
            f"/api/v1/applications/{draft.pk}/", {"cofinancing_rate": "0.9000"}, format="json"
        )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.cofinancing_rate == Decimal("0.7500")


@pytest.mark.django_db
def test_someone_elses_application_cannot_be_given_a_budget_line(api_as, applicant, draft):
    stranger = UserFactory(role="applicant")
    response = api_as(stranger).post(
        "/api/v1/application-budget-lines/",
        {
            "application": draft.pk,
            "year": 2027,
            "description": "x",
            "call_option": option(draft.call, "real_costs", "staff").pk,
            "amount": "1.00",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "application" in response.json()


@pytest.mark.django_db
def test_editor_cannot_submit_over_the_api(api_as, applicant, draft):
    from subsidia.applications import services

    editor = UserFactory()

    services.member_add(applicant, draft.organisation, identifier=editor.username, role="editor")
    with time_machine.travel(DURING, tick=False):
        assert api_as(editor).post(f"/api/v1/applications/{draft.pk}/submit/").status_code == 403


@pytest.mark.django_db
def test_completeness_lists_every_section(api_as, applicant, draft):
    sections = api_as(applicant).get(f"/api/v1/applications/{draft.pk}/completeness/").json()
    assert [s["section"] for s in sections] == [
        "general",
        "activities",
        "target_groups",
        "indicators",
        "partners",
        "budget",
        "cofinancing",
        "attachments",
        "declarations",
    ]
    assert all(s["complete"] for s in sections)


@pytest.mark.django_db
def test_indicator_target_breakdown_must_add_up_over_the_api(api_as, applicant, call):
    organisation = OrganisationFactory(signatory=applicant)
    client = api_as(applicant)
    with time_machine.travel(DURING, tick=False):
        application = client.post(
            "/api/v1/applications/",
            {"call": call.pk, "organisation": organisation.pk, "title": "Doelen"},
            format="json",
        ).json()
    response = client.post(
        "/api/v1/application-indicator-targets/",
        {
            "application": application["id"],
            "indicator": "O.2.3",
            "target": 100,
            "age_under_18": 10,
            "age_18_60": 80,
            "age_over_60": 5,
            "women": 50,
            "men": 50,
            "non_binary": 0,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "age_under_18" in response.json()["errors"]
    other_objective = client.post(
        "/api/v1/application-indicator-targets/",
        {"application": application["id"], "indicator": "O.1.1", "target": 5},
        format="json",
    )
    assert other_objective.status_code == 400
