"""Money and rates: exact decimals, never floats.

Amounts are euros to the cent. The database stores them as integer cents (see ``fields.MoneyField``) so that
sums are exact on SQLite, which adds decimals in floating point, as well as on PostgreSQL.
A rate is a decimal fraction with four places (0.7500).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
RATE_QUANTUM = Decimal("0.0001")
ZERO = Decimal("0.00")
# Amounts up to a trillion euro fit in a signed 64-bit number of cents with plenty of room.
MAX_AMOUNT = Decimal("999999999999.99")


class AmountError(ValueError):
    """An amount or rate that cannot be read exactly."""


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Commercial rounding (0.005 -> 0.01), as the regulations and accountants expect."""
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def parse_amount(value) -> Decimal:
    """Read an amount in euro exactly; refuses floats, fractions of a cent, NaN and infinities."""
    if isinstance(value, float):
        raise AmountError("amounts are never floats")
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError) as exc:
        raise AmountError(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise AmountError(f"not an amount: {value!r}")
    if abs(amount) > MAX_AMOUNT:
        raise AmountError(f"amount too large: {value!r}")
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise AmountError(f"an amount has at most two decimals: {value!r}")
    return amount.quantize(CENT)


def to_cents(amount) -> int:
    return int(parse_amount(amount) * 100)


def from_cents(cents) -> Decimal:
    return Decimal(int(cents)).scaleb(-2)


def eu_share(eligible_cost: Decimal, rate: Decimal) -> Decimal:
    """The Union contribution: ``round_half_up(eligible cost × rate, 2)``."""
    return round_half_up(Decimal(eligible_cost) * Decimal(rate), 2)


def rate_of(part: Decimal, total: Decimal) -> Decimal:
    """``part ÷ total`` as a rate with four decimals (half-up); zero when the total is zero."""
    if not total:
        return Decimal("0.0000")
    return round_half_up(Decimal(part) / Decimal(total), 4)


def share_pct(part: Decimal, total: Decimal) -> Decimal:
    """Percentage with two decimals, for display of shares."""
    if not total:
        return Decimal("0.00")
    return round_half_up(Decimal(part) * 100 / Decimal(total), 2)


def rate_within(eu: Decimal, total: Decimal, max_rate: Decimal) -> bool:
    """Whether ``eu ÷ total`` stays within ``max_rate``, decided exactly (no rounding of the quotient)."""
    return Decimal(eu) <= Decimal(max_rate) * Decimal(total)
