"""Exact statistics of survey answers (Decimal, never float): shares, mean and median of a distribution,
Borda points of rankings. Pure functions, so the maths can be tested on its own."""

from decimal import ROUND_HALF_UP, Decimal

SHARE_STEP = Decimal("0.0001")  # shares are fractions: 0.4375 shows as 43,75 %
MEAN_STEP = Decimal("0.01")


def share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(SHARE_STEP, rounding=ROUND_HALF_UP)


def ratio(numerator, denominator) -> Decimal | None:
    """``numerator / denominator`` half-up to two decimals (a mean rank, say)."""
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(MEAN_STEP, rounding=ROUND_HALF_UP)


def mean(values_with_counts) -> Decimal | None:
    """The mean of ``(value, count)`` pairs, half-up to two decimals; ``None`` without values."""
    total = count = 0
    for value, n in values_with_counts:
        total += Decimal(value) * n
        count += n
    if not count:
        return None
    return (Decimal(total) / count).quantize(MEAN_STEP, rounding=ROUND_HALF_UP)


def median(values_with_counts) -> Decimal | None:
    """The median of ``(value, count)`` pairs: the middle value, or the mean of the two middle values."""
    pairs = sorted((Decimal(v), n) for v, n in values_with_counts if n > 0)
    count = sum(n for _v, n in pairs)
    if not count:
        return None
    low_index, high_index = (count - 1) // 2, count // 2  # zero-based positions of the middle value(s)
    low = high = None
    seen = 0
    for value, n in pairs:
        if low is None and low_index < seen + n:
            low = value
        if high_index < seen + n:
            high = value
            break
        seen += n
    return plain((low + high) / 2)


def plain(value: Decimal) -> Decimal:
    """Without trailing zeros and never in scientific notation: 4.5, 4, 100."""
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


def borda_points(option_count: int, count: int, rank_sum: int) -> int:
    """Borda points of one option: each ranking gives ``n - rank`` points (first place n-1, last place 0).

    Summed over the rankings that place the option, that is ``n × count − Σ rank``: both sums come from the
    database."""
    return option_count * count - rank_sum
