"""Two officers at once cannot over-commit an allocation: the budget check runs with the version in force
locked, so the second check waits for the first call to be committed and then sees it."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import connection

from subsidia.calls import selectors, services
from subsidia.calls.models import Call
from subsidia.core.exceptions import RuleViolation

from .factories import call_data, funded_programme

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_officers_at_once_cannot_over_commit(reload_reference, officer, officer2, monkeypatch):
    programme = funded_programme(eu=Decimal("1000000.00"))
    real_room = selectors.budget_room

    def slow_room(*args, **kwargs):
        # Widen the window between reading the room and saving the call, so without the lock both would fit.
        room = real_room(*args, **kwargs)
        time.sleep(0.5)
        return room

    monkeypatch.setattr(selectors, "budget_room", slow_room)
    barrier = threading.Barrier(2)
    outcomes = {}

    def create(user, reference):
        try:
            barrier.wait()
            services.call_create(
                user, programme=programme, **call_data(reference=reference, budget=Decimal("600000.00"))
            )
            outcomes[reference] = "created"
        except RuleViolation:
            outcomes[reference] = "refused"
        finally:
            connection.close()

    threads = [
        threading.Thread(target=create, args=(user, ref)) for user, ref in ((officer, "RACE-A"), (officer2, "RACE-B"))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["created", "refused"]
    assert Call.objects.count() == 1
    assert sum(c.budget for c in Call.objects.all()) <= Decimal("1000000.00")
