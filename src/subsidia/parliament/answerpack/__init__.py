"""The answer pack of a written question: live figures (or those of a publication snapshot) that answer how
much money the region gets, how it is used, on which criteria, and for which projects with which budget.

``build(question, language=…, snapshot=…)`` gathers it; ``xlsx.render`` and ``pdf.render`` export it.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.core import clock
from subsidia.core.exceptions import RuleViolation
from subsidia.core.money import ZERO
from subsidia.programmes.models import Programme
from subsidia.transparency.models import PublicationSnapshot

from ..models import WrittenQuestion
from . import projects as project_rows
from .calls import CallSummary, calls
from .envelope import Envelope, envelope
from .moment import Moment
from .usage import Usage, usage

LANGUAGES = ("nl", "fr", "en")


@dataclass
class AnswerPack:
    question: WrittenQuestion
    language: str
    data_date: dt.datetime
    snapshot: PublicationSnapshot | None
    envelope: Envelope
    usage: Usage
    calls: list[CallSummary]
    projects: project_rows.Projects

    @property
    def live(self) -> bool:
        return self.snapshot is None

    @property
    def region(self):
        return self.question.region

    @property
    def programme(self):
        return self.envelope.programme

    @property
    def calls_budget(self):
        """The budgets of the calls still drawing on the envelope (the database's sums per objective, added)."""
        return sum((row.in_calls for row in self.usage.objectives), start=ZERO)


def language_or_error(language: str | None) -> str:
    """The pack's language: the deployment's official (binding) language unless another is asked for."""
    language = (language or settings.SUBSIDIA_OFFICIAL_LANGUAGE).strip().lower()
    if language not in LANGUAGES:
        raise RuleViolation(
            errors={
                "language": _("Choose one of these languages: %(languages)s.") % {"languages": ", ".join(LANGUAGES)}
            }
        )
    return language


def snapshot_or_error(value) -> PublicationSnapshot | None:
    """A publication snapshot by its number (as the list of operations shows it), or None for live data."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    snapshot = PublicationSnapshot.objects.filter(number=int(text)).first() if text.isdigit() else None
    if snapshot is None:
        raise RuleViolation(
            errors={
                "as_of": _("There is no publication number %(number)s of the list of operations.") % {"number": text}
            }
        )
    return snapshot


def build(question: WrittenQuestion, *, language: str | None = None, snapshot: PublicationSnapshot | None = None):
    language = language_or_error(language)
    moment = Moment(snapshot.published_at if snapshot else None)
    data_date = moment.instant
    programme = Programme.objects.select_related("fund", "current_version").get(pk=question.programme_id)
    region = question.region
    with translation.override(language):
        if snapshot is None:
            projects = project_rows.live(programme, region, language, clock.to_local(data_date).date())
        else:
            projects = project_rows.as_published(snapshot, programme, region)
        budget = envelope(programme, region, moment)
        summaries = calls(programme, region, moment, projects.by_call)
        used = usage(budget, summaries, projects, moment)
    return AnswerPack(
        question=question,
        language=language,
        data_date=data_date,
        snapshot=snapshot,
        envelope=budget,
        usage=used,
        calls=summaries,
        projects=projects,
    )
