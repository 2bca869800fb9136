"""Storage limitation of survey answers (GDPR art. 5(1)(e)): after the retention period the personal data
goes, the aggregate answers stay, and the removal is audited."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command

from subsidia.core import audit
from subsidia.core.exceptions import Conflict
from subsidia.core.models import AuditEvent
from subsidia.reference.figures import figure

from .. import services
from ..constants import QuestionKind
from ..models import Answer, Invitation, InvitationToken, Response
from ..selectors import survey_results
from .factories import complete_answers, invite, survey_with_questions

pytestmark = pytest.mark.django_db


def test_the_retention_of_survey_answers_is_two_years_under_gdpr_article_5_1_e():
    rule = figure("survey_answer_retention_years")
    assert rule.value == 2 and rule.unit == "years"
    assert rule.legal_basis == "GDPR Art. 5(1)(e)"


@pytest.fixture
def answered_survey():
    survey = survey_with_questions()
    for name in ("An", "Bert", "Chloé"):
        _invitation, token = invite(survey)
        services.response_save(
            token, complete_answers(survey), respondent_name=name, respondent_role="coordinator", submit=True
        )
    _invitation, draft_token = invite(survey)
    scale = survey.questions.get(kind=QuestionKind.SCALE)
    services.response_save(draft_token, {scale.pk: "1"}, respondent_name="Dirk")
    return survey


def results_without_texts(survey):
    results = survey_results(survey)
    return [
        (
            q.question.pk,
            [(o.option.pk, o.count, o.points) for o in q.overall.options],
            q.overall.mean,
            q.overall.median,
            q.overall.answered,
        )
        for q in results.questions
    ]


def test_the_retention_ends_two_years_after_the_closing_day(answered_survey):
    ends = services.retention_ends(answered_survey)
    closes = answered_survey.closes_at
    assert dt.timedelta(days=730) < ends - closes <= dt.timedelta(days=732)


def test_nothing_is_removed_before_the_retention_period_ends(answered_survey):
    with time_machine.travel(services.retention_ends(answered_survey) - dt.timedelta(minutes=1), tick=False):
        assert services.purge_expired() == []
        with pytest.raises(Conflict):
            services.purge_survey(None, answered_survey)
    assert Answer.objects.exclude(text_value="").count() == 3
    assert Response.objects.exclude(respondent_name="").count() == 4


def test_after_the_retention_period_personal_data_goes_and_aggregates_stay(answered_survey):
    before = results_without_texts(answered_survey)
    with time_machine.travel(services.retention_ends(answered_survey) + dt.timedelta(minutes=1), tick=False):
        reports = services.purge_expired()
    assert len(reports) == 1
    report = reports[0]
    assert (report.free_texts, report.respondents, report.drafts) == (3, 3, 1)
    assert not Answer.objects.exclude(text_value="").exists()
    assert Answer.objects.filter(text_anonymised=True).count() == 3
    assert not Response.objects.exclude(respondent_name="").exists()
    assert not Response.objects.exclude(respondent_role="").exists()
    assert not Invitation.objects.exclude(email="").exists()
    assert not InvitationToken.objects.exists()
    assert Response.objects.filter(submitted_at__isnull=True).count() == 0
    assert results_without_texts(answered_survey) == before
    free_text = survey_results(answered_survey).question(answered_survey.questions.get(kind=QuestionKind.FREE_TEXT).pk)
    assert free_text.overall.texts == [] and free_text.overall.anonymised_texts == 3
    event = AuditEvent.objects.get(action="survey.responses_anonymised")
    assert event.data["legal_basis"] == "GDPR Art. 5(1)(e)" and event.data["free_texts"] == 3
    assert audit.verify().ok
    # The history tables never held the names either.
    assert {"respondent_name", "respondent_role"}.isdisjoint(f.name for f in Response.history.model._meta.fields)
    assert "email" not in {f.name for f in Invitation.history.model._meta.fields}


def test_the_command_lists_on_a_dry_run_and_purges_otherwise(answered_survey):
    with time_machine.travel(services.retention_ends(answered_survey) + dt.timedelta(days=1), tick=False):
        out = io.StringIO()
        call_command("purge_survey_responses", "--dry-run", stdout=out)
        assert "1 survey(s) due" in out.getvalue()
        assert Answer.objects.exclude(text_value="").count() == 3
        out = io.StringIO()
        call_command("purge_survey_responses", stdout=out)
        assert "3 written answers" in out.getvalue()
        assert not Answer.objects.exclude(text_value="").exists()
        out = io.StringIO()
        call_command("purge_survey_responses", stdout=out)
        assert "0 survey(s) anonymised" in out.getvalue()


def test_a_purged_link_no_longer_opens_anything(client, answered_survey):
    invitation = Invitation.objects.filter(response__submitted_at__isnull=False).first()
    _invitation, token = invite(answered_survey)  # a fresh link, to try after the purge
    with time_machine.travel(services.retention_ends(answered_survey) + dt.timedelta(days=1), tick=False):
        services.purge_expired()
        assert client.get(f"/survey/{token}/").status_code == 404
    assert invitation.pk
