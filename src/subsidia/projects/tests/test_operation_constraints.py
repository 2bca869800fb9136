"""The database refuses an operation whose figures or dates cannot be true, whatever code wrote it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from .factories import OperationFactory

pytestmark = pytest.mark.django_db


def _refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        OperationFactory(**fields)


def test_a_consistent_operation_is_stored():
    operation = OperationFactory()
    assert operation.pk and operation.code.startswith("AMIF-VLG-")


def test_negative_amounts_are_refused():
    _refused(other_public_funding=Decimal("-1.00"), own_contribution=Decimal("25001.00"))


def test_eu_contribution_above_eligible_cost_is_refused():
    _refused(
        eu_contribution=Decimal("100000.01"),
        own_contribution=Decimal("0.00"),
        total_eligible_cost=Decimal("100000.00"),
        other_public_funding=Decimal("0.00"),
    )


def test_eligible_cost_above_total_cost_is_refused():
    _refused(total_cost=Decimal("99999.99"))


def test_a_cofinancing_plan_that_does_not_add_up_is_refused():
    _refused(own_contribution=Decimal("24999.99"))


def test_rate_above_one_is_refused():
    _refused(cofinancing_rate=Decimal("1.0001"))


def test_end_before_start_is_refused():
    _refused(start_date=dt.date(2026, 2, 1), end_date=dt.date(2026, 1, 31))


def test_completed_without_actual_end_date_is_refused():
    _refused(status="completed")


def test_unknown_status_is_refused():
    _refused(status="paused")


def test_two_operations_never_share_a_code():
    first = OperationFactory()
    _refused(code=first.code)


def test_one_application_gives_at_most_one_operation():
    first = OperationFactory()
    _refused(application=first.application)
