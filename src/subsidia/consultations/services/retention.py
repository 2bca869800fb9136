"""Storage limitation for survey answers (GDPR art. 5(1)(e)): once the retention period after a survey's
closing has passed, the personal data of its responses goes; what stays feeds the aggregate results.

Removed: free-text answers, the name and function of the person who answered, the address the invitation
went to, the link tokens, and drafts that were never submitted. Kept: the organisation and its type, and the
choices, rankings, scales and numbers of submitted responses.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict
from subsidia.reference.figures import figure

from ..constants import SurveyStatus
from ..models import Answer, Invitation, InvitationToken, Response, Survey
from .common import require

RETENTION_FIGURE = "survey_answer_retention_years"


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def retention_ends(survey: Survey) -> dt.datetime:
    """The instant the personal data of the survey's answers is due for removal (same Brussels wall time,
    the figure's number of years after closing)."""
    years = int(figure(RETENTION_FIGURE).value)
    closes = clock.to_local(survey.closes_at)
    return clock.make_aware_local(
        dt.datetime.combine(_add_years(closes.date(), years), dt.time(0, 0)) + dt.timedelta(days=1)
    )


def surveys_due(now: dt.datetime | None = None) -> list[Survey]:
    now = now or clock.now()
    candidates = Survey.objects.filter(
        status=SurveyStatus.PUBLISHED, responses_anonymised_at__isnull=True, closes_at__lt=now
    ).order_by("closes_at")
    return [s for s in candidates if retention_ends(s) <= now]


@dataclass
class PurgeReport:
    survey: Survey
    free_texts: int
    respondents: int
    addresses: int
    tokens: int
    drafts: int


def purge_survey(actor, survey: Survey) -> PurgeReport:
    """Remove the personal data of one survey's answers; refuses before the retention period has passed."""
    if actor is not None:
        require(actor, "consultations.purge_survey", survey)
    rule = figure(RETENTION_FIGURE)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        if survey.responses_anonymised_at is not None:
            return PurgeReport(survey, 0, 0, 0, 0, 0)
        if survey.status != SurveyStatus.PUBLISHED or retention_ends(survey) > clock.now():
            raise Conflict(_("The retention period of this survey's answers has not ended."), code="retained")
        now = clock.now()
        drafts = Response.objects.filter(survey=survey, submitted_at__isnull=True)
        draft_count = drafts.count()
        drafts.delete()
        free_texts = (
            Answer.objects.filter(response__survey=survey)
            .exclude(text_value="")
            .update(text_value="", text_anonymised=True)
        )
        respondents = Response.objects.filter(survey=survey, anonymised_at__isnull=True).update(
            respondent_name="", respondent_role="", anonymised_at=now
        )
        addresses = Invitation.objects.filter(survey=survey).exclude(email="").update(email="")
        tokens, _detail = InvitationToken.objects.filter(invitation__survey=survey).delete()
        survey.responses_anonymised_at = now
        survey.save(update_fields=["responses_anonymised_at"])
        report = PurgeReport(survey, free_texts, respondents, addresses, tokens, draft_count)
        audit.record(
            actor,
            "survey.responses_anonymised",
            survey,
            after={"responses_anonymised_at": now},
            data={
                "free_texts": free_texts,
                "respondents": respondents,
                "addresses": addresses,
                "tokens": tokens,
                "drafts_deleted": draft_count,
                "retention_years": rule.value,
                "legal_basis": rule.legal_basis,
            },
        )
    return report


def purge_expired(actor=None, *, dry_run: bool = False) -> list:
    """Every survey past its retention period; with ``dry_run`` only the list, nothing changed."""
    due = surveys_due()
    if dry_run:
        return due
    return [purge_survey(actor, survey) for survey in due]
