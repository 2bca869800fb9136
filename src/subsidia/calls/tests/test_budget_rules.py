"""A call's money: it fits its allocation after every other call, its rate stays within the modality's cap
(AMIF art. 15), and min ≤ max ≤ budget."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from subsidia.calls import selectors, services
from subsidia.calls.models import Call
from subsidia.core import clock
from subsidia.core.exceptions import RuleViolation
from subsidia.programmes.models import Region
from subsidia.reference.models import ImplementationModality, SpecificObjective

from .factories import CallFactory, call_data, funded_programme

pytestmark = pytest.mark.django_db

ALLOCATION = Decimal("1000000.00")


def test_budget_that_fits_the_allocation_is_accepted(programme, officer):
    call = services.call_create(officer, programme=programme, **call_data(budget=ALLOCATION, max_grant=ALLOCATION))
    assert call.budget == ALLOCATION
    assert (
        selectors.budget_room(
            programme, call.specific_objective, call.region, call.implementation_modality, exclude_call=call
        ).available
        == ALLOCATION
    )


def test_budget_above_what_other_calls_left_is_refused_with_the_figures(programme, officer):
    services.call_create(officer, programme=programme, **call_data(budget=Decimal("700000.00")))
    with pytest.raises(RuleViolation) as refused:
        services.call_create(
            officer, programme=programme, **call_data(reference="T-BUDGET-02", budget=Decimal("300000.01"))
        )
    assert "300000.00" in refused.value.errors["budget"][0]
    assert Call.objects.filter(reference="T-BUDGET-02").count() == 0


def test_withdrawn_and_archived_calls_release_their_budget(programme, officer):
    first = services.call_create(officer, programme=programme, **call_data(budget=ALLOCATION, max_grant=ALLOCATION))
    services.call_withdraw(officer, first, reason="Replaced by a smaller call")
    services.call_create(
        officer,
        programme=programme,
        **call_data(reference="T-BUDGET-02", budget=ALLOCATION, max_grant=ALLOCATION),
    )


def test_other_modalities_and_regions_do_not_count(programme, officer):
    services.call_create(officer, programme=programme, **call_data(budget=ALLOCATION, max_grant=ALLOCATION))
    with pytest.raises(RuleViolation):  # nothing is allocated to the standard modality in this programme
        services.call_create(
            officer,
            programme=programme,
            **call_data(
                reference="T-BUDGET-02",
                implementation_modality=ImplementationModality.objects.get(code="001"),
                cofinancing_rate=Decimal("0.75"),
            ),
        )


def test_raising_the_budget_of_an_existing_call_is_checked_too(programme, officer):
    call = services.call_create(officer, programme=programme, **call_data(budget=Decimal("600000.00")))
    services.call_create(
        officer, programme=programme, **call_data(reference="T-BUDGET-02", budget=Decimal("400000.00"))
    )
    with pytest.raises(RuleViolation):
        services.call_update(officer, call, budget="600000.01")
    services.call_update(officer, call, budget="599999.99")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=1, max_value=int(ALLOCATION * 100)), min_size=1, max_size=6))
def test_accepted_calls_never_exceed_the_allocation(programme, officer, budgets_in_cents):
    """Whatever budgets officers ask for, one after the other: a call is accepted exactly when it fits what
    the
    earlier accepted calls left, and the accepted budgets never sum above the allocation."""
    with transaction.atomic():
        accepted = Decimal("0.00")
        for i, cents in enumerate(budgets_in_cents):
            budget = Decimal(cents) / 100
            fits = budget <= ALLOCATION - accepted
            try:
                services.call_create(
                    officer,
                    programme=programme,
                    **call_data(reference=f"T-HYP-{i:02d}", budget=budget, max_grant=budget),
                )
            except RuleViolation as exc:
                assert not fits, exc.errors
            else:
                assert fits
                accepted += budget
        room = selectors.budget_room(
            programme,
            SpecificObjective.objects.get(code="2"),
            Region.objects.get(code="VLG"),
            ImplementationModality.objects.get(code="003"),
        )
        assert room.committed == accepted <= ALLOCATION
        transaction.set_rollback(True)


def test_allocation_is_summed_over_all_years_of_the_version_in_force(officer):
    programme = funded_programme(eu=Decimal("999999.99"), years=(2022, 2023, 2024))
    services.call_create(
        officer, programme=programme, **call_data(budget=Decimal("999999.99"), max_grant=Decimal("999999.99"))
    )


@pytest.mark.parametrize(
    ("modality", "rate", "allowed"),
    [
        ("003", "0.90", True),
        ("003", "0.9001", False),
        ("001", "0.75", True),
        ("001", "0.7501", False),
    ],
)
def test_rate_cap_of_the_modality_amif_art_15(officer, modality, rate, allowed):
    """AMIF art. 15(1): at most 75 % for standard actions; art. 15(3): 90 % for actions listed in Annex IV."""
    programme = funded_programme(modality=modality)
    data = call_data(
        implementation_modality=ImplementationModality.objects.get(code=modality),
        cofinancing_rate=Decimal(rate),
    )
    if allowed:
        services.call_create(officer, programme=programme, **data)
    else:
        with pytest.raises(RuleViolation) as refused:
            services.call_create(officer, programme=programme, **data)
        assert "AMIF Art. 15" in refused.value.errors["cofinancing_rate"][0]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"min_grant": Decimal("60000.00")}, "min_grant"),
        ({"max_grant": Decimal("100000.01")}, "max_grant"),
        ({"budget": Decimal("-5.00")}, "budget"),
        ({"budget": "12.345"}, "budget"),
        ({"budget": 1000.5}, "budget"),
        ({"cofinancing_rate": Decimal("1.2")}, "cofinancing_rate"),
        ({"cofinancing_rate": "abc"}, "cofinancing_rate"),
        ({"title_nl": "  "}, "title_nl"),
        ({"reference": "lower case"}, "reference"),
        ({"closes_at": clock.now()}, "closes_at"),
    ],
)
def test_bad_input_gets_a_message_and_creates_nothing(programme, officer, change, field):
    with pytest.raises(RuleViolation) as refused:
        services.call_create(officer, programme=programme, **call_data(**change))
    assert field in refused.value.errors
    assert not Call.objects.exists()


def test_database_refuses_max_grant_above_budget_even_without_the_service(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        CallFactory(programme=programme, budget=Decimal("1000.00"), max_grant=Decimal("2000.00"), min_grant=0)


def test_total_eligible_cost_follows_from_the_rate(programme):
    call = CallFactory(programme=programme, budget=Decimal("900000.00"), cofinancing_rate=Decimal("0.9000"))
    assert call.total_eligible_cost == Decimal("1000000.00")
    call.budget = Decimal("100000.00")
    call.cofinancing_rate = Decimal("0.7500")
    assert call.total_eligible_cost == Decimal("133333.33")
