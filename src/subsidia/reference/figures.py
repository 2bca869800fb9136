"""The fund's rules as figures, each with its article: the one place code asks for a rate or threshold."""

from dataclasses import dataclass
from decimal import Decimal

from .models import ImplementationModality, RuleFigure


@dataclass(frozen=True)
class Figure:
    value: Decimal
    unit: str
    legal_basis: str
    summary: str


def figure(key: str) -> Figure:
    row = RuleFigure.objects.get(key=key)
    return Figure(row.value, row.unit, row.legal_basis, row.summary)


@dataclass(frozen=True)
class RateCap:
    max_rate: Decimal | None  # None: no co-financing cap applies (lump sums, art. 19-20)
    legal_basis: str


def cofinancing_cap(modality: ImplementationModality) -> RateCap:
    rule = modality.cofinancing_rule
    if rule is None:
        return RateCap(None, "")
    return RateCap(rule.max_eu_rate, rule.legal_basis)
