"""SQL the field map needs: the Brussels calendar date of a UTC instant, computed by the database (SQLite has no
time zone data, so the EU summer-time rule is written out), agrees with ``zoneinfo`` around every change."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db.models import F

from subsidia.projects.models import Operation

from ..sql import BrusselsDate

BRUSSELS = ZoneInfo("Europe/Brussels")


def instants() -> list[dt.datetime]:
    """Around each change of time (last Sunday of March and of October, 01:00 UTC) and around midnight, in
    several years including leap years, plus ordinary days."""
    found = []
    for year in (2021, 2024, 2026, 2027, 2028, 2030):
        for month in (3, 10):
            last_sunday = max(
                dt.date(year, month, day) for day in range(25, 32) if dt.date(year, month, day).weekday() == 6
            )
            change = dt.datetime.combine(last_sunday, dt.time(1), tzinfo=dt.UTC)
            for minutes in (-61, -60, -1, 0, 1, 59, 60, 61):
                found.append(change + dt.timedelta(minutes=minutes))
            for hour in (21, 22, 23):  # midnight in Brussels the evening before and after the change
                for delta in (-1, 0, 1):
                    found.append(
                        dt.datetime.combine(last_sunday + dt.timedelta(days=delta), dt.time(hour), tzinfo=dt.UTC)
                    )
        for month, day in ((1, 1), (6, 30), (12, 31), (2, 28)):
            for hour, minute in ((22, 59), (22, 30), (23, 0), (23, 30), (0, 0)):
                found.append(dt.datetime(year, month, day, hour, minute, 30, 123456, tzinfo=dt.UTC))
    return found


@pytest.mark.django_db
def test_brussels_date_agrees_with_zoneinfo(make_op):
    moments = instants()
    operation = make_op()
    for moment in moments:
        Operation.objects.filter(pk=operation.pk).update(selected_at=moment)
        got = Operation.objects.filter(pk=operation.pk).annotate(day=BrusselsDate(F("selected_at"))).get().day
        assert got == moment.astimezone(BRUSSELS).date(), moment
