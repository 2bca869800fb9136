"""Budget lines and flat rates through the services: the call's cost options, the flat rates with their
articles, the stored totals as database sums, and bad input that changes nothing."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from subsidia.applications import completeness, services
from subsidia.applications.constants import ALL_OTHER_COSTS
from subsidia.applications.models import BudgetLine
from subsidia.calls.constants import CostCategory, CostOptionKind, FlatRate
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.reference.figures import figure

from .factories import CallFactory, OrganisationFactory, option


@pytest.fixture
def draft(applicant):
    call = CallFactory()
    organisation = OrganisationFactory(signatory=applicant)
    application = services.application_create(applicant, organisation=organisation, call=call, title="Samen")
    application.refresh_from_db()
    return application


def add(user, application, category, amount, year=2026, kind=CostOptionKind.REAL_COSTS, **extra):
    return services.budget_line_add(
        user,
        application,
        year=year,
        description=f"{category} {year}",
        call_option=option(application.call, kind, category),
        amount=amount,
        **extra,
    )


@pytest.mark.django_db
def test_new_draft_applies_the_calls_flat_rates_that_combine(draft):
    # The call offers art. 54(a) (7 %) and art. 56 (40 %): they do not combine; the first in order is taken.
    assert list(draft.flat_rates.values_list("kind", "rate")) == [(FlatRate.INDIRECT_OF_DIRECT, Decimal("0.0700"))]


@pytest.mark.django_db
def test_adding_a_line_recomputes_flat_rate_total_and_eu_grant(applicant, draft):
    add(applicant, draft, CostCategory.STAFF, "150000.00")
    add(applicant, draft, CostCategory.TRAVEL, "10000.00", year=2027)
    draft.refresh_from_db()
    indirect = BudgetLine.objects.filter(application=draft, cost_option=CostOptionKind.FLAT_RATE)
    assert sorted(indirect.values_list("year", "amount")) == [
        (2026, Decimal("10500.00")),
        (2027, Decimal("700.00")),
    ]
    assert draft.total_eligible_cost == Decimal("171200.00")
    assert draft.total_eligible_cost == BudgetLine.objects.filter(application=draft).aggregate(s=Sum("amount"))["s"]
    assert draft.eu_grant_requested == Decimal("128400.00")
    event = AuditEvent.objects.filter(action="application.budget_line_added").last()
    assert event.data["total_eligible_cost"] == "171200.00"


@pytest.mark.django_db
def test_unit_cost_line_is_quantity_times_the_calls_amount(applicant, draft):
    services.flat_rates_set(applicant, draft, keys=[])
    line = services.budget_line_add(
        applicant, draft, year=2026, call_option=option(draft.call, "unit_cost"), quantity="333.33"
    )
    assert line.unit_amount == Decimal("48.50")
    assert line.amount == Decimal("16166.51")  # 333.33 × 48.50 = 16 166.505 → half-up
    assert line.category == CostCategory.STAFF


@pytest.mark.django_db
def test_lump_sum_is_counted_in_whole_numbers(applicant, draft):
    with pytest.raises(RuleViolation) as refused:
        services.budget_line_add(
            applicant, draft, year=2026, call_option=option(draft.call, "lump_sum"), quantity="1.5"
        )
    assert "quantity" in refused.value.errors
    line = services.budget_line_add(
        applicant, draft, year=2026, call_option=option(draft.call, "lump_sum"), quantity="4"
    )
    assert line.amount == Decimal("5000.00")


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["-1.00", "12.345", "abc", "NaN", "1e400", ""])
def test_bad_amounts_are_refused_and_nothing_changes(applicant, draft, amount):
    with pytest.raises(RuleViolation) as refused:
        add(applicant, draft, CostCategory.STAFF, amount)
    assert "amount" in refused.value.errors
    assert not draft.budget_lines.exists()


@pytest.mark.django_db
def test_line_outside_the_project_years_is_refused(applicant, draft):
    services.application_update(applicant, draft, start_date="2026-01-01", end_date="2027-06-30")
    with pytest.raises(RuleViolation) as refused:
        add(applicant, draft, CostCategory.STAFF, "100.00", year=2028)
    assert "year" in refused.value.errors


@pytest.mark.django_db
def test_cost_option_of_another_call_is_refused(applicant, draft):
    other = CallFactory()
    with pytest.raises(RuleViolation) as refused:
        services.budget_line_add(
            applicant,
            draft,
            year=2026,
            call_option=option(other, "real_costs", "staff"),
            amount="100.00",
            description="x",
        )
    assert "call_option" in refused.value.errors


@pytest.mark.django_db
def test_category_computed_by_a_flat_rate_cannot_be_entered(applicant, draft):
    """CPR art. 56(1): the 40 % covers all costs other than staff; entering travel would count it twice."""
    services.flat_rates_set(applicant, draft, keys=[FlatRate.OTHER_OF_STAFF])
    with pytest.raises(RuleViolation) as refused:
        add(applicant, draft, CostCategory.TRAVEL, "100.00")
    assert "category" in refused.value.errors


@pytest.mark.django_db
def test_art_56_flat_rate_computes_all_other_costs_from_staff(applicant, draft):
    services.flat_rates_set(applicant, draft, keys=[FlatRate.OTHER_OF_STAFF])
    add(applicant, draft, CostCategory.STAFF, "50000.00")
    draft.refresh_from_db()
    flat = draft.budget_lines.get(cost_option=CostOptionKind.FLAT_RATE)
    assert (flat.category, flat.amount) == (ALL_OTHER_COSTS, Decimal("20000.00"))
    assert draft.total_eligible_cost == Decimal("70000.00")


@pytest.mark.django_db
def test_flat_rates_that_do_not_combine_are_refused(applicant, draft):
    """CPR art. 56(1): not combinable with an indirect-cost flat rate."""
    with pytest.raises(RuleViolation) as refused:
        services.flat_rates_set(applicant, draft, keys=[FlatRate.OTHER_OF_STAFF, FlatRate.INDIRECT_OF_DIRECT])
    assert "56" in refused.value.message
    assert list(draft.flat_rates.values_list("kind", flat=True)) == [FlatRate.INDIRECT_OF_DIRECT]


@pytest.mark.django_db
def test_flat_rate_the_call_does_not_offer_is_refused(applicant, draft):
    with pytest.raises(RuleViolation):
        services.flat_rates_set(applicant, draft, keys=[FlatRate.INDIRECT_OF_STAFF])


@pytest.mark.django_db
def test_flat_rate_above_the_articles_ceiling_is_refused(applicant, draft):
    """CPR art. 54(a): indirect costs up to 7 % of direct costs; the figure comes from the reference data."""
    ceiling = figure(FlatRate.INDIRECT_OF_DIRECT)
    assert ceiling.legal_basis == "CPR Art. 54(a)"
    draft.call.cost_options.filter(flat_rate=FlatRate.INDIRECT_OF_DIRECT).update(rate=ceiling.value + Decimal("0.01"))
    with pytest.raises(RuleViolation) as refused:
        services.flat_rates_set(applicant, draft, keys=[FlatRate.INDIRECT_OF_DIRECT])
    assert "54(a)" in refused.value.message


@pytest.mark.django_db
def test_changing_flat_rates_refuses_while_entered_lines_would_be_counted_twice(applicant, draft):
    add(applicant, draft, CostCategory.TRAVEL, "100.00")
    with pytest.raises(RuleViolation) as refused:
        services.flat_rates_set(applicant, draft, keys=[FlatRate.OTHER_OF_STAFF])
    assert "Remove" in refused.value.message


@pytest.mark.django_db
def test_flat_rate_lines_cannot_be_edited_directly(applicant, draft):
    add(applicant, draft, CostCategory.STAFF, "1000.00")
    flat = draft.budget_lines.get(cost_option=CostOptionKind.FLAT_RATE)
    with pytest.raises(RuleViolation):
        services.budget_line_update(applicant, flat, amount="5.00")
    with pytest.raises(RuleViolation):
        services.budget_line_delete(applicant, flat)


@pytest.mark.django_db
def test_updating_and_deleting_a_line_keeps_the_totals_in_step(applicant, draft):
    line = add(applicant, draft, CostCategory.STAFF, "1000.00")
    services.budget_line_update(applicant, line, amount="2000.00")
    draft.refresh_from_db()
    assert draft.total_eligible_cost == Decimal("2140.00")
    services.budget_line_delete(applicant, line)
    draft.refresh_from_db()
    assert draft.total_eligible_cost == Decimal("0.00")
    assert not draft.budget_lines.exists()


@pytest.mark.django_db
def test_small_real_cost_budget_is_incomplete_until_simplified(applicant, draft):
    """CPR art. 53(2): up to EUR 200 000, simplified cost options (threshold from the reference data)."""
    assert figure("sco_mandatory_total_cost").value == Decimal("200000.00")
    add(applicant, draft, CostCategory.TRAVEL, "20000.00")
    draft.refresh_from_db()
    budget_problems = completeness.problems(draft).get("budget", [])
    assert any("53(2)" in p for p in budget_problems)
    services.application_update(applicant, draft, draft_budget=True)
    draft.refresh_from_db()
    assert not any("53(2)" in p for p in completeness.problems(draft).get("budget", []))


@pytest.mark.django_db
def test_draft_budget_only_where_the_call_allows_it(applicant, draft):
    draft.call.draft_budget_allowed = False
    draft.call.save()
    with pytest.raises(RuleViolation) as refused:
        services.application_update(applicant, draft, draft_budget=True)
    assert "53(3)(b)" in refused.value.message


@pytest.mark.django_db
def test_rate_above_the_calls_is_refused_and_a_lower_rate_lowers_the_grant(applicant, draft):
    add(applicant, draft, CostCategory.STAFF, "100000.00")
    with pytest.raises(RuleViolation) as refused:
        services.application_update(applicant, draft, cofinancing_rate="0.80")
    assert "cofinancing_rate" in refused.value.errors
    services.application_update(applicant, draft, cofinancing_rate="0.5")
    draft.refresh_from_db()
    assert draft.eu_grant_requested == Decimal("53500.00")


@pytest.mark.django_db
def test_balancing_lets_the_own_contribution_cover_the_rest(applicant, draft):
    add(applicant, draft, CostCategory.STAFF, "100000.00")
    services.application_update(
        applicant, draft, other_public_funding="7000.00", other_public_funding_source="Stad Antwerpen"
    )
    draft.refresh_from_db()
    services.cofinancing_balance(applicant, draft)
    draft.refresh_from_db()
    assert draft.own_contribution == Decimal("19750.00")  # 107 000 - 80 250 - 7 000
    assert draft.plan_gap == 0


@pytest.mark.django_db
def test_submitted_application_budget_cannot_change(applicant):
    from .factories import complete_draft

    application = services.application_submit(applicant, complete_draft(applicant))
    line = application.budget_lines.exclude(cost_option=CostOptionKind.FLAT_RATE).first()
    with pytest.raises(Conflict):
        services.budget_line_update(applicant, line, amount="1.00")
    with pytest.raises(Conflict):
        add(applicant, application, CostCategory.STAFF, "1.00")
