"""The register: registering, editing and the status transitions, each refused change leaving nothing behind,
each accepted one writing exactly one audit event."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.programmes.tests.factories import ProgrammeFactory, RegionFactory

from .. import services
from ..constants import QuestionStatus
from ..models import WrittenQuestion
from .factories import WrittenQuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fixed_day")]


@pytest.fixture
def fixed_day():
    with time_machine.travel(dt.datetime(2022, 1, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def fields(**overrides):
    values = {
        "assembly": "Vlaams Parlement",
        "session": "2021-2022",
        "number": "412",
        "asked_on": dt.date(2021, 11, 18),
        "member_name": "Els Voorbeeld",
        "member_group": "Groep A",
        "minister_name": "Jan Minister",
        "minister_portfolio": "Integratie",
        "title": "AMIF-middelen",
        "question_text": "Hoeveel middelen krijgt Vlaanderen?",
        "programme": ProgrammeFactory(),
        "region": RegionFactory(),
    }
    values.update(overrides)
    return values


def events(question, action=None):
    queryset = AuditEvent.objects.filter(object_type="parliament.writtenquestion", object_id=str(question.pk))
    return queryset.filter(action=action) if action else queryset


def test_an_officer_registers_a_question_as_received_with_one_audit_event(officer):
    question = services.question_create(officer, **fields())
    assert question.status == QuestionStatus.RECEIVED
    assert [e.action for e in events(question)] == ["written_question.registered"]
    assert events(question).get().after["number"] == "412"


@pytest.mark.parametrize("role", ["auditor", "approver", "applicant"])
def test_only_a_programme_officer_registers_questions(request, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.question_create(user, **fields())
    assert not WrittenQuestion.objects.exists()


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"session": "2021-2023"}, "session"),
        ({"session": "21-22"}, "session"),
        ({"number": "nr 290"}, "number"),
        ({"number": ""}, "number"),
        ({"title": "   "}, "title"),
        ({"question_text": ""}, "question_text"),
        ({"asked_on": dt.date(2022, 1, 21)}, "asked_on"),
        ({"official_url": "javascript:alert(1)"}, "official_url"),
    ],
)
def test_bad_input_is_refused_with_a_message_on_its_field_and_nothing_is_stored(officer, override, field):
    with pytest.raises(RuleViolation) as refused:
        services.question_create(officer, **fields(**override))
    assert field in refused.value.errors
    assert refused.value.errors[field][0]
    assert not WrittenQuestion.objects.exists()
    assert not AuditEvent.objects.filter(action="written_question.registered").exists()


def test_a_number_is_registered_once_per_parliament_and_session(officer):
    services.question_create(officer, **fields())
    with pytest.raises(RuleViolation) as refused:
        services.question_create(officer, **fields())
    assert "already in the register" in refused.value.errors["number"][0]
    # The same number in another session is another question.
    services.question_create(officer, **fields(session="2022-2023", asked_on=dt.date(2022, 1, 3)))
    assert WrittenQuestion.objects.count() == 2


def test_the_question_goes_received_then_in_preparation_then_answered_each_step_audited(officer):
    question = services.question_create(officer, **fields())
    question = services.question_start_preparation(officer, question)
    assert question.status == QuestionStatus.IN_PREPARATION
    question = services.question_update(officer, question, answer_text="Ontwerp van antwoord.")
    question = services.question_answer(officer, question, answered_on=dt.date(2022, 1, 14))
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert question.answered_on == dt.date(2022, 1, 14)
    assert list(events(question).order_by("sequence").values_list("action", flat=True)) == [
        "written_question.registered",
        "written_question.preparation_started",
        "written_question.updated",
        "written_question.answered",
    ]
    answered = events(question, "written_question.answered").get()
    assert answered.before["status"] == "in_preparation"
    assert answered.after == {"status": "answered", "answered_on": "2022-01-14"}


def test_a_received_question_cannot_be_answered_without_preparation(officer):
    question = services.question_create(officer, **fields())
    with pytest.raises(Conflict):
        services.question_answer(officer, question, answered_on=dt.date(2022, 1, 14), answer_text="Antwoord")
    question.refresh_from_db()
    assert question.status == QuestionStatus.RECEIVED
    assert question.answer_text == ""
    assert not events(question, "written_question.answered").exists()


@pytest.mark.parametrize(
    ("answer", "answered_on", "field"),
    [
        ("", dt.date(2022, 1, 14), "answer_text"),
        ("Antwoord", None, "answered_on"),
        ("Antwoord", dt.date(2021, 11, 1), "answered_on"),
        ("Antwoord", dt.date(2022, 2, 1), "answered_on"),
    ],
)
def test_answering_needs_a_text_and_a_sane_date(officer, answer, answered_on, field):
    question = WrittenQuestionFactory(status=QuestionStatus.IN_PREPARATION)
    with pytest.raises(RuleViolation) as refused:
        services.question_answer(officer, question, answered_on=answered_on, answer_text=answer)
    assert field in refused.value.errors
    question.refresh_from_db()
    assert question.status == QuestionStatus.IN_PREPARATION
    assert question.answer_text == ""


def test_an_answered_question_is_frozen_until_reopened_with_a_reason(officer):
    question = WrittenQuestionFactory(
        status=QuestionStatus.ANSWERED, answer_text="Antwoord", answered_on=dt.date(2022, 1, 14)
    )
    with pytest.raises(Conflict):
        services.question_update(officer, question, answer_text="Verbeterd antwoord")
    with pytest.raises(RuleViolation) as refused:
        services.question_reopen(officer, question, reason="  ")
    assert "reason" in refused.value.errors
    question = services.question_reopen(officer, question, reason="Erratum: bedrag verbeterd")
    assert question.status == QuestionStatus.IN_PREPARATION
    assert question.answered_on is None
    assert question.answer_text == "Antwoord"  # kept as the draft to correct
    assert events(question, "written_question.reopened").get().data == {"reason": "Erratum: bedrag verbeterd"}
    services.question_update(officer, question, answer_text="Verbeterd antwoord")


def test_an_update_that_changes_nothing_writes_no_event(officer):
    question = services.question_create(officer, **fields())
    services.question_update(officer, question, title="AMIF-middelen")
    assert events(question).count() == 1


def test_an_update_records_only_the_fields_that_changed(officer):
    question = services.question_create(officer, **fields())
    services.question_update(officer, question, title="AMIF-middelen 2021-2027", member_group="Groep A")
    event = events(question, "written_question.updated").get()
    assert event.before == {"title": "AMIF-middelen"}
    assert event.after == {"title": "AMIF-middelen 2021-2027"}


def test_an_auditor_cannot_move_a_question_along(auditor):
    question = WrittenQuestionFactory()
    with pytest.raises(PermissionDenied):
        services.question_start_preparation(auditor, question)
    question.refresh_from_db()
    assert question.status == QuestionStatus.RECEIVED


def test_the_database_refuses_an_answered_question_without_an_answer():
    with pytest.raises(IntegrityError), transaction.atomic():
        WrittenQuestionFactory(status=QuestionStatus.ANSWERED, answer_text="", answered_on=dt.date(2022, 1, 14))


def test_the_database_refuses_an_answer_dated_before_the_question():
    with pytest.raises(IntegrityError), transaction.atomic():
        WrittenQuestionFactory(answered_on=dt.date(2021, 1, 1))
