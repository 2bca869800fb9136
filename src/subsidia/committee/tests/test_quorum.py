"""Quorum maths (rules of procedure, CPR art. 38(2), 39(1)): exact in whole numbers, any committee size."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ..quorum import QuorumRule, carried

rules_ = st.builds(
    lambda d, n, strict: QuorumRule(min(n, d), d, strict),
    st.integers(1, 12),
    st.integers(1, 12),
    st.booleans(),
)


@settings(deadline=None)  # pure integer maths; a wall-clock deadline only adds flakiness on a busy machine
@given(rule=rules_, eligible=st.integers(0, 400), present=st.integers(0, 400))
def test_quorum_is_met_exactly_from_the_required_number(rule, eligible, present):
    required = rule.required(eligible)
    present = min(present, eligible)
    assert rule.met(present, eligible) == (eligible > 0 and present >= required)


@settings(deadline=None)  # pure integer maths; a wall-clock deadline only adds flakiness on a busy machine
@given(rule=rules_, eligible=st.integers(1, 400))
def test_required_is_the_smallest_quorate_attendance_and_exact_as_a_fraction(rule, eligible):
    required = rule.required(eligible)
    fraction_of_members = rule.numerator * eligible
    if rule.strict:
        assert required * rule.denominator > fraction_of_members
        assert (required - 1) * rule.denominator <= fraction_of_members
    else:
        assert required * rule.denominator >= fraction_of_members
        assert (required - 1) * rule.denominator < fraction_of_members


@settings(deadline=None)  # pure integer maths; a wall-clock deadline only adds flakiness on a busy machine
@given(eligible=st.integers(1, 400))
def test_default_quorum_is_a_majority_of_the_voting_members(eligible):
    assert QuorumRule().required(eligible) == eligible // 2 + 1


@settings(deadline=None)  # pure integer maths; a wall-clock deadline only adds flakiness on a busy machine
@given(rule=rules_, eligible=st.integers(1, 200), present=st.integers(0, 199))
def test_one_more_member_present_never_breaks_a_quorum(rule, eligible, present):
    present = min(present, eligible - 1)
    if rule.met(present, eligible):
        assert rule.met(present + 1, eligible)


@pytest.mark.parametrize(
    ("present", "eligible", "met"),
    [(8, 15, True), (7, 15, False), (5, 10, False), (6, 10, True), (0, 0, False), (1, 1, True)],
)
def test_majority_examples(present, eligible, met):
    assert QuorumRule().met(present, eligible) is met


def test_two_thirds_at_least():
    rule = QuorumRule(2, 3, strict=False)
    assert rule.required(15) == 10 and rule.met(10, 15) and not rule.met(9, 15)
    assert rule.required(10) == 7


def test_a_quorum_is_a_fraction_between_zero_and_one():
    with pytest.raises(ValueError):
        QuorumRule(3, 2)
    with pytest.raises(ValueError):
        QuorumRule(0, 2)


@settings(deadline=None)  # pure integer maths; a wall-clock deadline only adds flakiness on a busy machine
@given(votes_for=st.integers(0, 50), against=st.integers(0, 50))
def test_a_proposal_carries_with_more_votes_for_than_against(votes_for, against):
    assert carried(votes_for, against) == (votes_for > against)
