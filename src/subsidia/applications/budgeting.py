"""The budget of an application as exact arithmetic: entered lines in; flat-rate lines, totals, problems out.

No database here: the services, the live preview while typing and the Hypothesis tests all call ``compute``
and ``problems`` with plain values, so the page, the API and the stored figures can never disagree.

Flat rates (CPR art. 54-56) are computed per year on that year's base and rounded half-up to the cent; the
total of a flat rate is the sum of its years. The order follows the articles' bases:
direct staff costs (entered, or art. 55 on the other direct costs) → all other costs (art. 56 on staff) →
indirect costs (art. 54(a) on all direct costs, or art. 54(b) on direct staff costs).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from subsidia.calls.constants import INDIRECT_FLAT_RATES, CostCategory, CostOptionKind, FlatRate
from subsidia.core.formatting import money
from subsidia.core.money import ZERO, round_half_up

from .constants import ALL_OTHER_COSTS

# Categories an art. 56 flat rate replaces: everything but direct staff costs.
NOT_STAFF = tuple(c for c in CostCategory.values if c != CostCategory.STAFF)
ENTERED_OPTIONS = (CostOptionKind.REAL_COSTS, CostOptionKind.UNIT_COST, CostOptionKind.LUMP_SUM)


@dataclass(frozen=True)
class Line:
    """An entered budget line: real costs, or a unit cost / lump sum the call defines."""

    year: int
    category: str
    option: str
    amount: Decimal
    label: str = ""


@dataclass(frozen=True)
class Rate:
    """A flat rate the application applies (``key`` is a ``calls.constants.FlatRate``)."""

    key: str
    rate: Decimal
    legal_basis: str = ""


@dataclass(frozen=True)
class FlatLine:
    year: int
    category: str
    key: str
    rate: Decimal
    base: Decimal
    amount: Decimal


@dataclass
class Budget:
    years: list[int]
    lines: list[Line]
    flat_lines: list[FlatLine]
    # (category, year) -> amount, entered and flat together
    cells: dict = field(default_factory=dict)
    by_year: dict = field(default_factory=dict)
    by_category: dict = field(default_factory=dict)
    staff: Decimal = ZERO
    direct: Decimal = ZERO
    simplified: Decimal = ZERO
    real: Decimal = ZERO
    total: Decimal = ZERO

    def categories(self) -> list[str]:
        order = [*CostCategory.values, ALL_OTHER_COSTS]
        return [c for c in order if c in self.by_category]


def _sum(values) -> Decimal:
    return sum(values, ZERO)


def flat_amount(base: Decimal, rate: Decimal) -> Decimal:
    return round_half_up(Decimal(base) * Decimal(rate), 2)


def compute(lines: list[Line], rates: list[Rate]) -> Budget:
    """Every figure of the budget. Assumes nothing about validity; ``problems`` says what is wrong."""
    by_key = {r.key: r for r in rates}
    years = sorted({line.year for line in lines})
    flat_lines: list[FlatLine] = []
    for year in years:
        entered = [line for line in lines if line.year == year]
        staff = _sum(x.amount for x in entered if x.category == CostCategory.STAFF)
        other_direct = _sum(x.amount for x in entered if x.category not in (CostCategory.STAFF, CostCategory.INDIRECT))

        def add(key, category, base, _year=year):
            rate = by_key[key].rate
            line = FlatLine(_year, category, key, rate, base, flat_amount(base, rate))
            flat_lines.append(line)
            return line.amount

        if FlatRate.STAFF_OF_OTHER_DIRECT in by_key:
            staff += add(FlatRate.STAFF_OF_OTHER_DIRECT, CostCategory.STAFF, other_direct)
        if FlatRate.OTHER_OF_STAFF in by_key:
            add(FlatRate.OTHER_OF_STAFF, ALL_OTHER_COSTS, staff)
        if FlatRate.INDIRECT_OF_DIRECT in by_key:
            add(FlatRate.INDIRECT_OF_DIRECT, CostCategory.INDIRECT, staff + other_direct)
        if FlatRate.INDIRECT_OF_STAFF in by_key:
            add(FlatRate.INDIRECT_OF_STAFF, CostCategory.INDIRECT, staff)

    budget = Budget(years=years, lines=list(lines), flat_lines=flat_lines)
    cells: dict = defaultdict(lambda: ZERO)
    for x in lines:
        cells[(x.category, x.year)] += x.amount
    for f in flat_lines:
        cells[(f.category, f.year)] += f.amount
    budget.cells = dict(cells)
    by_year: dict = defaultdict(lambda: ZERO)
    by_category: dict = defaultdict(lambda: ZERO)
    for (category, year), amount in cells.items():
        by_year[year] += amount
        by_category[category] += amount
    budget.by_year = dict(by_year)
    budget.by_category = dict(by_category)
    budget.total = _sum(cells.values())
    budget.staff = by_category.get(CostCategory.STAFF, ZERO)
    budget.direct = budget.total - by_category.get(CostCategory.INDIRECT, ZERO)
    budget.real = _sum(x.amount for x in lines if x.option == CostOptionKind.REAL_COSTS)
    budget.simplified = budget.total - budget.real
    return budget


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def combination_problems(keys: set[str]) -> list[Problem]:
    """Flat rates that cannot go together: art. 56 covers every cost but staff, so no indirect flat rate (art.
    56(1)) and no art. 55 staff rate (its base would be computed from itself); one indirect-cost method."""
    problems = []
    if FlatRate.OTHER_OF_STAFF in keys and keys & set(INDIRECT_FLAT_RATES):
        problems.append(
            Problem(
                "flat_rates",
                _(
                    "The flat rate of 40 % on staff costs for all other costs (CPR art. 56(1)) cannot be "
                    "combined with "
                    "a flat rate for indirect costs."
                ),
            )
        )
    if FlatRate.OTHER_OF_STAFF in keys and FlatRate.STAFF_OF_OTHER_DIRECT in keys:
        problems.append(
            Problem(
                "flat_rates",
                _(
                    "Staff costs cannot be both the base of the art. 56 flat rate and computed from the "
                    "other costs "
                    "(art. 55): choose one."
                ),
            )
        )
    if set(INDIRECT_FLAT_RATES) <= keys:
        problems.append(
            Problem(
                "flat_rates",
                _(
                    "Choose one way to compute indirect costs: on direct costs (art. 54(a)) or on staff "
                    "costs (art. 54(b))."
                ),
            )
        )
    return problems


def covered_by_flat_rate(category: str, keys: set[str]) -> str | None:
    """The flat rate that already computes ``category``; an entered line there would count it twice."""
    if category == CostCategory.STAFF and FlatRate.STAFF_OF_OTHER_DIRECT in keys:
        return FlatRate.STAFF_OF_OTHER_DIRECT
    if category != CostCategory.STAFF and FlatRate.OTHER_OF_STAFF in keys:
        return FlatRate.OTHER_OF_STAFF
    if category == CostCategory.INDIRECT:
        for key in INDIRECT_FLAT_RATES:
            if key in keys:
                return key
    return None


def sco_problems(
    budget: Budget, keys: set[str], *, threshold: Decimal, legal_basis: str, draft_budget: bool
) -> list[Problem]:
    """CPR art. 53(2): an operation whose total cost is at most the threshold uses simplified cost options.

    Real costs stay acceptable only as direct staff costs that are the base of a flat rate on staff costs
    (art. 54(b) or 56): the flat rate then calculates the rest. Otherwise the applicant offers a draft budget
    from which the managing authority sets a lump sum (art. 53(3)(b)).
    """
    if budget.total > threshold or draft_budget or not budget.lines:
        return []
    staff_based = {FlatRate.INDIRECT_OF_STAFF, FlatRate.OTHER_OF_STAFF} & keys
    offending = [
        x
        for x in budget.lines
        if x.option == CostOptionKind.REAL_COSTS and not (x.category == CostCategory.STAFF and staff_based)
    ]
    if not offending:
        return []
    return [
        Problem(
            "budget",
            _(
                "The total cost of %(total)s does not exceed %(threshold)s, so the budget must use "
                "simplified cost "
                "options — unit costs, lump sums or flat rates — (%(basis)s), or be offered as a draft "
                "budget agreed with "
                "the managing authority (CPR art. 53(3)(b)). %(count)s line(s) with real costs: %(lines)s."
            )
            % {
                "total": money(budget.total),
                "threshold": money(threshold),
                "basis": legal_basis,
                "count": len(offending),
                "lines": "; ".join(f"{x.label or x.category} ({x.year})" for x in offending[:5]),
            },
        )
    ]
