"""Breaking results down by stakeholder type without making anyone identifiable.

A group shown apart must hold at least ``MIN_GROUP_SIZE`` respondents. Types with fewer are pooled into one
group; if that pool is still too small it joins the smallest group that is large enough. With fewer
respondents than the minimum in total there is one group: no breakdown at all.
"""

from dataclasses import dataclass

from .constants import MIN_GROUP_SIZE, StakeholderType

TYPE_ORDER = {value: index for index, value in enumerate(StakeholderType.values)}


@dataclass(frozen=True)
class Group:
    types: tuple[str, ...]
    respondents: int

    @property
    def key(self) -> str:
        return "+".join(self.types)

    @property
    def is_merged(self) -> bool:
        return len(self.types) > 1

    @property
    def label(self) -> str:
        return " + ".join(str(StakeholderType(t).label) for t in self.types)


def _ordered(types) -> tuple[str, ...]:
    return tuple(sorted(types, key=lambda t: TYPE_ORDER.get(t, len(TYPE_ORDER))))


def merge_small_groups(counts: dict[str, int], minimum: int = MIN_GROUP_SIZE) -> list[Group]:
    """Groups of stakeholder types, each with at least ``minimum`` respondents (or a single group)."""
    present = {t: n for t, n in counts.items() if n > 0}
    if not present:
        return []
    large = {t: n for t, n in present.items() if n >= minimum}
    small = {t: n for t, n in present.items() if n < minimum}
    groups = [Group((t,), n) for t, n in large.items()]
    if small:
        pool = Group(_ordered(small), sum(small.values()))
        if pool.respondents >= minimum or not groups:
            groups.append(pool)
        else:
            # The pool joins the smallest large group (the later type on a tie), so the fewest people move.
            target = min(groups, key=lambda g: (g.respondents, -TYPE_ORDER.get(g.types[0], 0)))
            groups.remove(target)
            groups.append(Group(_ordered(target.types + pool.types), target.respondents + pool.respondents))
    return sorted(groups, key=lambda g: (g.is_merged, TYPE_ORDER.get(g.types[0], 0)))
