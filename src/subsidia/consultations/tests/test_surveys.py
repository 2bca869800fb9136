"""Surveys and questions: who may change them, the rules of each transition, and the audit event of each."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from subsidia.core import clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.programmes.tests.factories import ProgrammeFactory

from .. import services
from ..constants import QuestionKind, SurveyPhase, SurveyStatus
from ..models import Question, Survey
from .factories import OptionFactory, QuestionFactory, SurveyFactory, survey_with_questions

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2021, 3, 1, 9, 0, tzinfo=clock.BRUSSELS)


def last_event(action):
    return AuditEvent.objects.filter(action=action).order_by("-sequence").first()


@pytest.fixture
def programme():
    return ProgrammeFactory()


def create(officer, programme, **kwargs):
    values = {
        "programme": programme,
        "title_nl": "Bevraging",
        "opens_at": dt.datetime(2021, 3, 1, 9, 0),
        "closes_at": dt.datetime(2021, 4, 30, 17, 0),
    }
    values.update(kwargs)
    return services.survey_create(officer, **values)


@time_machine.travel(NOW, tick=False)
def test_an_officer_creates_a_survey_in_brussels_time_with_an_audit_event(officer, programme):
    survey = create(officer, programme)
    assert survey.status == SurveyStatus.DRAFT
    assert survey.opens_at == dt.datetime(2021, 3, 1, 8, 0, tzinfo=dt.UTC)  # 09:00 in Brussels, winter time
    assert survey.closes_at == dt.datetime(2021, 4, 30, 15, 0, tzinfo=dt.UTC)  # 17:00 in Brussels, summer time
    event = last_event("survey.created")
    assert event.actor == officer and event.object_id == str(survey.pk)


@time_machine.travel(NOW, tick=False)
def test_only_officers_create_surveys(member, auditor, programme):
    for user in (member, auditor):
        with pytest.raises(PermissionDenied):
            create(user, programme)
    assert not Survey.objects.exists()


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"closes_at": dt.datetime(2021, 2, 1, 9, 0)}, "closes_at"),  # before it opens
        (
            {"opens_at": dt.datetime(2021, 1, 1, 9, 0), "closes_at": dt.datetime(2021, 2, 1, 9, 0)},
            "closes_at",
        ),
        ({"opens_at": dt.datetime(2021, 3, 28, 2, 30)}, "opens_at"),  # skipped by the clocks going forward
        ({"closes_at": dt.datetime(2021, 10, 31, 2, 30)}, "closes_at"),  # happens twice
        ({"title_nl": "  "}, "title_nl"),
        ({"title_fr": "x" * 301}, "title_fr"),
        ({"opens_at": "tomorrow"}, "opens_at"),
    ],
)
def test_a_survey_with_bad_dates_or_titles_is_refused_and_nothing_is_stored(officer, programme, changes, field):
    with pytest.raises(RuleViolation) as refused:
        create(officer, programme, **changes)
    assert field in refused.value.errors
    assert not Survey.objects.exists()
    assert not AuditEvent.objects.filter(action="survey.created").exists()


@time_machine.travel(NOW, tick=False)
def test_a_choice_question_needs_at_least_two_options(officer, programme):
    survey = create(officer, programme)
    with pytest.raises(RuleViolation) as refused:
        services.question_create(
            officer, survey, kind=QuestionKind.SINGLE_CHOICE, text_nl="Welke?", options=[{"text_nl": "Enige"}]
        )
    assert "options" in refused.value.errors
    question = services.question_create(
        officer,
        survey,
        kind=QuestionKind.RANKING,
        text_nl="Rangschik",
        options=[("A", "A-fr", "A-en"), ("B", "", "")],
    )
    assert [o.text_en for o in question.options.all()] == ["A-en", ""]
    assert last_event("question.created").after["options"] == ["A", "B"]


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": QuestionKind.SCALE, "options": [{"text_nl": "A"}, {"text_nl": "B"}]}, "options"),
        ({"kind": QuestionKind.SCALE, "max_choices": 2}, "max_choices"),
        ({"kind": QuestionKind.NUMBER, "min_value": "10", "max_value": "5"}, "max_value"),
        ({"kind": QuestionKind.NUMBER, "min_value": "tien"}, "min_value"),
        ({"kind": QuestionKind.FREE_TEXT, "min_value": "1"}, "min_value"),
        ({"kind": "essay"}, "kind"),
        (
            {
                "kind": QuestionKind.MULTIPLE_CHOICE,
                "max_choices": 3,
                "options": [{"text_nl": "A"}, {"text_nl": "B"}],
            },
            "max_choices",
        ),
        ({"kind": QuestionKind.SINGLE_CHOICE, "options": [{"text_nl": "A"}, {"text_nl": "a"}]}, "options"),
    ],
)
def test_question_settings_that_do_not_fit_its_kind_are_refused(officer, programme, kwargs, field):
    survey = create(officer, programme)
    with pytest.raises(RuleViolation) as refused:
        services.question_create(officer, survey, text_nl="Vraag", **kwargs)
    assert field in refused.value.errors
    assert not Question.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_publishing_needs_questions_and_then_freezes_them(officer, programme):
    survey = create(officer, programme)
    with pytest.raises(Conflict, match="at least one question"):
        services.survey_publish(officer, survey)
    question = services.question_create(officer, survey, kind=QuestionKind.SCALE, text_nl="Hoe belangrijk?")
    survey = services.survey_publish(officer, survey)
    assert survey.status == SurveyStatus.PUBLISHED and survey.published_at == clock.now()
    assert last_event("survey.published").after["status"] == "published"
    with pytest.raises(Conflict):
        services.question_create(officer, survey, kind=QuestionKind.SCALE, text_nl="Nog een")
    with pytest.raises(Conflict):
        services.question_update(officer, question, text_nl="Anders")
    with pytest.raises(Conflict):
        services.question_delete(officer, question)
    with pytest.raises(Conflict):
        services.survey_update(officer, survey, title_nl="Nieuw")
    with pytest.raises(Conflict, match="already published"):
        services.survey_publish(officer, survey)
    assert Question.objects.get(pk=question.pk).text_nl == "Hoe belangrijk?"


def test_a_choice_question_without_options_blocks_publication(officer):
    survey = SurveyFactory()
    QuestionFactory(survey=survey, position=1, kind=QuestionKind.SINGLE_CHOICE)
    OptionFactory(question=survey.questions.get(), position=1)
    assert services.publication_problems(survey)
    with pytest.raises(Conflict, match="two options"):
        services.survey_publish(officer, survey)


def test_whether_a_survey_is_open_is_computed_at_the_moment_of_asking():
    opens = dt.datetime(2021, 3, 1, 9, 0, tzinfo=clock.BRUSSELS)
    closes = dt.datetime(2021, 4, 30, 17, 0, tzinfo=clock.BRUSSELS)
    with time_machine.travel(opens - dt.timedelta(days=2), tick=False):
        survey = survey_with_questions(opens_at=opens, closes_at=closes)
        assert survey.phase == SurveyPhase.SCHEDULED
    with time_machine.travel(opens - dt.timedelta(seconds=1), tick=False):
        assert survey.phase == SurveyPhase.SCHEDULED
    with time_machine.travel(opens, tick=False):
        assert survey.phase == SurveyPhase.OPEN
    with time_machine.travel(closes - dt.timedelta(seconds=1), tick=False):
        assert survey.is_open
    with time_machine.travel(closes, tick=False):
        assert survey.phase == SurveyPhase.CLOSED


def test_an_open_survey_closes_early_with_a_reason(officer):
    survey = survey_with_questions()
    with pytest.raises(RuleViolation):
        services.survey_close(officer, survey, reason=" ")
    survey = services.survey_close(officer, survey, reason="Enough answers")
    assert survey.is_closed
    assert last_event("survey.closed").data == {"reason": "Enough answers"}
    with pytest.raises(Conflict):
        services.survey_close(officer, survey, reason="Again")


def test_the_closing_time_only_moves_later_and_only_before_closing(officer):
    survey = survey_with_questions()
    later = clock.to_local(survey.closes_at + dt.timedelta(days=7)).replace(tzinfo=None)
    with pytest.raises(RuleViolation):
        services.survey_extend(officer, survey, closes_at=later - dt.timedelta(days=14))
    survey = services.survey_extend(officer, survey, closes_at=later)
    assert clock.to_local(survey.closes_at).replace(tzinfo=None) == later
    assert last_event("survey.deadline_extended") is not None
    with time_machine.travel(survey.closes_at + dt.timedelta(minutes=1), tick=False), pytest.raises(Conflict):
        services.survey_extend(officer, survey, closes_at=later + dt.timedelta(days=7))


@time_machine.travel(NOW, tick=False)
def test_questions_move_and_close_gaps_when_deleted(officer, programme):
    survey = create(officer, programme)
    first, _second, third = (
        services.question_create(officer, survey, kind=QuestionKind.SCALE, text_nl=t) for t in ("een", "twee", "drie")
    )
    services.question_move(officer, third, direction="up")
    assert list(survey.questions.values_list("text_nl", flat=True)) == ["een", "drie", "twee"]
    with pytest.raises(Conflict):
        services.question_move(officer, first, direction="up")
    with pytest.raises(RuleViolation):
        services.question_move(officer, first, direction="sideways")
    services.question_delete(officer, first)
    assert list(survey.questions.values_list("position", "text_nl")) == [(1, "drie"), (2, "twee")]
    assert last_event("question.deleted").before["text_nl"] == "een"
