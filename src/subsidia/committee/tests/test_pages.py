"""Pages: every committee page answers for the right people, in each language, and bad input never errs."""

import pytest
from django.contrib.contenttypes.models import ContentType

from subsidia.core import approvals
from subsidia.core.tests.factories import UserFactory

from .factories import AgendaItemFactory, MeetingFactory, RulesFactory, WrittenProcedureFactory


@pytest.fixture
def pages(committee, seats, officer):
    meeting = MeetingFactory(committee=committee)
    AgendaItemFactory(meeting=meeting)
    procedure = WrittenProcedureFactory(committee=committee)
    req = approvals.request_approval(officer, RulesFactory(committee=committee))
    return [
        "/monitoring-committee/",
        "/committee/",
        f"/committee/{committee.pk}/",
        f"/committee/meetings/{meeting.pk}/",
        f"/committee/meetings/{meeting.pk}/minutes/",
        f"/committee/procedures/{procedure.pk}/",
        "/committee/approvals/",
        f"/committee/approvals/{req.pk}/",
    ]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_pages_answer_in_each_language_for_members_and_officers(client, pages, seats, officer, language):
    for user in (seats["holders"][0].user, officer):
        client.force_login(user)
        for url in pages:
            response = client.get(f"{url}?lang={language}")
            assert response.status_code == 200, (url, user)
            assert f'lang="{language}"' in response.content.decode()


def test_internal_pages_are_closed_to_others(client, pages):
    client.force_login(UserFactory(role="applicant"))
    for url in pages[1:]:
        assert client.get(url).status_code in (403, 404), url
    client.logout()
    assert client.get(pages[0]).status_code == 200
    for url in pages[1:]:
        assert client.get(url).status_code == 302, url  # to the login page


def test_officer_pages_for_changes_are_closed_to_members(client, committee, seats):
    client.force_login(seats["holders"][0].user)
    for url in (
        f"/committee/{committee.pk}/edit/",
        f"/committee/{committee.pk}/members/new/",
        f"/committee/{committee.pk}/meetings/new/",
        f"/committee/{committee.pk}/procedures/new/",
        "/committee/approvals/submit/",
    ):
        assert client.get(url).status_code == 403, url


def test_bad_ids_and_input_never_err(client, officer, committee):
    client.force_login(officer)
    ct = ContentType.objects.get_for_model(RulesFactory._meta.model)
    assert client.post(f"/committee/approvals/submit/{ct.pk}/not-a-number/").status_code == 404
    assert client.post("/committee/approvals/submit/999999/1/").status_code == 404
    assert client.get("/committee/approvals/?status=nonsense&page=abc").status_code == 200
    response = client.post(
        f"/committee/{committee.pk}/meetings/new/",
        {"reference": "MC-X", "title": "x", "starts_at": "2025-03-30T02:30", "place": "Gent"},
    )
    assert response.status_code == 200  # 02:30 does not exist in Brussels that night: a message, no meeting
    assert "Brussel" in response.content.decode() or "Brussels" in response.content.decode()
    assert not committee.meetings.exists()
