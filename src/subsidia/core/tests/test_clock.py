import datetime as dt

import pytest
import time_machine

from subsidia.core import clock


def test_now_follows_time_machine_and_is_utc():
    with time_machine.travel(dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=dt.UTC), tick=False):
        assert clock.now() == dt.datetime(2026, 3, 29, 0, 59, 59, tzinfo=dt.UTC)
        assert clock.local_now().hour == 1  # CET, UTC+1
        assert clock.today() == dt.date(2026, 3, 29)


def test_today_is_the_brussels_date_not_the_utc_date():
    with time_machine.travel(dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC), tick=False):
        assert clock.today() == dt.date(2026, 7, 1)


def test_a_time_skipped_by_the_spring_change_is_refused():
    with pytest.raises(clock.LocalTimeError, match="does not exist"):
        clock.local_datetime(dt.date(2026, 3, 29), dt.time(2, 30))


def test_a_time_repeated_by_the_autumn_change_is_refused():
    with pytest.raises(clock.LocalTimeError, match="twice"):
        clock.local_datetime(dt.date(2026, 10, 25), dt.time(2, 30))


def test_an_ordinary_local_time_becomes_the_right_instant():
    instant = clock.local_datetime(dt.date(2026, 7, 1), dt.time(12, 0))
    assert instant.astimezone(dt.UTC) == dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)


def test_replay_at_moves_the_clock_for_the_block_only():
    past = dt.datetime(2022, 1, 1, 9, tzinfo=dt.UTC)
    with clock.replay_at(past):
        assert clock.now() == past
    assert clock.now() != past
