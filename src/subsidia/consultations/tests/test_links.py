"""The personal link: answering without an account, drafts, submission, and every way a link can fail
(forged, not yet open, closed, already used) — a clear page, the right status, and nothing changed."""

import datetime as dt
import secrets
from urllib.parse import quote

import pytest
import time_machine
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from subsidia.core import clock
from subsidia.core.exceptions import ServiceError
from subsidia.core.models import AuditEvent

from .. import services
from ..constants import QuestionKind
from ..models import Answer, AnswerChoice, Invitation, InvitationToken, Response
from .factories import complete_answers, invite, survey_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return survey_with_questions()


@pytest.fixture
def link(survey):
    invitation, token = invite(survey)
    return invitation, token


def answer_url(token):
    if "/" in token or "%" in token:
        return "/survey/" + quote(token, safe="") + "/"
    return reverse("consultations:answer", args=[token])


def database_state():
    return (
        Response.objects.count(),
        Answer.objects.count(),
        AnswerChoice.objects.count(),
        list(Invitation.objects.values_list("open_count", "first_opened_at")),
        AuditEvent.objects.count(),
    )


# --- tokens ------------------------------------------------------------------------------------------------


def test_only_the_hash_of_a_token_is_stored(link):
    invitation, token = link
    stored = InvitationToken.objects.get(invitation=invitation)
    assert stored.token_hash == services.hash_token(token) != token
    assert len(token) == 43 and len(stored.token_hash) == 64
    assert services.resolve(token) == invitation


@pytest.mark.parametrize(
    "token",
    [
        secrets.token_urlsafe(32),  # well-formed but never issued
        "a" * 43,
        "short",
        "../../admin",
        "x" * 500,
        "tok%00en",
        "ééééééééééééééééééééééééééééééééééééééééééé",
    ],
)
def test_a_forged_link_gets_a_clear_page_and_changes_nothing(client, link, token):
    before = database_state()
    response = client.get(answer_url(token))
    assert response.status_code == 404
    assert "This link does not work" in response.text or "Deze link werkt niet" in response.text
    assert response["Cache-Control"] == "no-store"
    post = client.post(answer_url(token), {"action": "submit"})
    assert post.status_code == 404
    assert database_state() == before


def test_a_forged_token_is_refused_by_the_service():
    with pytest.raises(services.LinkError) as refused:
        services.response_save(secrets.token_urlsafe(32), {}, submit=True)
    assert refused.value.code == "invalid" and refused.value.status_code == 404


# --- visits ------------------------------------------------------------------------------------------------


def test_visits_of_the_link_count_as_opening_audited_once(client, link):
    invitation, token = link
    assert invitation.status == "sent"
    for _ in range(3):
        assert client.get(answer_url(token)).status_code == 200
    invitation.refresh_from_db()
    assert invitation.open_count == 3 and invitation.first_opened_at is not None
    assert invitation.status == "opened"
    assert AuditEvent.objects.filter(action="invitation.opened", object_id=str(invitation.pk)).count() == 1


# --- answering ---------------------------------------------------------------------------------------------


def test_a_draft_is_saved_edited_and_then_submitted_as_one_response(survey, link):
    invitation, token = link
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    services.response_save(token, {scale.pk: "2"})
    services.response_save(token, {scale.pk: "5"}, respondent_name="An")
    response = Response.objects.get(invitation=invitation)
    assert not response.is_submitted
    assert Answer.objects.get(response=response).scale_value == 5
    response = services.response_save(token, complete_answers(survey), submit=True)
    assert response.is_submitted
    assert Response.objects.filter(invitation=invitation).count() == 1
    assert Answer.objects.filter(response=response).count() == survey.questions.count()
    ranking = survey.questions.get(kind=QuestionKind.RANKING)
    ranks = list(
        AnswerChoice.objects.filter(answer__question=ranking).order_by("rank").values_list("option__position", "rank")
    )
    assert ranks == [(1, 1), (2, 2), (3, 3)]
    actions = list(AuditEvent.objects.filter(object_type="consultations.response").values_list("action", flat=True))
    assert actions == ["response.started", "response.draft_saved", "response.submitted"]


def test_the_submission_event_keeps_free_text_and_names_out(survey, link):
    _invitation, token = link
    answers = complete_answers(survey)
    services.response_save(token, answers, respondent_name="Jan Janssens", submit=True)
    event = AuditEvent.objects.get(action="response.submitted")
    payload = str(event.before) + str(event.after) + str(event.data)
    assert "More buddies" not in payload and "Jan Janssens" not in payload
    assert event.data["answered"] == survey.questions.count()


def test_a_submission_needs_every_required_answer_and_saves_nothing_otherwise(survey, link):
    _invitation, token = link
    answers = complete_answers(survey)
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    del answers[scale.pk]
    with pytest.raises(ServiceError) as refused:
        services.response_save(token, answers, submit=True)
    assert f"q{scale.pk}" in refused.value.errors
    assert not Response.objects.exists()


def test_one_bad_answer_refuses_the_whole_draft(survey, link):
    _invitation, token = link
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    number = survey.questions.get(kind=QuestionKind.NUMBER)
    with pytest.raises(ServiceError) as refused:
        services.response_save(token, {scale.pk: "3", number.pk: "veel"})
    assert list(refused.value.errors) == [f"q{number.pk}"]
    assert not Response.objects.exists()


def test_a_used_link_refuses_changes_and_shows_the_answers(client, survey, link):
    _invitation, token = link
    services.response_save(token, complete_answers(survey), submit=True)
    before = database_state()
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    with pytest.raises(services.LinkError) as refused:
        services.response_save(token, {scale.pk: "1"})
    assert refused.value.code == "submitted"
    post = client.post(answer_url(token), {f"q{scale.pk}": "1", "action": "submit"})
    assert post.status_code == 409
    assert database_state() == before
    page = client.get(answer_url(token))
    assert page.status_code == 200 and "More buddies, please." in page.text


def test_an_expired_link_gets_a_clear_page_and_changes_nothing(client, survey, link):
    _invitation, token = link
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    services.response_save(token, {scale.pk: "2"})  # a draft from before the closing
    with time_machine.travel(survey.closes_at + dt.timedelta(seconds=1), tick=False):
        before = database_state()
        page = client.get(answer_url(token))
        assert page.status_code == 410
        post = client.post(answer_url(token), {f"q{scale.pk}": "4", "action": "submit"})
        assert post.status_code == 410
        with pytest.raises(services.LinkError):
            services.response_save(token, complete_answers(survey), submit=True)
        assert database_state() == before
    assert Answer.objects.get().scale_value == 2 and not Response.objects.get().is_submitted


def test_a_link_before_the_opening_says_when_to_come_back(client):
    survey = survey_with_questions(opens_at=clock.now() + dt.timedelta(days=2))
    _invitation, token = invite(survey)
    page = client.get(answer_url(token))
    assert page.status_code == 403
    assert not Invitation.objects.filter(open_count__gt=0).exists()


def test_the_page_refuses_bad_answers_with_messages_and_keeps_what_was_typed(client, survey, link):
    _invitation, token = link
    number = survey.questions.get(kind=QuestionKind.NUMBER)
    free_text = survey.questions.get(kind=QuestionKind.FREE_TEXT)
    page = client.post(
        answer_url(token), {f"q{number.pk}": "twaalf", f"q{free_text.pk}": "Mijn tekst", "action": "save"}
    )
    assert page.status_code == 400
    assert "twaalf" in page.text and "Mijn tekst" in page.text
    assert not Response.objects.exists()


def test_the_page_saves_a_draft_and_submits_through_the_form(client, survey, link):
    invitation, token = link
    form = {"action": "save", "respondent_name": "An"}
    for question in survey.questions.prefetch_related("options"):
        options = list(question.options.all())
        name = f"q{question.pk}"
        if question.kind == QuestionKind.SINGLE_CHOICE:
            form[name] = str(options[1].pk)
        elif question.kind == QuestionKind.MULTIPLE_CHOICE:
            form[name] = [str(options[0].pk), str(options[2].pk)]
        elif question.kind == QuestionKind.RANKING:
            for place, option in zip((3, 1, 2), options, strict=True):
                form[f"{name}_{option.pk}"] = str(place)
        elif question.kind == QuestionKind.SCALE:
            form[name] = "5"
        elif question.kind == QuestionKind.NUMBER:
            form[name] = "12,5"
        else:
            form[name] = "Buddies"
    assert client.post(answer_url(token), form).status_code == 302
    page = client.get(answer_url(token))
    assert 'value="12,5"' in page.text  # the draft comes back as typed, in the page's language
    form["action"] = "submit"
    assert client.post(answer_url(token), form).status_code == 302
    response = Response.objects.get(invitation=invitation)
    assert response.is_submitted and response.respondent_name == "An"
    ranking = survey.questions.get(kind=QuestionKind.RANKING)
    first = AnswerChoice.objects.get(answer__question=ranking, rank=1)
    assert first.option.position == 2


def test_the_page_speaks_the_invitation_language_unless_the_visitor_chose(client, survey):
    _invitation, token = invite(survey, language="fr", name="Maison de quartier")
    page = client.get(answer_url(token)).text
    assert 'lang="fr"' in page and "Vous répondez au nom de" in page and survey.title_fr in page
    page = client.get(answer_url(token) + "?lang=en").text
    assert 'lang="en"' in page and "You answer on behalf of" in page


def test_a_forged_link_is_explained_in_the_visitor_s_language(client):
    page = client.get(answer_url(secrets.token_urlsafe(32)), HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 404 and "Ce lien ne fonctionne pas" in page.text
    page = client.get(answer_url(secrets.token_urlsafe(32)))
    assert "Deze link werkt niet" in page.text  # Dutch, the official language, by default


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(st.one_of(st.text(max_size=30), st.integers().map(str), st.just("")), min_size=8, max_size=8),
    action=st.sampled_from(["save", "submit", "", "delete"]),
)
def test_no_input_on_the_answer_page_produces_a_server_error(client, survey, link, values, action):
    _invitation, token = link
    form = {"action": action, "respondent_name": values[6], "respondent_role": values[7]}
    for value, question in zip(values, survey.questions.prefetch_related("options"), strict=False):
        form[f"q{question.pk}"] = value
        for option in question.options.all():
            form[f"q{question.pk}_{option.pk}"] = value
    response = client.post(answer_url(token), {k: v.replace("\x00", "") for k, v in form.items()})
    assert response.status_code in (302, 400, 409)
