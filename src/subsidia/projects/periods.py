"""Reporting periods of an operation: calendar periods of 12 ÷ (transmissions per year) months, so indicator
values are ready for the Commission by 31 January and 31 July (CPR art. 42(1), 42(2)(b)); the report is due a
set number of days after its period ends."""

import datetime as dt
from dataclasses import dataclass

from subsidia.reference.figures import figure


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    due: dt.date
    is_final: bool
    # The date by which the values go to the Commission: the last day of the month after the period.
    transmission: dt.date


def _month_end(year: int, month: int) -> dt.date:
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def period_months() -> int:
    return 12 // int(figure("indicator_transmissions_per_year").value)


def periods(start: dt.date, end: dt.date) -> list[Period]:
    """The reporting periods covering ``start``..``end``, each clipped to the operation's dates."""
    months = period_months()
    due_days = int(figure("progress_report_due_days").value)
    result = []
    block_month = (start.month - 1) // months * months + 1
    year = start.year
    while True:
        block_start = dt.date(year, block_month, 1)
        last_month = block_month + months - 1
        block_end = _month_end(year, last_month)
        if block_start > end:
            break
        period_end = min(block_end, end)
        transmission = _month_end(year + (last_month == 12), last_month % 12 + 1)
        result.append(
            Period(
                start=max(block_start, start),
                end=period_end,
                due=period_end + dt.timedelta(days=due_days),
                is_final=period_end == end,
                transmission=transmission,
            )
        )
        block_month += months
        if block_month > 12:
            block_month, year = 1, year + 1
    return result


def period_starting(start: dt.date, end: dt.date, period_start: dt.date) -> Period | None:
    return next((p for p in periods(start, end) if p.start == period_start), None)
