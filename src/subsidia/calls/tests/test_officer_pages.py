"""Officer pages: forms call the services, refusals come back as messages next to the fields, never a 500."""

import datetime as dt

import pytest
import time_machine

from subsidia.calls.models import AwardCriterion, Call
from subsidia.core import clock
from subsidia.programmes.models import Region
from subsidia.reference.models import ImplementationModality, NutsArea, SpecificObjective

from .factories import PlannedCallFactory, approve

pytestmark = pytest.mark.django_db


def form_data(programme, **overrides):
    data = {
        "programme": programme.pk,
        "reference": "FORM-01",
        "title_nl": "Oproep via formulier",
        "specific_objective": SpecificObjective.objects.get(code="2").pk,
        "region": Region.objects.get(code="VLG").pk,
        "eligible_area": [NutsArea.objects.get(code="BE2").pk],
        "implementation_modality": ImplementationModality.objects.get(code="003").pk,
        "budget": "200000.00",
        "cofinancing_rate": "90",
        "min_grant": "10000",
        "max_grant": "50000",
        "opens_at": "2031-03-01T09:00",
        "closes_at": "2031-05-01T12:00",
        "tie_break_final": "submitted_first",
        "number_of_assessors": "2",
        "consolidation": "average",
    }
    data.update(overrides)
    return data


def test_pages_need_staff(client, applicant, draft_call):
    assert client.get("/manage/calls/").status_code == 302  # to the login page
    client.force_login(applicant)
    assert client.get("/manage/calls/").status_code == 403
    assert client.get(f"/manage/calls/{draft_call.pk}/").status_code == 403


def test_officer_creates_a_call_through_the_form(client, officer, programme):
    client.force_login(officer)
    response = client.post("/manage/calls/new/", form_data(programme))
    call = Call.objects.get(reference="FORM-01")
    assert response.status_code == 302 and response["Location"] == f"/manage/calls/{call.pk}/"
    assert str(call.cofinancing_rate) == "0.9000"
    assert clock.to_local(call.opens_at).hour == 9


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"opens_at": "2031-03-30T02:30"}, "summer time"),
        ({"cofinancing_rate": "95"}, "90"),
        ({"budget": "2000000.00", "max_grant": "50000"}, "available"),
        ({"min_grant": "60000"}, "minimum grant"),
    ],
)
def test_refusals_show_next_to_the_form_and_create_nothing(client, officer, programme, override, message):
    client.force_login(officer)
    response = client.post("/manage/calls/new/?lang=en", form_data(programme, **override))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Call.objects.exists()


def test_detail_page_lists_what_is_missing_before_the_committee(client, officer, programme):
    from .factories import CallFactory

    call = CallFactory(programme=programme)
    client.force_login(officer)
    page = client.get(f"/manage/calls/{call.pk}/?lang=en").content.decode()
    assert "Add at least one award criterion." in page
    assert "Put to the monitoring committee" not in page or "missing" in page


def test_htmx_adds_an_award_criterion_in_place(client, officer, draft_call):
    client.force_login(officer)
    url = f"/manage/calls/{draft_call.pk}/parts/award/new/"
    form = client.get(url, HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and 'id="section-award"' in form.content.decode()
    response = client.post(
        url,
        {"title_nl": "Innovatie", "max_points": "10", "weight": "1.5", "threshold": "3"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Innovatie" in response.content.decode()
    assert AwardCriterion.objects.filter(call=draft_call, title_nl="Innovatie").exists()


def test_htmx_part_error_stays_in_the_form(client, officer, draft_call):
    client.force_login(officer)
    response = client.post(
        f"/manage/calls/{draft_call.pk}/parts/award/new/?lang=en",
        {"title_nl": "", "max_points": "10", "threshold": "30"},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "official language" in page and "threshold cannot exceed" in page


def test_editing_an_approved_call_says_the_approval_is_cleared(client, officer, draft_call):
    from subsidia.calls import services

    services.call_submit_for_approval(officer, draft_call)
    approve(draft_call, officer)
    services.call_note_decision(officer, draft_call)
    client.force_login(officer)
    criterion = draft_call.award_criteria.first()
    response = client.post(
        f"/manage/calls/{draft_call.pk}/parts/award/{criterion.pk}/?lang=en",
        {"title_nl": criterion.title_nl, "max_points": "45", "threshold": "20", "position": "1"},
        follow=True,
    )
    assert "no longer applies" in response.content.decode()
    draft_call.refresh_from_db()
    assert draft_call.status == "draft"


def test_transition_buttons_run_the_services(client, officer, draft_call):
    client.force_login(officer)
    response = client.post(f"/manage/calls/{draft_call.pk}/do/publish/?lang=en", follow=True)
    assert "has not approved" in response.content.decode()
    client.post(f"/manage/calls/{draft_call.pk}/do/submit/")
    assert Call.objects.get(pk=draft_call.pk).status == "submitted"
    assert client.post(f"/manage/calls/{draft_call.pk}/do/unknown/").status_code == 403


def test_budget_room_preview(client, officer, programme):
    client.force_login(officer)
    response = client.post(
        "/manage/calls/budget-room/?lang=en", form_data(programme, budget="1000000.01", cofinancing_rate="91")
    )
    page = response.content.decode()
    assert "does not fit" in page and "AMIF Art. 15(3)" in page


def test_calendar_warns_when_not_updated_for_more_than_four_months(client, officer, programme):
    from subsidia.calls import services

    PlannedCallFactory(programme=programme)
    start = dt.datetime(2031, 1, 10, 10, 0, tzinfo=clock.BRUSSELS)
    with time_machine.travel(start, tick=False):
        services.calendar_confirm(officer, programme, note="Published")
    with time_machine.travel(dt.datetime(2031, 5, 10, 12, 0, tzinfo=clock.BRUSSELS), tick=False):
        client.force_login(officer)  # the session from before the journey has expired
        page = client.get(f"/manage/planned-calls/?programme={programme.pk}&lang=en").content.decode()
        assert 'id="calendar-ok"' in page
    with time_machine.travel(dt.datetime(2031, 5, 11, 12, 0, tzinfo=clock.BRUSSELS), tick=False):
        client.force_login(officer)
        page = client.get(f"/manage/planned-calls/?programme={programme.pk}&lang=en").content.decode()
        assert 'id="calendar-overdue"' in page and "CPR Art. 49(2)" in page


def test_planned_call_form_updates_the_calendar(client, officer, programme):
    client.force_login(officer)
    response = client.post(
        f"/manage/planned-calls/{programme.pk}/new/",
        {
            "title_nl": "Taalcafés",
            "specific_objective": SpecificObjective.objects.get(code="2").pk,
            "region": Region.objects.get(code="VLG").pk,
            "indicative_budget": "250000.00",
            "planned_opening": "2031-09-01",
            "planned_closing": "2031-08-01",
        },
    )
    assert response.status_code == 200  # closing before opening: refused
    assert not programme.planned_calls.exists()
    client.post(
        f"/manage/planned-calls/{programme.pk}/new/",
        {
            "title_nl": "Taalcafés",
            "specific_objective": SpecificObjective.objects.get(code="2").pk,
            "region": Region.objects.get(code="VLG").pk,
            "indicative_budget": "250000.00",
            "planned_opening": "2031-09-01",
            "planned_closing": "2031-11-01",
        },
    )
    assert programme.planned_calls.count() == 1
    assert programme.calendar_revisions.count() == 1
