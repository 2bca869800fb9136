"""(c) The calls with their selection criteria and weights, their budgets, and the committee decisions that
approved them (from the approval gate)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from subsidia.calls.constants import CallStatus, EffectiveStatus
from subsidia.calls.models import AwardCriterion, Call, EligibilityCriterion
from subsidia.core.approval_models import ApprovalDecision, ApprovalRequest
from subsidia.core.money import ZERO
from subsidia.programmes.models import Programme, Region

from .moment import Moment


@dataclass
class Decision:
    reference: str
    decision_date: object
    outcome: str
    outcome_label: str
    votes_for: int
    votes_against: int
    abstentions: int
    taken_in: str
    conditions: str
    # The content changed after the decision (the approval was withdrawn by the moment).
    lapsed: bool


@dataclass
class CallSummary:
    call: Call
    status: str
    status_label: str
    award_criteria: list[AwardCriterion]
    eligibility_criteria: list[EligibilityCriterion]
    decisions: list[Decision]
    pending_since: object  # when the call awaited the committee at the moment, the day it was put to it
    priorities: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    operations: dict = field(default_factory=dict)

    @property
    def max_score(self) -> Decimal:
        return sum((c.max_points * c.weight for c in self.award_criteria), Decimal("0")).quantize(Decimal("0.01"))

    @property
    def approving_decision(self) -> Decision | None:
        return next((d for d in self.decisions if d.outcome != "rejected" and not d.lapsed), None)


def _status(call: Call, moment: Moment) -> tuple[str, str]:
    value = call.effective_status(moment.instant)
    for choices in (EffectiveStatus, CallStatus):
        if value in choices.values:
            return value, str(choices(value).label)
    return value, value


def _decisions(call_ids: list[int], moment: Moment) -> tuple[dict, dict]:
    """Per call: the committee's decisions recorded by the moment, and the day a request awaiting it was put."""
    content_type = ContentType.objects.get_for_model(Call)
    requests = ApprovalRequest.objects.filter(
        moment.until("submitted_at"), content_type=content_type, object_id__in=[str(i) for i in call_ids]
    ).order_by("submitted_at", "id")
    decisions = {
        d.request_id: d for d in ApprovalDecision.objects.filter(moment.until("recorded_at"), request__in=requests)
    }
    found: dict[int, list[Decision]] = {}
    pending: dict[int, object] = {}
    for req in requests:
        call_id = int(req.object_id)
        lapsed = req.withdrawn_at is not None and (moment.live or req.withdrawn_at <= moment.at)
        decision = decisions.get(req.pk)
        if decision is None:
            if not lapsed:
                pending[call_id] = req.submitted_at
            continue
        found.setdefault(call_id, []).append(
            Decision(
                reference=decision.reference,
                decision_date=decision.decision_date,
                outcome=decision.outcome,
                outcome_label=str(decision.get_outcome_display()),
                votes_for=decision.votes_for,
                votes_against=decision.votes_against,
                abstentions=decision.abstentions,
                taken_in=decision.taken_in,
                conditions=decision.conditions,
                lapsed=lapsed,
            )
        )
    for items in found.values():
        items.sort(key=lambda d: (d.decision_date, d.reference), reverse=True)
    return found, pending


def calls(programme: Programme, region: Region | None, moment: Moment, by_call: dict) -> list[CallSummary]:
    """The calls put to the committee or beyond (drafts and calls withdrawn before publication are left out)."""
    queryset = moment.rows(Call).filter(programme_id=programme.pk)
    if region is not None:
        queryset = queryset.filter(region_id=region.pk)
    queryset = queryset.exclude(Q(status=CallStatus.DRAFT) | Q(status=CallStatus.WITHDRAWN, published_at__isnull=True))
    found = list(queryset.order_by("opens_at", "reference"))
    ids = [c.pk for c in found]
    award: dict[int, list] = {}
    for criterion in moment.rows(AwardCriterion).filter(call_id__in=ids).order_by("position", "id"):
        award.setdefault(criterion.call_id, []).append(criterion)
    eligibility: dict[int, list] = {}
    for criterion in moment.rows(EligibilityCriterion).filter(call_id__in=ids).order_by("position", "id"):
        eligibility.setdefault(criterion.call_id, []).append(criterion)
    decisions, pending = _decisions(ids, moment)
    # What the committee approved stays as approved (the call's priorities and measures are part of it), so the
    # live relations are those of the moment too.
    live = {c.pk: c for c in Call.objects.filter(pk__in=ids).prefetch_related("priorities", "implementation_measures")}
    empty = {"operations": 0, "total_cost": ZERO, "eu_contribution": ZERO}
    out = []
    for call in found:
        status, label = _status(call, moment)
        out.append(
            CallSummary(
                call=call,
                status=status,
                status_label=label,
                award_criteria=award.get(call.pk, []),
                eligibility_criteria=eligibility.get(call.pk, []),
                decisions=decisions.get(call.pk, []),
                pending_since=pending.get(call.pk),
                priorities=list(live[call.pk].priorities.all()) if call.pk in live else [],
                measures=list(live[call.pk].implementation_measures.all()) if call.pk in live else [],
                operations=by_call.get(call.pk, empty),
            )
        )
    return out
