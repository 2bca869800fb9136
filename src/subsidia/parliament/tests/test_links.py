"""Links to earlier questions: to a question of the register, or a cited reference to one that is not in it."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from subsidia.core.exceptions import RuleViolation
from subsidia.core.models import AuditEvent

from .. import selectors, services
from ..models import EarlierQuestion
from .factories import EarlierQuestionFactory, WrittenQuestionFactory

pytestmark = pytest.mark.django_db


def test_a_question_cites_one_that_is_not_in_the_register_by_number_and_date(officer):
    question = WrittenQuestionFactory()
    link = services.link_add(officer, question, number="290", asked_on=dt.date(2020, 6, 19), note="Geen cijfers")
    assert link.earlier is None
    shown = selectors.earlier_questions(question)
    assert [(s.number, s.asked_on, s.registered) for s in shown] == [("290", dt.date(2020, 6, 19), None)]
    event = AuditEvent.objects.get(action="written_question.link_added")
    assert event.after == {"number": "290", "session": "", "asked_on": "2020-06-19", "title": ""}


def test_a_question_cites_a_question_of_the_register(officer):
    earlier = WrittenQuestionFactory(number="290", session="2019-2020", asked_on=dt.date(2020, 6, 19))
    question = WrittenQuestionFactory(programme=earlier.programme)
    services.link_add(officer, question, earlier=earlier)
    assert [s.registered for s in selectors.earlier_questions(question)] == [earlier]
    assert list(selectors.later_questions(earlier)) == [question]


def test_a_citation_of_a_registered_question_becomes_a_link_to_it(officer):
    earlier = WrittenQuestionFactory(number="290", session="2019-2020", asked_on=dt.date(2020, 6, 19))
    question = WrittenQuestionFactory(programme=earlier.programme)
    link = services.link_add(officer, question, number="290", asked_on=dt.date(2020, 6, 19))
    assert link.earlier == earlier
    assert link.number == ""


def test_a_reference_registered_later_is_shown_as_the_registers_question():
    link = EarlierQuestionFactory()
    assert selectors.earlier_questions(link.question)[0].registered is None
    earlier = WrittenQuestionFactory(
        number="290", session="2019-2020", asked_on=dt.date(2020, 6, 19), programme=link.question.programme
    )
    assert selectors.earlier_questions(link.question)[0].registered == earlier
    assert list(selectors.later_questions(earlier)) == [link.question]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "earlier"),
        ({"number": "29 0"}, "number"),
        ({"number": "290", "session": "2020"}, None),
        ({"number": "290", "session": "2019-2021"}, "session"),
        ({"number": "290", "asked_on": dt.date(2022, 6, 19)}, "asked_on"),
    ],
)
def test_a_bad_citation_is_refused_with_a_message(officer, kwargs, field):
    question = WrittenQuestionFactory()
    if field is None:
        services.link_add(officer, question, **kwargs)
        return
    with pytest.raises(RuleViolation) as refused:
        services.link_add(officer, question, **kwargs)
    assert field in refused.value.errors
    assert not EarlierQuestion.objects.exists()


def test_a_question_cannot_cite_itself_nor_a_later_one_nor_twice_the_same(officer):
    question = WrittenQuestionFactory(asked_on=dt.date(2021, 11, 18))
    later = WrittenQuestionFactory(asked_on=dt.date(2021, 12, 1), programme=question.programme)
    with pytest.raises(RuleViolation):
        services.link_add(officer, question, earlier=question)
    with pytest.raises(RuleViolation):
        services.link_add(officer, question, earlier=later)
    services.link_add(officer, question, number="290", asked_on=dt.date(2020, 6, 19))
    with pytest.raises(RuleViolation):
        services.link_add(officer, question, number="290", asked_on=dt.date(2020, 6, 19))
    assert EarlierQuestion.objects.count() == 1


def test_removing_a_link_is_audited(officer):
    link = EarlierQuestionFactory()
    services.link_remove(officer, link)
    assert not EarlierQuestion.objects.exists()
    event = AuditEvent.objects.get(action="written_question.link_removed")
    assert event.object_id == str(link.question_id)
    assert event.before["number"] == "290"


def test_the_database_keeps_a_link_either_to_the_register_or_a_reference():
    question = WrittenQuestionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        EarlierQuestionFactory(question=question, number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        EarlierQuestionFactory(question=question, earlier=question, number="")
