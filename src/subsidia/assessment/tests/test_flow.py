"""The whole assessment of a call through the services: checked, assessed, ranked, decided, operations created,
letters issued, a grant declined and the reserve list moving up."""

from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from subsidia.core.models import AuditEvent

from .. import selectors, services
from ..constants import Capacity, DecisionKind, DecisionStatus, LetterKind, Outcome
from ..models import BudgetRelease, DecisionLetter
from .scenario import assessed_call, assessors, declare_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MARKS = [[28, 27, 18, 18], [25, 25, 15, 15], [22, 22, 14, 14], [20, 20, 12, 12], [10, 10, 5, 5]]


def approve(approver, decision):
    for line in decision.lines.all():
        declare_for(approver, line.application, Capacity.AUTHORISING_OFFICER)
    return services.decision_approve(approver, decision)


def test_call_from_check_to_operations(officer, officer2, approver):
    pool = assessors(3)
    call, apps = assessed_call(officer, pool, MARKS, budget="120000.00", partial_funding_allowed=True)
    decision = services.decision_prepare(officer, call, reasons="Ranked on the approved criteria.")
    outcomes = [line.outcome for line in decision.lines.order_by("rank")]
    assert outcomes == [Outcome.SELECTED, Outcome.SELECTED, Outcome.PARTIAL, Outcome.RESERVE, Outcome.BELOW_THRESHOLD]
    assert decision.eu_total == Decimal("120000.00")
    approve(approver, decision)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED
    use = selectors.call_budget_use(call)
    assert use["committed"] == Decimal("120000.00") and use["available"] == 0
    # The projects app listens to the signal (assessment never imports it).
    assert django_apps.get_model("projects", "Operation").objects.filter(call=call).count() == 3
    assert DecisionLetter.objects.filter(decision=decision).count() == 5
    assert AuditEvent.objects.filter(action="selection_decision.approved", object_id=str(decision.pk)).exists()
    # The first selected declines: the reserve list moves up through a new decision under four eyes.
    first = decision.lines.get(rank=1)
    services.grant_decline(officer, first, reason="The organisation cannot start in time.")
    assert selectors.call_budget_use(call)["available"] == Decimal("50000.00")
    reserve = services.reserve_decision_prepare(officer2, call, reasons="Budget freed by a declined grant.")
    assert reserve.kind == DecisionKind.RESERVE
    moved = list(selectors.selected_lines(reserve))
    assert [line.application_id for line in moved] == [apps[3].pk]
    approve(approver, reserve)
    use = selectors.call_budget_use(call)
    assert use["committed"] + use["released"] <= call.budget
    assert DecisionLetter.objects.filter(decision=reserve, kind=LetterKind.SELECTED).count() == 1
    assert use["available"] == 0 and not BudgetRelease.objects.filter(call=call).exists()
