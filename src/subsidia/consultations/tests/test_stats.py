"""The maths of results: shares, mean, median, Borda points, and the merging of small groups."""

import statistics
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from .. import stats
from ..constants import MIN_GROUP_SIZE, StakeholderType
from ..grouping import merge_small_groups

values = st.lists(st.tuples(st.integers(1, 5), st.integers(0, 40)), max_size=8)


def expand(pairs):
    return [v for v, n in pairs for _ in range(n)]


@given(values)
def test_the_median_of_a_distribution_is_the_median_of_its_answers(pairs):
    answers = expand(pairs)
    if not answers:
        assert stats.median(pairs) is None
        return
    assert stats.median(pairs) == Decimal(str(statistics.median(answers)))


@given(
    st.lists(
        st.tuples(st.decimals(min_value=-(10**6), max_value=10**6, places=4), st.integers(1, 5)),
        min_size=1,
        max_size=10,
    )
)
def test_the_median_of_numbers_is_exact(pairs):
    answers = sorted(expand(pairs))
    middle = len(answers) // 2
    exact = answers[middle] if len(answers) % 2 else (answers[middle - 1] + answers[middle]) / 2
    assert stats.median(pairs) == exact


@given(values)
def test_the_mean_is_exact_to_the_cent_half_up(pairs):
    answers = expand(pairs)
    if not answers:
        assert stats.mean(pairs) is None
        return
    exact = Decimal(sum(answers)) / len(answers)
    assert abs(stats.mean(pairs) - exact) <= Decimal("0.005")
    assert stats.mean(pairs) == exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def test_a_mean_of_exactly_half_a_cent_rounds_up():
    assert stats.mean([(Decimal("0.005"), 1)]) == Decimal("0.01")
    assert stats.median([(4, 1), (5, 1)]) == Decimal("4.5")


@given(
    st.integers(2, 8).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.permutations(range(1, n + 1)), min_size=1, max_size=30))
    )
)
def test_borda_points_from_database_sums_equal_points_counted_by_hand(case):
    n, rankings = case
    # rankings[i][k] is the rank respondent i gives option k
    for option in range(n):
        ranks = [ranking[option] for ranking in rankings]
        by_hand = sum(n - r for r in ranks)
        assert stats.borda_points(n, len(ranks), sum(ranks)) == by_hand
    total = sum(stats.borda_points(n, len(rankings), sum(r[o] for r in rankings)) for o in range(n))
    assert total == len(rankings) * n * (n - 1) // 2  # every ranking hands out 0 + 1 + … + (n-1) points


def test_shares_are_fractions_half_up_to_four_decimals():
    assert stats.share(1, 3) == Decimal("0.3333")
    assert stats.share(2, 3) == Decimal("0.6667")
    assert stats.share(0, 0) is None


counts = st.dictionaries(st.sampled_from(StakeholderType.values), st.integers(0, 30))


@given(counts)
def test_merged_groups_partition_the_types_and_keep_every_respondent(counts_by_type):
    groups = merge_small_groups(counts_by_type)
    present = {t for t, n in counts_by_type.items() if n > 0}
    listed = [t for g in groups for t in g.types]
    assert sorted(listed) == sorted(present)  # every type with respondents in exactly one group
    assert sum(g.respondents for g in groups) == sum(counts_by_type.values())
    for group in groups:
        assert group.respondents == sum(counts_by_type[t] for t in group.types)


@given(counts)
def test_no_group_shown_apart_has_fewer_than_five_respondents(counts_by_type):
    groups = merge_small_groups(counts_by_type)
    if len(groups) > 1:
        assert all(g.respondents >= MIN_GROUP_SIZE for g in groups)
    else:
        # One group (or none) is no breakdown at all: the results of everyone together.
        assert len(groups) <= 1


@given(counts)
def test_large_groups_stay_apart_except_one_that_takes_in_a_small_pool(counts_by_type):
    groups = merge_small_groups(counts_by_type)
    large = {t for t, n in counts_by_type.items() if n >= MIN_GROUP_SIZE}
    merged_large = [g for g in groups if len(set(g.types) & large) > 1]
    assert not merged_large  # two large types are never merged together
    absorbing = [g for g in groups if g.is_merged and set(g.types) & large]
    assert len(absorbing) <= 1


def test_small_types_are_pooled_and_a_pool_too_small_joins_the_smallest_group():
    groups = merge_small_groups(
        {"local_government": 12, "civil_society": 9, "migrant_led": 7, "social_partner": 2, "public_body": 3}
    )
    assert [(g.types, g.respondents) for g in groups] == [
        (("local_government",), 12),
        (("civil_society",), 9),
        (("migrant_led",), 7),
        (("social_partner", "public_body"), 5),
    ]
    groups = merge_small_groups(
        {"local_government": 12, "civil_society": 9, "migrant_led": 7, "social_partner": 2, "public_body": 1}
    )
    assert [(g.types, g.respondents) for g in groups] == [
        (("local_government",), 12),
        (("civil_society",), 9),
        (("migrant_led", "social_partner", "public_body"), 10),
    ]
    assert merge_small_groups({"local_government": 3, "civil_society": 1})[0].respondents == 4
