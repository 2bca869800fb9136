"""Read queries of consultations: who sees which survey, invitation progress, the priorities register.

For later stages (calls, transparency): ``priorities_with_evidence(programme, public=True)`` gives adopted
priorities with the survey findings behind them, ready for the public trace need → priority → call → project;
``adopted_priorities(programme)`` is the queryset a call's form offers.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from subsidia.core import formatting
from subsidia.core.roles import STAFF_ROLES, has_role

from .. import stats
from ..constants import CHOICE_KINDS, PriorityStatus, QuestionKind, SurveyStatus
from ..models import Evidence, Invitation, Priority, StakeholderOrganisation, Survey
from .results import Figures, QuestionResult, SurveyResults, respondents_by_type, survey_results

__all__ = [
    "EvidenceItem",
    "Figures",
    "PriorityWithEvidence",
    "QuestionResult",
    "SurveyResults",
    "adopted_priorities",
    "evidence_summary",
    "invitations_of",
    "organisations_visible_to",
    "priorities_visible_to",
    "priorities_with_evidence",
    "priority_with_evidence",
    "progress",
    "respondents_by_type",
    "survey_results",
    "surveys_visible_to",
    "surveys_with_counts",
]


def _is_staff(user) -> bool:
    return bool(user) and has_role(user, *STAFF_ROLES)


def surveys_visible_to(user):
    """Staff see every survey; committee members see published ones; nobody else sees any."""
    queryset = Survey.objects.select_related("programme", "created_by")
    if user is None or not user.is_authenticated:
        return queryset.none()
    if _is_staff(user):
        return queryset
    if user.has_perm("consultations.view_survey"):
        return queryset.filter(status=SurveyStatus.PUBLISHED)
    return queryset.none()


def surveys_with_counts(user):
    """``surveys_visible_to`` with their number of questions, invitations and submitted responses."""
    return (
        surveys_visible_to(user)
        .annotate(
            question_count=Count("questions", distinct=True),
            invited_count=Count("invitations", distinct=True),
            answered_count=Count("responses", filter=Q(responses__submitted_at__isnull=False), distinct=True),
        )
        .order_by("-opens_at", "pk")
    )


def organisations_visible_to(user):
    if user is None or not user.has_perm("consultations.view_stakeholderorganisation"):
        return StakeholderOrganisation.objects.none()
    return StakeholderOrganisation.objects.all()


def invitations_of(survey: Survey):
    """The survey's invitations with their organisation and response, in the register's order."""
    return (
        Invitation.objects.filter(survey=survey)
        .select_related("organisation", "response")
        .order_by("organisation__name")
    )


def progress(survey: Survey) -> dict:
    """How far the survey is: invited, opened (visits of the link), answers in progress, answered — counted
    by the database. "Opened" includes the later stages (every invitation whose link was visited)."""
    counts = Invitation.objects.filter(survey=survey).aggregate(
        invited=Count("pk"),
        opened=Count("pk", filter=Q(first_opened_at__isnull=False) | Q(response__isnull=False)),
        in_progress=Count("pk", filter=Q(response__isnull=False, response__submitted_at__isnull=True)),
        answered=Count("pk", filter=Q(response__submitted_at__isnull=False)),
        reminded=Count("pk", filter=Q(reminder_count__gt=0)),
    )
    counts["not_answered"] = counts["invited"] - counts["answered"]
    counts["rate"] = stats.share(counts["answered"], counts["invited"])
    return counts


# --- Priorities --------------------------------------------------------------------------------------------


def priorities_visible_to(user, programme=None):
    """Adopted priorities for everyone; proposed ones too for staff and committee members."""
    queryset = Priority.objects.select_related("programme", "survey")
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    if user is not None and user.is_authenticated and user.has_perm("consultations.view_all_priorities"):
        return queryset
    return queryset.filter(status=PriorityStatus.ADOPTED)


def adopted_priorities(programme=None):
    """The priorities a call may serve: adopted in the programme."""
    queryset = Priority.objects.filter(status=PriorityStatus.ADOPTED).select_related("programme")
    return queryset.filter(programme=programme) if programme is not None else queryset


@dataclass
class EvidenceItem:
    evidence: Evidence
    summary: str  # the figure from the live results, e.g. "Borda count: first of 6 (412 points)"

    @property
    def question(self):
        return self.evidence.question

    @property
    def option(self):
        return self.evidence.option

    @property
    def survey(self):
        return self.evidence.question.survey


@dataclass
class PriorityWithEvidence:
    priority: Priority
    evidence: list[EvidenceItem] = field(default_factory=list)


def evidence_summary(evidence: Evidence, result: QuestionResult | None) -> str:
    """What the answers say for one piece of evidence, in the active language."""
    if result is None or not result.overall.answered:
        return _("No answers yet.")
    overall = result.overall
    question = evidence.question
    if evidence.option_id and question.kind in CHOICE_KINDS:
        option = result.option(evidence.option_id)
        if option is None:
            return _("No answers yet.")
        if question.kind == QuestionKind.RANKING:
            return _(
                "Ranked %(place)s of %(options)s by %(n)s respondents (Borda count: %(points)s points; first "
                "place for %(first)s)."
            ) % {
                "place": option.place,
                "options": len(overall.options),
                "n": overall.answered,
                "points": option.points,
                "first": option.first_places,
            }
        return _("Chosen by %(count)s of %(n)s respondents (%(share)s).") % {
            "count": option.count,
            "n": overall.answered,
            "share": formatting.percent(option.share, decimals=0),
        }
    if question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        return _("Mean %(mean)s, median %(median)s (%(n)s answers).") % {
            "mean": formatting.number(overall.mean, decimals=2),
            "median": formatting.number(overall.median),
            "n": overall.answered,
        }
    if question.kind == QuestionKind.FREE_TEXT:
        return _("%(n)s written answers.") % {"n": overall.answered}
    return _("%(n)s answers.") % {"n": overall.answered}


def _with_evidence(priorities) -> list[PriorityWithEvidence]:
    results_cache: dict[int, SurveyResults] = {}
    out = []
    for priority in priorities:
        item = PriorityWithEvidence(priority)
        for evidence in priority.evidence.all():
            survey = evidence.question.survey
            if survey.pk not in results_cache:
                results_cache[survey.pk] = survey_results(survey, breakdown=False)
            result = results_cache[survey.pk].question(evidence.question_id)
            item.evidence.append(EvidenceItem(evidence, evidence_summary(evidence, result)))
        out.append(item)
    return out


def _evidence_prefetch():
    return Prefetch(
        "evidence",
        queryset=Evidence.objects.select_related(
            "question", "question__survey", "question__survey__programme", "option"
        ),
    )


def priorities_with_evidence(programme=None, *, user=None, public: bool = False) -> list[PriorityWithEvidence]:
    """Priorities with the evidence behind each and its live figure. ``public``: adopted priorities only, as
    anyone may see them (the figures are aggregates: no answer of any one organisation is shown)."""
    queryset = priorities_visible_to(None if public else user, programme)
    return _with_evidence(queryset.prefetch_related(_evidence_prefetch()).order_by("programme", "position", "code"))


def priority_with_evidence(priority: Priority) -> PriorityWithEvidence:
    priority = (
        Priority.objects.prefetch_related(_evidence_prefetch())
        .select_related("programme", "survey")
        .get(pk=priority.pk)
    )
    return _with_evidence([priority])[0]
