"""Quorum and majority, in whole numbers so that no rounding ever decides a vote.

A committee's rules of procedure (CPR art. 38(2), art. 39(1)) set the quorum as a fraction of the voting
members: "more than half" (the default) is 1/2 strict, "at least two thirds" is 2/3 not strict.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class QuorumRule:
    numerator: int = 1
    denominator: int = 2
    strict: bool = True  # "more than" the fraction; otherwise "at least"

    def __post_init__(self):
        if not (0 < self.numerator <= self.denominator):
            raise ValueError("a quorum is a fraction between 0 (exclusive) and 1")

    def met(self, present: int, eligible: int) -> bool:
        """Whether ``present`` of ``eligible`` voting members make a quorum. Nobody eligible: no quorum."""
        if eligible <= 0 or present <= 0:
            return False
        present = min(present, eligible)
        if self.strict:
            return present * self.denominator > self.numerator * eligible
        return present * self.denominator >= self.numerator * eligible

    def required(self, eligible: int) -> int:
        """The smallest number present that makes a quorum (``eligible + 1`` when none can)."""
        if eligible <= 0:
            return 1
        needed = (self.numerator * eligible) // self.denominator
        if self.strict or needed * self.denominator < self.numerator * eligible:
            needed += 1
        return max(needed, 1)


def carried(votes_for: int, votes_against: int) -> bool:
    """A simple majority of the votes cast; abstentions count for the quorum, not for the majority."""
    return votes_for > votes_against
