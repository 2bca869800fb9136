"""The pages: who sees which, forms that refuse bad input with messages (never a 500), and the transitions
they trigger through the services."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from subsidia.core import clock

from .. import services
from ..constants import QuestionKind, StakeholderType, SurveyStatus
from ..models import Priority, Question, StakeholderOrganisation, Survey
from .factories import (
    PriorityFactory,
    StakeholderOrganisationFactory,
    SurveyFactory,
    complete_answers,
    invite,
    survey_with_questions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    survey = survey_with_questions()
    for stakeholder_type in [StakeholderType.LOCAL_GOVERNMENT] * 5 + [StakeholderType.MIGRANT_LED] * 6:
        _invitation, token = invite(survey, stakeholder_type=stakeholder_type)
        services.response_save(token, complete_answers(survey), submit=True)
    return survey


def test_officer_pages_render(client, officer, answered):
    client.force_login(officer)
    for url in (
        reverse("consultations:list"),
        reverse("consultations:create"),
        reverse("consultations:detail", args=[answered.pk]),
        reverse("consultations:invitations", args=[answered.pk]),
        reverse("consultations:results", args=[answered.pk]),
        reverse("consultations:results", args=[answered.pk]) + "?by=type",
        reverse("consultations:organisations"),
        reverse("consultations:organisation-create"),
        reverse("consultations:priorities"),
        reverse("consultations:priority-create") + f"?survey={answered.pk}",
    ):
        assert client.get(url).status_code == 200, url


def test_the_results_page_shows_charts_with_a_text_equivalent(client, member, answered):
    client.force_login(member)
    page = client.get(reverse("consultations:results", args=[answered.pk]) + "?by=type")
    assert page.status_code == 200
    assert page.text.count("<svg") >= 6
    assert 'role="img"' in page.text and "<desc id=" in page.text
    assert "Borda" in page.text
    assert "Zelforganisatie van migranten" in page.text  # Dutch, the official language, by default


def test_committee_members_and_the_public_cannot_manage(client, member, applicant, answered):
    draft = SurveyFactory()
    client.force_login(member)
    assert client.get(reverse("consultations:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("consultations:invitations", args=[answered.pk])).status_code == 403
    assert client.get(reverse("consultations:create")).status_code == 403
    assert client.post(reverse("consultations:publish", args=[draft.pk])).status_code == 404
    client.force_login(applicant)
    assert client.get(reverse("consultations:list")).status_code == 403
    assert client.get(reverse("consultations:results", args=[answered.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("consultations:results", args=[answered.pk])).status_code == 302  # to the login


def test_creating_a_survey_with_bad_dates_shows_messages_and_stores_nothing(client, officer):
    programme = SurveyFactory().programme
    client.force_login(officer)
    page = client.post(
        reverse("consultations:create"),
        {"programme": programme.pk, "title_nl": "Bevraging", "opens_at": "2031-03-28T02:30", "closes_at": "not a date"},
    )
    assert page.status_code == 200
    assert Survey.objects.count() == 1
    page = client.post(
        reverse("consultations:create"),
        {
            "programme": programme.pk,
            "title_nl": "Bevraging",
            "opens_at": "2031-03-30T02:30",
            "closes_at": "2031-03-01T10:00",
        },
    )
    assert page.status_code == 200 and "has-error" in page.text
    assert Survey.objects.count() == 1


def test_an_officer_builds_publishes_and_invites_through_the_pages(client, officer):
    programme = SurveyFactory().programme
    client.force_login(officer)
    opens = clock.to_local(clock.now() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    closes = clock.to_local(clock.now() + dt.timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("consultations:create"),
        {"programme": programme.pk, "title_nl": "Bevraging 2031", "opens_at": opens, "closes_at": closes},
    )
    survey = Survey.objects.get(title_nl="Bevraging 2031")
    assert response.status_code == 302
    question_url = reverse("consultations:question-create", args=[survey.pk])
    page = client.post(
        question_url,
        {"kind": "ranking", "text_nl": "Rangschik", "required": "on", "options_nl": "Een\nTwee", "options_en": "One"},
    )
    assert page.status_code == 200 and not Question.objects.filter(survey=survey).exists()  # 1 English line of 2
    client.post(
        question_url,
        {
            "kind": "ranking",
            "text_nl": "Rangschik",
            "required": "on",
            "options_nl": "Een\nTwee",
            "options_en": "One\nTwo",
        },
    )
    question = Question.objects.get(survey=survey)
    assert [o.text_en for o in question.options.all()] == ["One", "Two"]
    client.post(reverse("consultations:publish", args=[survey.pk]))
    assert Survey.objects.get(pk=survey.pk).status == SurveyStatus.PUBLISHED
    organisation = StakeholderOrganisationFactory()
    client.post(reverse("consultations:invitations", args=[survey.pk]), {"organisations": [organisation.pk]})
    assert len(mail.outbox) == 1 and "/survey/" in mail.outbox[0].body
    client.post(reverse("consultations:remind", args=[survey.pk]))
    assert len(mail.outbox) == 2
    page = client.post(reverse("consultations:close", args=[survey.pk]), {"reason": ""}, follow=True)
    assert Survey.objects.get(pk=survey.pk).is_open


def test_the_register_refuses_a_duplicate_name_on_the_form(client, officer):
    StakeholderOrganisationFactory(name="Stad Gent")
    client.force_login(officer)
    page = client.post(
        reverse("consultations:organisation-create"),
        {
            "name": "stad gent",
            "stakeholder_type": "local_government",
            "email": "a@b.test",
            "language": "nl",
            "is_active": "on",
        },
    )
    assert page.status_code == 200 and "has-error" in page.text
    assert StakeholderOrganisation.objects.count() == 1


def test_the_public_register_shows_adopted_priorities_only(client, answered):
    adopted = PriorityFactory(
        programme=answered.programme,
        code="P7",
        title_en="Adopted one",
        status="adopted",
        adopted_on=dt.date(2022, 12, 5),
    )
    proposed = PriorityFactory(programme=answered.programme, code="P8", title_en="Still proposed")
    page = client.get(reverse("consultations:priorities") + "?lang=en")
    assert "Adopted one" in page.text and "Still proposed" not in page.text
    assert client.get(reverse("consultations:priority", args=[adopted.pk])).status_code == 200
    assert client.get(reverse("consultations:priority", args=[proposed.pk])).status_code == 404
    assert client.get(reverse("consultations:priorities") + "?programme=abc").status_code == 200


def test_an_officer_links_evidence_and_adopts_on_the_priority_page(client, officer, answered):
    priority = PriorityFactory(programme=answered.programme, survey=answered)
    ranking = answered.questions.get(kind=QuestionKind.RANKING)
    client.force_login(officer)
    url = reverse("consultations:evidence-add", args=[priority.pk])
    client.post(url, {"question": ranking.pk, "option": ranking.options.first().pk, "finding_en": "First"})
    assert priority.evidence.count() == 1
    client.post(url, {"question": "nonsense"})
    assert priority.evidence.count() == 1
    client.post(reverse("consultations:priority-adopt", args=[priority.pk]), {"adopted_on": "2999-01-01"})
    assert Priority.objects.get(pk=priority.pk).status == "proposed"
    client.post(reverse("consultations:priority-adopt", args=[priority.pk]), {"adopted_on": "2022-12-05"})
    assert Priority.objects.get(pk=priority.pk).status == "adopted"
    page = client.get(reverse("consultations:priority", args=[priority.pk]))
    assert "Borda" in page.text
