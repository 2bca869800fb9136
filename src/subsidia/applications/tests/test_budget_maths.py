"""The budget and co-financing arithmetic, exactly: flat rates (CPR art. 54-56), simplified cost options for
small operations (art. 53(2)), the EU grant = round_half_up(total × rate, 2)."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from subsidia.applications import budgeting, cofinancing
from subsidia.applications.budgeting import Line, Rate
from subsidia.calls.constants import CostCategory, CostOptionKind, FlatRate

CENT = Decimal("0.01")
amounts = st.integers(min_value=0, max_value=50_000_000).map(lambda c: Decimal(c).scaleb(-2))
years = st.integers(min_value=2025, max_value=2029)
direct_categories = st.sampled_from([c for c in CostCategory.values if c != CostCategory.INDIRECT])
options = st.sampled_from([CostOptionKind.REAL_COSTS, CostOptionKind.UNIT_COST, CostOptionKind.LUMP_SUM])
lines = st.lists(st.builds(Line, years, direct_categories, options, amounts), max_size=25)
rates = st.integers(min_value=1, max_value=10000).map(lambda n: Decimal(n).scaleb(-4))
THRESHOLD = Decimal("200000.00")


def half_up(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@given(lines)
def test_without_flat_rates_the_total_is_the_exact_sum_of_the_lines(entered):
    budget = budgeting.compute(entered, [])
    assert budget.total == sum((x.amount for x in entered), Decimal("0"))
    assert budget.flat_lines == []


@given(
    lines,
    st.sampled_from(
        [
            [],
            [FlatRate.INDIRECT_OF_DIRECT],
            [FlatRate.INDIRECT_OF_STAFF],
            [FlatRate.OTHER_OF_STAFF],
            [FlatRate.STAFF_OF_OTHER_DIRECT],
            [FlatRate.STAFF_OF_OTHER_DIRECT, FlatRate.INDIRECT_OF_DIRECT],
        ]
    ),
    rates,
)
def test_totals_by_year_and_by_category_both_add_up_to_the_total(entered, keys, rate):
    budget = budgeting.compute(entered, [Rate(k, rate) for k in keys])
    assert sum(budget.by_year.values(), Decimal("0")) == budget.total
    assert sum(budget.by_category.values(), Decimal("0")) == budget.total
    assert budget.total == sum((x.amount for x in entered), Decimal("0")) + sum(
        (f.amount for f in budget.flat_lines), Decimal("0")
    )
    assert budget.real + budget.simplified == budget.total
    for amount in [budget.total, *budget.by_year.values(), *(f.amount for f in budget.flat_lines)]:
        assert amount == amount.quantize(CENT)


@given(lines, rates)
def test_indirect_flat_rate_on_direct_costs_is_each_years_direct_costs_times_the_rate_half_up(entered, rate):
    """CPR art. 54(a): indirect costs up to a rate of the eligible direct costs."""
    budget = budgeting.compute(entered, [Rate(FlatRate.INDIRECT_OF_DIRECT, rate)])
    for flat in budget.flat_lines:
        direct = sum((x.amount for x in entered if x.year == flat.year), Decimal("0"))
        assert flat.base == direct
        assert flat.amount == half_up(direct * rate)
        assert abs(flat.amount - direct * rate) <= Decimal("0.005")
        assert flat.category == CostCategory.INDIRECT


@given(lines, rates)
def test_indirect_flat_rate_on_staff_costs_counts_only_staff_lines(entered, rate):
    """CPR art. 54(b): indirect costs up to a rate of the eligible direct staff costs."""
    budget = budgeting.compute(entered, [Rate(FlatRate.INDIRECT_OF_STAFF, rate)])
    for flat in budget.flat_lines:
        staff = sum(
            (x.amount for x in entered if x.year == flat.year and x.category == CostCategory.STAFF),
            Decimal("0"),
        )
        assert flat.amount == half_up(staff * rate)


@given(lines, rates)
def test_staff_flat_rate_is_computed_on_the_other_direct_costs(entered, rate):
    """CPR art. 55(1): direct staff costs up to a rate of the direct costs other than staff costs."""
    budget = budgeting.compute(entered, [Rate(FlatRate.STAFF_OF_OTHER_DIRECT, rate)])
    for flat in budget.flat_lines:
        other = sum(
            (x.amount for x in entered if x.year == flat.year and x.category != CostCategory.STAFF),
            Decimal("0"),
        )
        assert flat.base == other
        assert flat.category == CostCategory.STAFF


@given(lines)
def test_forty_percent_of_staff_costs_covers_all_other_costs(entered):
    """CPR art. 56(1): a flat rate of up to 40 % of direct staff costs for all other costs."""
    budget = budgeting.compute(entered, [Rate(FlatRate.OTHER_OF_STAFF, Decimal("0.40"))])
    for flat in budget.flat_lines:
        staff = sum(
            (x.amount for x in entered if x.year == flat.year and x.category == CostCategory.STAFF),
            Decimal("0"),
        )
        assert flat.amount == half_up(staff * Decimal("0.40"))


def test_flat_rates_follow_each_other_in_the_order_of_their_bases():
    entered = [
        Line(2026, CostCategory.TRAVEL, "real_costs", Decimal("10000.00")),
        Line(2026, CostCategory.EQUIPMENT, "real_costs", Decimal("5000.00")),
    ]
    budget = budgeting.compute(
        entered,
        [
            Rate(FlatRate.STAFF_OF_OTHER_DIRECT, Decimal("0.20")),
            Rate(FlatRate.INDIRECT_OF_DIRECT, Decimal("0.07")),
        ],
    )
    assert budget.by_category[CostCategory.STAFF] == Decimal("3000.00")
    # 7 % of all direct costs, the flat staff costs included: (15000 + 3000) × 0.07
    assert budget.by_category[CostCategory.INDIRECT] == Decimal("1260.00")
    assert budget.total == Decimal("19260.00")


def test_half_cent_of_a_flat_rate_rounds_up():
    budget = budgeting.compute(
        [Line(2026, CostCategory.STAFF, "real_costs", Decimal("0.50"))],
        [Rate(FlatRate.INDIRECT_OF_STAFF, Decimal("0.15"))],
    )
    assert budget.flat_lines[0].amount == Decimal("0.08")  # 0.075 → 0.08


def test_flat_rates_of_art_56_cannot_combine_with_an_indirect_flat_rate():
    """CPR art. 56(1): not combinable with a flat rate for indirect costs."""
    problems = budgeting.combination_problems({FlatRate.OTHER_OF_STAFF, FlatRate.INDIRECT_OF_DIRECT})
    assert problems and "56" in problems[0].message
    assert budgeting.combination_problems({FlatRate.OTHER_OF_STAFF, FlatRate.STAFF_OF_OTHER_DIRECT})
    assert budgeting.combination_problems({FlatRate.INDIRECT_OF_DIRECT, FlatRate.INDIRECT_OF_STAFF})
    assert not budgeting.combination_problems({FlatRate.STAFF_OF_OTHER_DIRECT, FlatRate.INDIRECT_OF_DIRECT})


def test_a_category_computed_by_a_flat_rate_cannot_be_entered_as_well():
    assert budgeting.covered_by_flat_rate(CostCategory.TRAVEL, {FlatRate.OTHER_OF_STAFF})
    assert budgeting.covered_by_flat_rate(CostCategory.STAFF, {FlatRate.STAFF_OF_OTHER_DIRECT})
    assert budgeting.covered_by_flat_rate(CostCategory.INDIRECT, {FlatRate.INDIRECT_OF_STAFF})
    assert not budgeting.covered_by_flat_rate(CostCategory.STAFF, {FlatRate.OTHER_OF_STAFF})


def sco(budget, keys=(), draft=False):
    return budgeting.sco_problems(
        budget, set(keys), threshold=THRESHOLD, legal_basis="CPR Art. 53(2)", draft_budget=draft
    )


@given(
    st.lists(
        st.builds(
            Line,
            years,
            direct_categories,
            st.just(CostOptionKind.REAL_COSTS),
            amounts.filter(lambda a: a > 0),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_small_operation_with_real_costs_must_use_simplified_cost_options(entered):
    """CPR art. 53(2): total cost up to EUR 200 000 → unit costs, lump sums or flat rates."""
    budget = budgeting.compute(entered, [])
    problems = sco(budget)
    if budget.total <= THRESHOLD:
        assert problems and "53(2)" in problems[0].message
    else:
        assert not problems


def test_at_the_threshold_itself_simplified_cost_options_are_still_mandatory():
    at = budgeting.compute([Line(2026, "travel", "real_costs", THRESHOLD)], [])
    above = budgeting.compute([Line(2026, "travel", "real_costs", THRESHOLD + CENT)], [])
    assert sco(at)
    assert not sco(above)


@given(
    st.lists(
        st.builds(
            Line,
            years,
            direct_categories,
            st.sampled_from([CostOptionKind.UNIT_COST, CostOptionKind.LUMP_SUM]),
            amounts,
        ),
        min_size=1,
        max_size=10,
    )
)
def test_small_operation_of_unit_costs_and_lump_sums_complies(entered):
    assert not sco(budgeting.compute(entered, []))


def test_small_operation_may_keep_real_staff_costs_as_the_base_of_a_staff_flat_rate():
    """Real staff costs + 40 % for all else (art. 56) or + 15 % indirect (art. 54(b)) are simplified."""
    staff = [Line(2026, CostCategory.STAFF, "real_costs", Decimal("50000.00"))]
    for key in (FlatRate.OTHER_OF_STAFF, FlatRate.INDIRECT_OF_STAFF):
        budget = budgeting.compute(staff, [Rate(key, Decimal("0.15"))])
        assert not sco(budget, [key])
    with_travel = [*staff, Line(2026, CostCategory.TRAVEL, "real_costs", Decimal("2000.00"))]
    key = FlatRate.INDIRECT_OF_STAFF
    assert sco(budgeting.compute(with_travel, [Rate(key, Decimal("0.15"))]), [key])


def test_small_operation_with_a_draft_budget_agreed_in_advance_is_accepted():
    """CPR art. 53(3)(b): a draft budget from which the managing authority sets a lump sum."""
    budget = budgeting.compute([Line(2026, "travel", "real_costs", Decimal("5000.00"))], [])
    assert not sco(budget, draft=True)


# --- Co-financing plan -----------------------------------------------------------------------------------


@given(amounts, rates)
def test_eu_grant_is_total_times_rate_rounded_half_up_to_the_cent(total, rate):
    plan = cofinancing.plan(total, rate, Decimal("0"), Decimal("0"))
    assert plan.eu_grant == half_up(total * rate)
    assert abs(plan.eu_grant - total * rate) <= Decimal("0.005")
    assert plan.eu_grant <= total


@given(amounts, rates, amounts)
def test_plan_adds_up_exactly_when_own_contribution_covers_the_rest(total, rate, other):
    plan = cofinancing.plan(total, rate, Decimal("0"), Decimal("0"))
    assume(other <= total - plan.eu_grant)
    own = total - plan.eu_grant - other
    balanced = cofinancing.plan(total, rate, own, other)
    assert balanced.balanced
    assert balanced.eu_grant + balanced.own + balanced.other_public == total
    problems = cofinancing.problems(balanced, call_rate=Decimal("1"), min_grant=Decimal("0"), max_grant=total)
    assert "own_contribution" not in problems


@given(
    amounts.filter(lambda a: a > 0),
    rates,
    st.integers(min_value=1, max_value=10_000).map(lambda c: Decimal(c) / 100),
)
def test_plan_that_does_not_add_up_names_the_gap(total, rate, gap):
    plan = cofinancing.plan(total, rate, Decimal("0"), Decimal("0"))
    short = cofinancing.plan(total, rate, total - plan.eu_grant - gap, Decimal("0"))
    assume(short.own >= 0)
    problems = cofinancing.problems(short, call_rate=Decimal("1"), min_grant=Decimal("0"), max_grant=total)
    assert "own_contribution" in problems
    over = cofinancing.plan(total, rate, total - plan.eu_grant + gap, Decimal("0"))
    assert "own_contribution" in cofinancing.problems(
        over, call_rate=Decimal("1"), min_grant=Decimal("0"), max_grant=total
    )


@pytest.mark.parametrize(("rate", "refused"), [(Decimal("0.7500"), False), (Decimal("0.7501"), True)])
def test_rate_above_the_calls_is_refused(rate, refused):
    plan = cofinancing.plan(Decimal("100000.00"), rate, Decimal("0"), Decimal("0"))
    problems = cofinancing.problems(
        plan, call_rate=Decimal("0.75"), min_grant=Decimal("0"), max_grant=Decimal("1000000")
    )
    assert ("cofinancing_rate" in problems) is refused


def test_grant_must_lie_within_the_calls_minimum_and_maximum():
    def grant_problem(total):
        plan = cofinancing.plan(total, Decimal("0.75"), Decimal("0"), Decimal("0"))
        return cofinancing.problems(
            plan, call_rate=Decimal("0.75"), min_grant=Decimal("25000.00"), max_grant=Decimal("400000.00")
        ).get("eu_grant_requested")

    assert grant_problem(Decimal("33333.33")) is None  # 24 999.9975 rounds half-up to 25 000.00
    assert grant_problem(Decimal("33333.32")) is not None  # 24 999.99
    assert grant_problem(Decimal("533333.33")) is None  # 399 999.9975 → 400 000.00
    assert grant_problem(Decimal("533333.34")) is not None  # 400 000.005 → 400 000.01
