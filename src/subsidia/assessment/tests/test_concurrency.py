"""Two authorising officers approving decisions on the same call at the same moment cannot over-commit its
budget: approval locks the call's row first, so the second waits, then sees the first's grants and is refused."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from subsidia.core import clock
from subsidia.core.exceptions import Conflict
from subsidia.core.tests.factories import UserFactory

from .. import selectors, services
from ..constants import Capacity, DecisionStatus, Outcome
from ..models import SelectionDecision, SelectionLine
from ..services import decisions as decision_services
from . import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MARKS = [[28, 27, 18, 18], [26, 25, 16, 16], [24, 23, 15, 15], [22, 21, 14, 14]]


def _rival_decision(call, first, applications, officer):
    """A second prepared decision on the same call selecting the other applications (as if two officers had
    prepared at once); the service itself keeps one open decision per call."""
    rival = SelectionDecision.objects.create(
        call=call,
        number=first.number + 1,
        reference=f"{call.reference}-RIVAL",
        budget_available=call.budget,
        eu_total=Decimal("100000.00"),
        content_hash="",
        prepared_at=clock.now(),
        prepared_by=officer,
    )
    for rank, application in enumerate(applications, start=1):
        SelectionLine.objects.create(
            decision=rival,
            application=application,
            rank=rank,
            outcome=Outcome.SELECTED,
            total_points=Decimal("70"),
            requested_eu=application.eu_grant_requested,
            eu_amount=application.eu_grant_requested,
            total_eligible_cost=application.total_eligible_cost,
            total_cost=application.total_eligible_cost,
            cofinancing_rate=Decimal("0.9000"),
        )
    rival.content_hash = decision_services.lines_hash(rival)
    rival.save(update_fields=["content_hash"])
    return rival


def test_parallel_approvals_cannot_over_commit_the_call(reload_reference, officer, monkeypatch):
    call = f.assessment_call(budget="100000.00", partial_funding_allowed=False)
    a, b = f.assessor_user(), f.assessor_user()
    applications = []
    for points in MARKS:
        application = f.submitted(call, eu="50000.00")
        f.eligible(application)
        f.scored(application, a, points)
        f.scored(application, b, points)
        applications.append(application)
    first = services.decision_prepare(officer, call)
    assert first.eu_total == Decimal("100000.00")
    rival = _rival_decision(call, first, applications[2:], officer)
    approvers = [UserFactory(username=f"ao{i}", role="authorising_officer") for i in (1, 2)]
    for approver in approvers:
        for application in applications:
            services.declare(approver, application, capacity=Capacity.AUTHORISING_OFFICER, has_conflict=False)

    real_use = decision_services.call_budget_use

    def slow_use(*args, **kwargs):
        # Widen the window between reading the budget and committing: without the lock both would fit.
        figures = real_use(*args, **kwargs)
        time.sleep(0.5)
        return figures

    monkeypatch.setattr(decision_services, "call_budget_use", slow_use)
    barrier = threading.Barrier(2, timeout=20)
    outcomes = {}

    def approve(user, decision):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '15s'")
            barrier.wait()
            services.decision_approve(user, decision)
            outcomes[decision.reference] = "approved"
        except Conflict as exc:
            outcomes[decision.reference] = exc.code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(approvers[0], first)),
        threading.Thread(target=approve, args=(approvers[1], rival)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert sorted(outcomes.values()) == ["approved", "over_budget"]
    use = selectors.call_budget_use(call)
    assert use["committed"] == Decimal("100000.00")
    assert use["committed"] + use["released"] <= call.budget
    assert SelectionDecision.objects.filter(status=DecisionStatus.APPROVED).count() == 1
    assert SelectionLine.objects.filter(committed=True).count() == 2
