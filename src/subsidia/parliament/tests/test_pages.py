"""The officer's pages of the register: listing, registering, transitions and their messages, refusals."""

import pytest

from ..constants import QuestionStatus
from ..models import EarlierQuestion, WrittenQuestion
from .factories import WrittenQuestionFactory

pytestmark = pytest.mark.django_db
BASE = "/manage/parliament/questions/"


def test_the_register_lists_questions_for_officers_and_auditors(client, officer, auditor):
    question = WrittenQuestionFactory(title="AMIF-middelen <b>2021</b>")
    for user in (officer, auditor):
        client.force_login(user)
        response = client.get(BASE)
        assert response.status_code == 200
        assert "AMIF-middelen &lt;b&gt;2021&lt;/b&gt;" in response.content.decode()
        assert client.get(f"{BASE}{question.pk}/").status_code == 200


def test_the_register_is_closed_to_other_roles_and_to_the_public(client, applicant):
    question = WrittenQuestionFactory()
    assert client.get(BASE).status_code == 302  # to the login page
    client.force_login(applicant)
    assert client.get(BASE).status_code == 403
    assert client.get(f"{BASE}{question.pk}/").status_code == 403


def test_an_unknown_question_is_a_404(client, officer):
    client.force_login(officer)
    assert client.get(f"{BASE}999999/").status_code == 404
    assert client.get(f"{BASE}999999/answer-pack/").status_code == 404


def test_the_list_filters_by_status_and_searches(client, officer):
    received = WrittenQuestionFactory(title="Buddywerking")
    WrittenQuestionFactory(
        title="Vrijwilligerswerk", status=QuestionStatus.IN_PREPARATION, programme=received.programme
    )
    client.force_login(officer)
    page = client.get(BASE, {"status": "in_preparation"}).content.decode()
    assert "Vrijwilligerswerk" in page and "Buddywerking" not in page
    page = client.get(BASE, {"q": "buddy"}).content.decode()
    assert "Buddywerking" in page and "Vrijwilligerswerk" not in page
    page = client.get(BASE, {"region": "VLG", "session": "2021-2022", "asked_from": "2021-01-01"}).content.decode()
    assert "Buddywerking" in page and "Vrijwilligerswerk" in page


@pytest.mark.parametrize(
    "query",
    [
        {"status": "garbage"},
        {"page": "x"},
        {"page": "0"},
        {"page": "-3"},
        {"asked_from": "yesterday"},
        {"region": "XX9"},
        {"programme": "nope"},
        {"session": "21/22"},
        {"q": "x" * 300},
    ],
)
def test_garbage_filters_get_a_400_with_a_message(client, officer, query):
    WrittenQuestionFactory()
    client.force_login(officer)
    response = client.get(BASE, query)
    assert response.status_code == 400
    assert 'id="filter-errors"' in response.content.decode()


def test_a_page_past_the_end_is_a_404(client, officer):
    WrittenQuestionFactory()
    client.force_login(officer)
    assert client.get(BASE, {"page": "1"}).status_code == 200
    assert client.get(BASE, {"page": "9"}).status_code == 404


def test_an_officer_registers_a_question_through_the_form(client, officer):
    programme = WrittenQuestionFactory().programme
    client.force_login(officer)
    data = {
        "assembly": "Vlaams Parlement",
        "session": "2022-2023",
        "number": "77",
        "asked_on": "2022-10-03",
        "member_name": "Lien Voorbeeld",
        "minister_name": "Tom Voorbeeld",
        "title": "Nieuwe vraag",
        "question_text": "Hoeveel?",
        "programme": programme.pk,
    }
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 302
    assert WrittenQuestion.objects.filter(number="77", session="2022-2023").exists()


def test_a_refused_form_shows_the_message_next_to_the_field(client, officer):
    programme = WrittenQuestionFactory().programme
    client.force_login(officer)
    data = {
        "session": "2022-2024",
        "number": "78",
        "asked_on": "2022-10-03",
        "member_name": "A",
        "minister_name": "B",
        "title": "T",
        "question_text": "Q",
        "programme": programme.pk,
    }
    response = client.post(f"{BASE}new/", data)
    assert response.status_code == 200
    assert "two consecutive years" in response.content.decode()
    assert not WrittenQuestion.objects.filter(number="78").exists()


def test_transitions_through_the_page(client, officer):
    question = WrittenQuestionFactory()
    client.force_login(officer)
    client.post(f"{BASE}{question.pk}/do/start/")
    question.refresh_from_db()
    assert question.status == QuestionStatus.IN_PREPARATION
    response = client.post(f"{BASE}{question.pk}/do/answer/", {"answer_text": "Antwoord", "answered_on": "2022-01-10"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    response = client.post(f"{BASE}{question.pk}/do/reopen/", {"reason": ""}, follow=True)
    assert "Say why" in response.content.decode()
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert client.post(f"{BASE}{question.pk}/do/unknown/").status_code == 404


def test_an_auditor_cannot_act_through_the_pages(client, auditor):
    question = WrittenQuestionFactory()
    client.force_login(auditor)
    assert client.post(f"{BASE}{question.pk}/do/start/").status_code == 403
    assert client.get(f"{BASE}new/").status_code == 403
    question.refresh_from_db()
    assert question.status == QuestionStatus.RECEIVED


def test_citing_an_earlier_question_through_the_page(client, officer):
    question = WrittenQuestionFactory()
    client.force_login(officer)
    response = client.post(f"{BASE}{question.pk}/links/new/", {"number": "290", "asked_on": "2020-06-19"}, follow=True)
    assert EarlierQuestion.objects.filter(question=question, number="290").exists()
    assert "290" in response.content.decode()
    response = client.post(f"{BASE}{question.pk}/links/new/", {"earlier": "not-a-number"}, follow=True)
    assert response.status_code == 200
    assert EarlierQuestion.objects.count() == 1
