"""The one clock of Subsidia.

Everything that asks "what time is it" asks here, so tests travel in time with ``time-machine`` and every rule
that depends on time (is a call open? is a deadline past?) is computed at the moment of asking. Times are
stored in UTC and shown and enforced in Europe/Brussels.
"""

import contextlib
import contextvars
import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

BRUSSELS = ZoneInfo("Europe/Brussels")


class LocalTimeError(ValueError):
    """A wall-clock time that does not exist, or exists twice, in Brussels (daylight-saving change)."""


_replayed_at: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar("subsidia_clock", default=None)


def now() -> dt.datetime:
    """The current instant, timezone-aware (UTC)."""
    return _replayed_at.get() or timezone.now()


@contextlib.contextmanager
def replay_at(instant: dt.datetime):
    """Run services as if it were ``instant``: the demo loader replays a story (a call that opened, received
    applications and closed) through the real services, with their real deadline checks. Never used by
    requests; tests use ``time_machine`` instead."""
    if instant.tzinfo is None:
        raise ValueError("replay_at needs an aware datetime")
    token = _replayed_at.set(instant)
    try:
        yield
    finally:
        _replayed_at.reset(token)


def local_now() -> dt.datetime:
    return now().astimezone(BRUSSELS)


def today() -> dt.date:
    """Today's date in Brussels."""
    return local_now().date()


def to_local(value: dt.datetime) -> dt.datetime:
    return value.astimezone(BRUSSELS)


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    """The instant of a Brussels wall-clock time; refuses times skipped or repeated at a DST change."""
    naive = dt.datetime.combine(day, time)
    return make_aware_local(naive)


def make_aware_local(naive: dt.datetime) -> dt.datetime:
    if naive.tzinfo is not None:
        return naive
    first = naive.replace(tzinfo=BRUSSELS, fold=0)
    second = naive.replace(tzinfo=BRUSSELS, fold=1)
    if first.utcoffset() != second.utcoffset():
        round_trip = first.astimezone(dt.UTC).astimezone(BRUSSELS).replace(tzinfo=None)
        if round_trip != naive:
            raise LocalTimeError(f"{naive:%Y-%m-%d %H:%M} does not exist in Brussels (clocks go forward)")
        raise LocalTimeError(f"{naive:%Y-%m-%d %H:%M} happens twice in Brussels (clocks go back)")
    return first
