"""Project pages and the public trace need → priority → call → project."""

import os
from dataclasses import dataclass, field

from django.conf import settings

from subsidia.calls import selectors as call_selectors
from subsidia.calls.models import Call
from subsidia.consultations import selectors as consultation_selectors
from subsidia.consultations.constants import PriorityStatus
from subsidia.consultations.models import Priority
from subsidia.projects import selectors as project_selectors
from subsidia.projects.models import Operation

from .. import fields as field_map
from . import operations as list_selectors

TRACE_OPERATIONS_SHOWN = 100


def scores_published() -> bool:
    """Whether the programme publishes the assessment scores of selected operations (a choice of the managing
    authority: ``SUBSIDIA_PUBLISH_SCORES`` in the environment or settings; off by default)."""
    value = os.environ.get("SUBSIDIA_PUBLISH_SCORES", getattr(settings, "SUBSIDIA_PUBLISH_SCORES", False))
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


@dataclass
class ProjectPage:
    operation: Operation
    row: dict
    call: Call
    award_criteria: list
    scores: dict | None
    indicator_targets: list
    priorities: list = field(default_factory=list)

    @property
    def restricted(self) -> bool:
        return bool(self.row.get("publication_restricted"))

    @property
    def cofinancing(self):
        return self.row["own_contribution"] + self.row["other_public_funding"]


def _targets(operation: Operation) -> list:
    if hasattr(operation, "indicator_targets"):
        return list(operation.indicator_targets.select_related("indicator").order_by("indicator__id"))
    return list(operation.application.indicator_targets.select_related("indicator").order_by("indicator__id"))


def scores(operation: Operation) -> dict | None:
    """``{criterion_id: points}`` and the total, when the programme publishes scores and the assessment app
    offers them (``assessment.selectors.published_scores(application)``); None otherwise."""
    if not scores_published():
        return None
    try:
        from subsidia.assessment import selectors as assessment_selectors
    except ImportError:
        return None
    provider = getattr(assessment_selectors, "published_scores", None)
    return provider(operation.application) if provider else None


def public_priorities(operation: Operation) -> list:
    """The adopted priorities the operation serves: its own, else those of the call it was selected on."""
    adopted = operation.priorities.filter(status=PriorityStatus.ADOPTED)
    if not adopted.exists():
        adopted = operation.call.priorities.filter(status=PriorityStatus.ADOPTED)
    adopted = adopted.order_by("position", "code")
    return [consultation_selectors.priority_with_evidence(priority) for priority in adopted]


def project_page(code: str, language: str | None = None) -> ProjectPage | None:
    operation = list_selectors.public_operation(code)
    if operation is None:
        return None
    ctx = list_selectors.context(language)
    return ProjectPage(
        operation=operation,
        row=list_selectors.published_row(operation, ctx),
        call=operation.call,
        award_criteria=list(operation.call.award_criteria.order_by("position")),
        scores=scores(operation),
        indicator_targets=_targets(operation),
        priorities=public_priorities(operation),
    )


# --- The trace: need → priority → call → project ---------------------------------------------------------------


@dataclass
class CallFunding:
    call: Call
    totals: dict
    rows: list
    more: int


@dataclass
class Trace:
    priority: object  # consultations PriorityWithEvidence
    calls: list[CallFunding]
    totals: dict


def public_priorities_list():
    return consultation_selectors.adopted_priorities().select_related("programme").order_by("programme", "position")


def public_priority(pk: int) -> Priority | None:
    return consultation_selectors.adopted_priorities().filter(pk=pk).first()


def trace(priority: Priority, language: str | None = None) -> Trace:
    """The stakeholder answers behind a priority, the published calls that serve it, and the operations those
    calls funded (through the field map, withholding applied)."""
    ctx = list_selectors.context(language)
    calls = call_selectors.public_calls().filter(priorities=priority).order_by("opens_at", "reference")
    funded = []
    operations = list_selectors.public_operations()
    for call in calls:
        of_call = operations.filter(call=call)
        totals = project_selectors.totals(of_call.order_by())
        rows = list(list_selectors.published_values(of_call.order_by("code"), ctx)[:TRACE_OPERATIONS_SHOWN])
        shown = [field_map.renamed(row) for row in rows]
        funded.append(CallFunding(call, totals, shown, max(totals["operations"] - len(shown), 0)))
    all_totals = project_selectors.totals(operations.filter(call__in=calls).order_by())
    return Trace(consultation_selectors.priority_with_evidence(priority), funded, all_totals)
