"""Two authorising officers approving EU raises at the same moment cannot over-commit a call: approval locks
the call row before it reads the remaining budget, so the second waits and then sees the first raise."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from subsidia.core.exceptions import RuleViolation
from subsidia.core.tests.factories import UserFactory

from .. import selectors, services
from ..models import Operation
from .conftest import SELECTED_AT, SIGNED_AT, SUBMITTED_AT, full, travel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _submitted(call, count):
    """Applications marked submitted directly: ``application_submit`` fails on PostgreSQL today (it locks the
    call with an outer join, which PostgreSQL refuses), and this test is about amendments, not submission."""
    from subsidia.applications.models import Application
    from subsidia.applications.tests.factories import OrganisationFactory, complete_draft

    applications = []
    for number in range(1, count + 1):
        user = UserFactory(role="applicant")
        with travel(SUBMITTED_AT):
            draft = complete_draft(user, call, OrganisationFactory(signatory=user))
        Application.objects.filter(pk=draft.pk).update(
            status="submitted", reference=f"{call.reference}-{number:03d}", submitted_at=SUBMITTED_AT
        )
        draft.refresh_from_db()
        applications.append(draft)
    return applications


def _activate(operation, officer, approver):
    signatory = operation.beneficiary.memberships.get().user
    with travel(SIGNED_AT):
        agreement = services.agreement_prepare(officer, operation)
        services.agreement_sign(signatory, agreement, signatory_name="Signatory")
        services.agreement_confirm(approver, agreement)


def test_two_raises_at_once_never_exceed_the_calls_budget(reload_reference, officer, approver, call, monkeypatch):
    second_approver = UserFactory(username="approver2", role="authorising_officer")
    applications = _submitted(call, 2)
    with travel(SELECTED_AT):
        operations = services.operations_create(approver, [full(a) for a in applications])
    amendments = []
    for operation in operations:
        _activate(operation, officer, approver)
        amendment = services.amendment_prepare(
            officer,
            operation,
            reason="Uitbreiding.",
            budget_lines=[
                {"category": "staff", "year": 2027, "amount": "100000.00"},
                {"category": "all_other", "year": 2027, "amount": "40000.00"},
            ],
            new_eu_contribution="105000.00",  # each raises by 42 000; 74 000 is left for both
        )
        services.amendment_submit(officer, amendment)
        amendments.append(amendment)
    real_room = selectors.call_budget_room

    def slow_room(call):
        # Widen the window between reading the room and saving, so without the lock both raises would fit.
        room = real_room(call)
        time.sleep(0.5)
        return room

    monkeypatch.setattr(selectors, "call_budget_room", slow_room)
    barrier = threading.Barrier(2)
    outcomes = {}

    def approve(user, amendment):
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '15s'")  # never hang the suite
            barrier.wait(timeout=15)
            services.amendment_approve(user, amendment)
            outcomes[amendment.pk] = "approved"
        except RuleViolation:
            outcomes[amendment.pk] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(user, amendment))
        for user, amendment in zip((approver, second_approver), amendments, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=40)
    assert sorted(outcomes.values()) == ["approved", "refused"]
    held = sum(Operation.objects.values_list("eu_contribution", flat=True), Decimal("0"))
    assert held == Decimal("168000.00") <= call.budget
