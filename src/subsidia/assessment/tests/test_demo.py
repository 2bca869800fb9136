"""The assessment demo: the closed buddy call checked, assessed by three assessors, ranked and decided on the
committee-approved criteria and budget; operations within the budget; a reload changes nothing."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.apps import apps
from django.db.models import Sum

from subsidia.calls.models import Call
from subsidia.core import approvals

from .. import demo as assessment_demo
from ..constants import CheckStatus, DecisionStatus, Outcome
from ..models import (
    Assignment,
    Complaint,
    DecisionLetter,
    Declaration,
    EligibilityCheck,
    Score,
    SelectionDecision,
    SelectionLine,
)
from ..selectors.ranking import ranking


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            EligibilityCheck,
            Declaration,
            Assignment,
            Score,
            SelectionDecision,
            SelectionLine,
            DecisionLetter,
            Complaint,
        )
    }


@pytest.mark.django_db
def test_demo_decides_the_buddy_call_within_budget_and_reloads_idempotently(demo):
    # The later stage's model, looked up by name: assessment never imports projects.
    Operation = apps.get_model("projects", "Operation")

    call = Call.objects.get(reference=assessment_demo.CALL)
    # The criteria, thresholds and budget the ranking applies are the ones the committee approved.
    assert approvals.is_approved(call)
    checks = EligibilityCheck.objects.filter(application__call=call)
    assert checks.count() == 20
    ineligible = checks.get(status=CheckStatus.INELIGIBLE)
    assert ineligible.confirmed_by != ineligible.concluded_by  # four eyes
    assert DecisionLetter.objects.filter(application=ineligible.application, kind="ineligible").exists()
    assessors = set(Assignment.objects.filter(application__call=call).values_list("assessor__username", flat=True))
    assert assessors == set(assessment_demo.ASSESSORS)
    assert not Score.objects.filter(assignment__application__call=call, justification="").exists()

    decision = SelectionDecision.objects.get(call=call)
    assert decision.status == DecisionStatus.APPROVED
    assert decision.approved_by != decision.prepared_by
    lines = list(decision.lines.order_by("rank"))
    assert len(lines) == 19
    # The frozen decision is the ranking recomputed from the scores, rank for rank.
    rows = ranking(call)
    assert [(r.application_id, r.outcome) for r in rows] == [(line.application_id, line.outcome) for line in lines]
    totals = [line.total_points for line in lines]
    assert totals == sorted(totals, reverse=True)
    criteria = {c.pk: c for c in call.award_criteria.all()}
    for line in lines:
        for score in line.scores:
            # Consolidation: the average of the assessors' submitted points, half up to the hundredth.
            points = list(
                Score.objects.filter(
                    assignment__application=line.application,
                    assignment__status="submitted",
                    criterion_id=score["criterion"],
                ).values_list("points", flat=True)
            )
            average = (sum(points) / len(points)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            assert Decimal(score["points"]) == average
            threshold = criteria[score["criterion"]].threshold
            if line.is_funded and threshold is not None:
                assert Decimal(score["points"]) >= threshold
    outcomes = [line.outcome for line in lines]
    assert Outcome.RESERVE in outcomes and Outcome.BELOW_THRESHOLD in outcomes
    assert any(line.flagged for line in lines)
    # Funded first, then the reserve list, then those below a threshold.
    assert outcomes == sorted(
        outcomes, key=[Outcome.SELECTED, Outcome.PARTIAL, Outcome.RESERVE, Outcome.BELOW_THRESHOLD].index
    )

    operations = Operation.objects.filter(call=call)
    assert operations.count() == sum(1 for line in lines if line.is_funded)
    eu = operations.aggregate(total=Sum("eu_contribution"))["total"]
    assert eu <= call.budget
    assert eu == decision.eu_total
    assert DecisionLetter.objects.filter(decision=decision).count() == 19
    complaint = Complaint.objects.get(application__call=call)
    assert complaint.status == "answered" and complaint.answered_by != decision.prepared_by

    before = counts()
    assessment_demo.load(lambda *_: None)
    assert counts() == before
