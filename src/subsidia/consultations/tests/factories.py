"""Consultation factories build rows directly (bypassing services) for tests of reading and rules;
``survey_with_questions`` and ``invite`` set up a published survey that stakeholders can answer."""

import datetime as dt

import factory

from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory
from subsidia.programmes.tests.factories import ProgrammeFactory

from ..constants import QuestionKind, StakeholderType, SurveyStatus
from ..models import Invitation, InvitationToken, Option, Priority, Question, StakeholderOrganisation, Survey
from ..services.invitations import hash_token, new_token


class StakeholderOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StakeholderOrganisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    stakeholder_type = StakeholderType.LOCAL_GOVERNMENT
    email = factory.Sequence(lambda n: f"contact{n}@example.test")
    language = "nl"
    created_at = factory.LazyFunction(clock.now)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    programme = factory.SubFactory(ProgrammeFactory)
    title_nl = "Bevraging van belanghebbenden"
    title_fr = "Consultation des parties prenantes"
    title_en = "Stakeholder survey"
    opens_at = factory.LazyFunction(lambda: clock.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: clock.now() + dt.timedelta(days=30))
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)


class PublishedSurveyFactory(SurveyFactory):
    status = SurveyStatus.PUBLISHED
    published_at = factory.LazyFunction(clock.now)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = QuestionKind.SCALE
    text_nl = factory.Sequence(lambda n: f"Vraag {n}")
    text_en = factory.Sequence(lambda n: f"Question {n}")


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n + 1)
    text_nl = factory.Sequence(lambda n: f"Optie {n}")
    text_en = factory.Sequence(lambda n: f"Option {n}")


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"P{n + 1}")
    title_nl = factory.Sequence(lambda n: f"Prioriteit {n}")
    title_en = factory.Sequence(lambda n: f"Priority {n}")
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)


ALL_KINDS = (
    QuestionKind.SINGLE_CHOICE,
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.RANKING,
    QuestionKind.SCALE,
    QuestionKind.NUMBER,
    QuestionKind.FREE_TEXT,
)


def survey_with_questions(*, kinds=ALL_KINDS, options=3, published=True, required=True, **survey_kwargs):
    """A survey with one question per kind (in that order), each choice question with ``options`` options."""
    factory_class = PublishedSurveyFactory if published else SurveyFactory
    survey = factory_class(**survey_kwargs)
    for position, kind in enumerate(kinds, start=1):
        question = QuestionFactory(survey=survey, position=position, kind=kind, required=required)
        if kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.RANKING):
            for i in range(1, options + 1):
                OptionFactory(
                    question=question,
                    position=i,
                    text_nl=f"Optie {position}.{i}",
                    text_en=f"Option {position}.{i}",
                )
    return survey


def invite(survey, organisation=None, **organisation_kwargs) -> tuple[Invitation, str]:
    """An invitation with a working personal token, as if the e-mail had gone out."""
    organisation = organisation or StakeholderOrganisationFactory(**organisation_kwargs)
    invitation = Invitation.objects.create(
        survey=survey,
        organisation=organisation,
        email=organisation.email,
        language=organisation.language,
        sent_at=clock.now(),
        sent_by=UserFactory(),
    )
    token = new_token()
    InvitationToken.objects.create(invitation=invitation, token_hash=hash_token(token), issued_at=clock.now())
    return invitation, token


def complete_answers(survey) -> dict:
    """A valid answer to every question of ``survey``: first options, ranking in order, 4, 12, a text."""
    answers = {}
    for question in survey.questions.order_by("position"):
        ids = list(question.options.order_by("position").values_list("pk", flat=True))
        answers[question.pk] = {
            QuestionKind.SINGLE_CHOICE: str(ids[0]) if ids else None,
            QuestionKind.MULTIPLE_CHOICE: [str(i) for i in ids[:2]],
            QuestionKind.RANKING: ids,
            QuestionKind.SCALE: "4",
            QuestionKind.NUMBER: "12",
            QuestionKind.FREE_TEXT: "More buddies, please.",
        }[question.kind]
    return answers
