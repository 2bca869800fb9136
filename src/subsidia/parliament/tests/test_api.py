"""The API of the register: who reads, who writes, transitions through the services, 404 for unknown ids."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from subsidia.core.models import AuditEvent

from ..constants import QuestionStatus
from ..models import WrittenQuestion
from .factories import EarlierQuestionFactory, WrittenQuestionFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/parliamentary-questions/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def body(question=None, **overrides):
    values = {
        "assembly": "Vlaams Parlement",
        "session": "2021-2022",
        "number": "412",
        "asked_on": "2021-11-18",
        "member_name": "Lien Voorbeeld",
        "minister_name": "Tom Voorbeeld",
        "title": "AMIF-middelen",
        "question_text": "Hoeveel?",
        "programme": question.programme.cci if question else None,
        "region": "VLG",
    }
    values.update(overrides)
    return values


@pytest.mark.parametrize("role", ["officer", "approver", "auditor"])
def test_officers_and_auditors_list_questions_with_the_contract_fields(request, api_as, role):
    question = WrittenQuestionFactory()
    response = api_as(request.getfixturevalue(role)).get(URL)
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert {"id": question.pk, "number": question.number, "session": "2021-2022", "title": question.title}.items() <= (
        row.items()
    )
    assert row["status"] == "received"
    assert row["region"] == "VLG"


@pytest.mark.parametrize("role", ["applicant", "member", "assessor"])
def test_other_roles_are_refused(request, api_as, role):
    WrittenQuestionFactory()
    assert api_as(request.getfixturevalue(role)).get(URL).status_code == 403


def test_anonymous_visitors_are_refused(api):
    WrittenQuestionFactory()
    assert api.get(URL).status_code in (401, 403)


def test_an_unknown_question_is_a_404(api_as, officer):
    client = api_as(officer)
    assert client.get(f"{URL}999999/").status_code == 404
    assert client.get(f"{URL}abc/").status_code == 404
    assert client.get(f"{URL}999999/answer-pack/?format=xlsx").status_code == 404
    assert client.post(f"{URL}999999/start-preparation/").status_code == 404


def test_an_officer_registers_and_moves_a_question_along(api_as, officer):
    programme = WrittenQuestionFactory().programme
    client = api_as(officer)
    response = client.post(URL, body(**{"programme": programme.cci, "number": "500"}), format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert client.post(f"{URL}{pk}/start-preparation/").json()["status"] == "in_preparation"
    response = client.patch(f"{URL}{pk}/", {"answer_text": "Het antwoord."}, format="json")
    assert response.status_code == 200
    response = client.post(f"{URL}{pk}/mark-answered/", {"answered_on": "2022-01-10"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "answered"
    response = client.post(f"{URL}{pk}/reopen-answer/", {"reason": "Erratum"}, format="json")
    assert response.json()["status"] == "in_preparation"
    actions = AuditEvent.objects.filter(object_type="parliament.writtenquestion", object_id=str(pk))
    assert actions.count() == 5


def test_bad_input_gets_a_400_with_field_messages_and_changes_nothing(api_as, officer):
    programme = WrittenQuestionFactory().programme
    client = api_as(officer)
    response = client.post(URL, body(programme=programme.cci, session="2021-2023", number="501"), format="json")
    assert response.status_code == 400
    assert "session" in response.json()["errors"]
    response = client.post(URL, body(programme="2099XX00AMPR999", number="502"), format="json")
    assert response.status_code == 400
    assert not WrittenQuestion.objects.filter(number__in=["501", "502"]).exists()


def test_a_transition_the_status_does_not_allow_is_a_409(api_as, officer):
    question = WrittenQuestionFactory()
    response = api_as(officer).post(f"{URL}{question.pk}/mark-answered/", {"answered_on": "2022-01-10"})
    assert response.status_code == 409
    question.refresh_from_db()
    assert question.status == QuestionStatus.RECEIVED


def test_an_auditor_reads_but_cannot_write(api_as, auditor):
    question = WrittenQuestionFactory()
    client = api_as(auditor)
    assert client.get(f"{URL}{question.pk}/").status_code == 200
    assert client.patch(f"{URL}{question.pk}/", {"title": "x"}, format="json").status_code == 403
    assert client.post(f"{URL}{question.pk}/start-preparation/").status_code == 403
    question.refresh_from_db()
    assert question.status == QuestionStatus.RECEIVED


def test_earlier_questions_and_attachments_over_the_api(api_as, officer):
    question = WrittenQuestionFactory()
    client = api_as(officer)
    response = client.post(
        f"{URL}{question.pk}/earlier-questions/", {"number": "290", "asked_on": "2020-06-19"}, format="json"
    )
    assert response.status_code == 201
    [cited] = response.json()["earlier_questions"]
    assert (cited["number"], cited["asked_on"], cited["question"]) == ("290", "2020-06-19", None)
    response = client.delete(f"{URL}{question.pk}/earlier-questions/{cited['id']}/")
    assert response.json()["earlier_questions"] == []
    upload = SimpleUploadedFile("vraag.pdf", PDF, content_type="application/pdf")
    response = client.post(f"{URL}{question.pk}/attachments/", {"title": "Vraag", "file": upload}, format="multipart")
    assert response.status_code == 201
    assert response.json()["attachments"][0]["content_type"] == "application/pdf"
    fake = SimpleUploadedFile("vraag.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(f"{URL}{question.pk}/attachments/", {"title": "Fake", "file": fake}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


def test_a_question_is_never_deleted(api_as, officer):
    question = WrittenQuestionFactory()
    assert api_as(officer).delete(f"{URL}{question.pk}/").status_code == 405
    assert WrittenQuestion.objects.filter(pk=question.pk).exists()


def test_the_list_is_ordered_newest_first(api_as, officer):
    old = WrittenQuestionFactory(asked_on=dt.date(2021, 1, 5))
    new = WrittenQuestionFactory(asked_on=dt.date(2021, 12, 1), programme=old.programme)
    ids = [row["id"] for row in api_as(officer).get(URL).json()["results"]]
    assert ids == [new.pk, old.pk]


def test_a_cited_reference_shows_the_registered_question_once_it_is_registered(api_as, officer):
    link = EarlierQuestionFactory()
    earlier = WrittenQuestionFactory(
        number="290", session="2019-2020", asked_on=dt.date(2020, 6, 19), programme=link.question.programme
    )
    [cited] = api_as(officer).get(f"{URL}{link.question.pk}/").json()["earlier_questions"]
    assert cited["question"] == earlier.pk


def test_the_list_filters_and_refuses_garbage_filters(api_as, officer):
    old = WrittenQuestionFactory(asked_on=dt.date(2021, 1, 5), session="2020-2021")
    new = WrittenQuestionFactory(
        asked_on=dt.date(2021, 12, 1), programme=old.programme, status=QuestionStatus.IN_PREPARATION
    )
    client = api_as(officer)

    def ids(**query):
        response = client.get(URL, query)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids(status="in_preparation") == [new.pk]
    assert ids(session="2020-2021") == [old.pk]
    assert ids(asked_from="2021-06-01") == [new.pk]
    assert ids(region="VLG", programme=old.programme.cci) == [new.pk, old.pk]
    for bad in (
        {"status": "garbage"},
        {"asked_from": "last week"},
        {"region": "XX9"},
        {"programme": "nope"},
        {"session": "21/22"},
        {"page": "abc"},
        {"page_size": "-1"},
    ):
        response = client.get(URL, bad)
        assert response.status_code == 400, bad
    assert client.get(URL, {"page": "99"}).status_code == 404


PUBLIC = "/api/v1/answered-parliamentary-questions/"


def test_answered_questions_are_public_without_drafts_notes_or_documents(api, officer):
    answered = WrittenQuestionFactory(
        status=QuestionStatus.ANSWERED, answer_text="Het antwoord.", answered_on=dt.date(2021, 12, 20)
    )
    draft = WrittenQuestionFactory(
        status=QuestionStatus.IN_PREPARATION, answer_text="Ontwerp van antwoord.", programme=answered.programme
    )
    EarlierQuestionFactory(question=answered, note="Interne nota")
    response = api.get(PUBLIC)
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert {"id": answered.pk, "number": answered.number, "answer_text": "Het antwoord."}.items() <= row.items()
    assert "status" not in row and "attachments" not in row
    [cited] = row["earlier_questions"]
    assert cited == {"question": None, "number": "290", "session": "", "asked_on": "2020-06-19", "title": ""}
    assert api.get(f"{PUBLIC}{answered.pk}/").status_code == 200
    assert api.get(f"{PUBLIC}{draft.pk}/").status_code == 404
    assert api.get(f"{PUBLIC}999999/").status_code == 404
    assert api.get(PUBLIC, {"answered_from": "2022-01-01"}).json()["results"] == []
    assert api.get(PUBLIC, {"answered_from": "soon"}).status_code == 400
    assert api.post(PUBLIC, {}, format="json").status_code in (401, 403, 405)
    assert "Ontwerp" not in api.get(PUBLIC).content.decode()


def test_the_public_list_refuses_floods_politely(api, monkeypatch):
    from django.core.cache import cache

    from subsidia.core.api.throttling import PublicRateThrottle

    monkeypatch.setattr(PublicRateThrottle, "THROTTLE_RATES", {"public": "3/minute"})
    cache.clear()
    try:
        codes = [api.get(PUBLIC).status_code for _ in range(5)]
    finally:
        cache.clear()
    assert codes == [200, 200, 200, 429, 429]
