"""(b) How the resources are used: the objectives with what is allocated, put in calls and committed to
operations; the priorities, with the stakeholder consultation behind each; the measures and types of
intervention funded."""

from dataclasses import dataclass, field

from django.db.models import Sum, Value
from django.db.models.functions import Coalesce

from subsidia.calls.constants import CallStatus
from subsidia.calls.models import Call
from subsidia.consultations import selectors as consultations
from subsidia.consultations.constants import StakeholderType
from subsidia.core.fields import MoneyField
from subsidia.core.money import ZERO
from subsidia.programmes.models import Programme, Region
from subsidia.reference.models import InterventionField

from .envelope import Envelope
from .moment import Moment


@dataclass
class ObjectiveUse:
    objective: object
    allocated_eu: object
    in_calls: object
    committed_eu: object
    operations: int


@dataclass
class Consultation:
    survey: object
    respondents: int
    by_type: list[tuple[str, int]]  # (label, count), largest first


@dataclass
class PriorityUse:
    priority: object
    evidence: list
    consultation: Consultation | None
    calls: list[str] = field(default_factory=list)


@dataclass
class MeasureUse:
    measure: object
    calls: list[str]


@dataclass
class InterventionUse:
    intervention_field: object
    operations: int
    total_cost: object
    eu_contribution: object


@dataclass
class Usage:
    objectives: list[ObjectiveUse]
    priorities: list[PriorityUse]
    measures: list[MeasureUse]
    interventions: list[InterventionUse]


# Calls the committee approved and whose budget still draws on the envelope (archived and withdrawn calls
# released theirs; what their operations hold counts as committed).
DRAWING = (CallStatus.APPROVED, CallStatus.PUBLISHED, CallStatus.IN_ASSESSMENT, CallStatus.DECIDED)


def _calls_budget_by_objective(programme: Programme, region: Region | None, moment: Moment) -> dict:
    calls = moment.rows(Call).filter(programme_id=programme.pk, status__in=DRAWING)
    if region is not None:
        calls = calls.filter(region_id=region.pk)
    rows = (
        calls.values("specific_objective")
        .annotate(budget_sum=Coalesce(Sum("budget"), Value(0), output_field=MoneyField()))
        .order_by("specific_objective")
    )
    return {r["specific_objective"]: r["budget_sum"] for r in rows}


def _consultation(survey, cache: dict) -> Consultation | None:
    if survey is None:
        return None
    if survey.pk not in cache:
        counts = consultations.respondents_by_type(survey)
        by_type = sorted(
            ((str(StakeholderType(k).label) if k in StakeholderType.values else k, n) for k, n in counts.items()),
            key=lambda item: (-item[1], item[0]),
        )
        cache[survey.pk] = Consultation(survey=survey, respondents=sum(counts.values()), by_type=by_type)
    return cache[survey.pk]


def usage(envelope: Envelope, calls: list, projects, moment: Moment) -> Usage:
    programme, region = envelope.programme, envelope.region
    in_calls = _calls_budget_by_objective(programme, region, moment)
    empty = {"operations": 0, "eu_contribution": ZERO}
    objectives = [
        ObjectiveUse(
            objective=row.objective,
            allocated_eu=row.total["eu_contribution"],
            in_calls=in_calls.get(row.objective.pk, ZERO),
            committed_eu=projects.by_objective.get(row.objective.pk, empty)["eu_contribution"],
            operations=projects.by_objective.get(row.objective.pk, empty)["operations"],
        )
        for row in envelope.rows
    ]
    day = moment.instant.date()
    serving: dict[int, list[str]] = {}
    for summary in calls:
        for priority in summary.priorities:
            serving.setdefault(priority.pk, []).append(summary.call.reference)
    surveys: dict = {}
    priorities = [
        PriorityUse(
            priority=item.priority,
            evidence=item.evidence,
            consultation=_consultation(item.priority.survey, surveys),
            calls=serving.get(item.priority.pk, []),
        )
        for item in consultations.priorities_with_evidence(programme, public=True)
        if item.priority.adopted_on is None or item.priority.adopted_on <= day
    ]
    measures: dict[int, MeasureUse] = {}
    for summary in calls:
        for measure in summary.measures:
            measures.setdefault(measure.pk, MeasureUse(measure, [])).calls.append(summary.call.reference)
    fields = InterventionField.objects.in_bulk([k for k in projects.by_intervention if k is not None])
    interventions = [
        InterventionUse(fields.get(key), v["operations"], v["total_cost"], v["eu_contribution"])
        for key, v in projects.by_intervention.items()
    ]
    return Usage(
        objectives=objectives,
        priorities=priorities,
        measures=sorted(measures.values(), key=lambda m: (m.measure.objective_id, m.measure.letter)),
        interventions=interventions,
    )
