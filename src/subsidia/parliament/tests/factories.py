"""Written questions built directly (bypassing services) for tests of reading, packs and constraints; the
services are tested on their own."""

import datetime as dt

import factory

from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory
from subsidia.programmes.tests.factories import ProgrammeFactory, RegionFactory

from ..constants import QuestionStatus
from ..models import EarlierQuestion, WrittenQuestion


class WrittenQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WrittenQuestion

    assembly = "Vlaams Parlement"
    session = "2021-2022"
    number = factory.Sequence(lambda n: str(400 + n))
    asked_on = dt.date(2021, 11, 18)
    member_name = "Els Voorbeeld"
    member_group = "Groep A"
    minister_name = "Jan Minister"
    minister_portfolio = "Binnenlands Bestuur en Gelijke Kansen"
    title = "AMIF-middelen voor integratie"
    question_text = "Hoeveel AMIF-middelen krijgt Vlaanderen, en voor welke projecten?"
    status = QuestionStatus.RECEIVED
    programme = factory.SubFactory(ProgrammeFactory)
    region = factory.SubFactory(RegionFactory)
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)
    updated_at = factory.LazyFunction(clock.now)


class EarlierQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EarlierQuestion

    question = factory.SubFactory(WrittenQuestionFactory)
    number = "290"
    asked_on = dt.date(2020, 6, 19)
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)
