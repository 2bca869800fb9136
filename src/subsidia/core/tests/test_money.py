"""Money is exact: half-up rounding, the EU share, rate caps decided on exact amounts."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from subsidia.core.money import (
    AmountError,
    eu_share,
    from_cents,
    parse_amount,
    rate_of,
    rate_within,
    round_half_up,
    to_cents,
)

amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("999999999.99"), places=2)
rates = st.decimals(min_value=Decimal("0"), max_value=Decimal("1"), places=4)


def test_half_up_rounding_goes_away_from_zero_at_half_a_cent():
    assert round_half_up(Decimal("0.005")) == Decimal("0.01")
    assert round_half_up(Decimal("0.015")) == Decimal("0.02")  # banker's rounding would give 0.02 too
    assert round_half_up(Decimal("0.025")) == Decimal("0.03")  # ... but 0.02 here
    assert round_half_up(Decimal("2.4449")) == Decimal("2.44")


def test_eu_share_is_eligible_cost_times_rate_rounded_half_up():
    assert eu_share(Decimal("100000.01"), Decimal("0.75")) == Decimal("75000.01")
    assert eu_share(Decimal("0.02"), Decimal("0.75")) == Decimal("0.02")  # 0.015 -> 0.02


@given(amounts, rates)
def test_eu_share_never_differs_from_the_exact_product_by_more_than_half_a_cent(cost, rate):
    share = eu_share(cost, rate)
    assert abs(share - cost * rate) <= Decimal("0.005")
    assert share == share.quantize(Decimal("0.01"))
    assert share <= cost


@given(amounts)
def test_cents_round_trip_exactly(amount):
    assert from_cents(to_cents(amount)) == amount


@given(amounts, amounts)
def test_rate_of_and_cap_agree(eu, national):
    total = eu + national
    rate = rate_of(eu, total)
    assert Decimal("0") <= rate <= Decimal("1")
    assert rate_within(eu, total, Decimal("1"))
    if total:
        # The cap is checked on the exact amounts: within the cap iff eu/total <= cap.
        assert rate_within(eu, total, Decimal("0.75")) == (eu / total <= Decimal("0.75"))


@pytest.mark.parametrize("bad", [1.5, "abc", "1.005", "NaN", "Infinity", "1e20", "1e400", "-1e-400", "1e-999999999"])
def test_unreadable_amounts_are_refused(bad):
    with pytest.raises(AmountError):
        parse_amount(bad)
