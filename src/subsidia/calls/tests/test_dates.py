"""Brussels time: a local time skipped or repeated at a daylight-saving change is refused; whether a published
call is open is computed from its dates at the moment of asking."""

import datetime as dt

import pytest
import time_machine
from django.utils import translation

from subsidia.calls import selectors, services
from subsidia.calls.constants import CallStatus
from subsidia.calls.models import Call
from subsidia.core import clock
from subsidia.core.exceptions import RuleViolation

from .factories import CallFactory, call_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in English; outside a request the deployment's language (Dutch) is active."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("field", "naive", "why"),
    [
        ("opens_at", dt.datetime(2031, 3, 30, 2, 30), "spring forward: 02:00-03:00 does not exist"),
        ("closes_at", dt.datetime(2031, 10, 26, 2, 30), "autumn: 02:00-03:00 happens twice"),
    ],
)
def test_local_time_at_a_dst_change_is_refused(programme, officer, field, naive, why):
    data = call_data(opens_at=dt.datetime(2031, 3, 1, 9, 0), closes_at=dt.datetime(2031, 11, 1, 12, 0))
    data[field] = naive
    with pytest.raises(RuleViolation) as refused:
        services.call_create(officer, programme=programme, **data)
    assert field in refused.value.errors, why
    assert "Brussels" in refused.value.errors[field][0]
    assert not Call.objects.exists()


def test_naive_times_are_brussels_wall_clock(programme, officer):
    call = services.call_create(
        officer,
        programme=programme,
        **call_data(opens_at=dt.datetime(2031, 3, 1, 9, 0), closes_at=dt.datetime(2031, 7, 1, 12, 0)),
    )
    call.refresh_from_db()
    assert call.opens_at == dt.datetime(2031, 3, 1, 8, 0, tzinfo=dt.UTC)  # CET, UTC+1
    assert call.closes_at == dt.datetime(2031, 7, 1, 10, 0, tzinfo=dt.UTC)  # CEST, UTC+2


OPENS = dt.datetime(2031, 3, 3, 9, 0, tzinfo=clock.BRUSSELS)
CLOSES = dt.datetime(2031, 4, 15, 12, 0, tzinfo=clock.BRUSSELS)
SECOND = dt.timedelta(seconds=1)


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (OPENS - SECOND, "upcoming"),
        (OPENS, "open"),
        (CLOSES - SECOND, "open"),
        (CLOSES, "closed"),
    ],
)
def test_effective_status_over_time(programme, instant, expected):
    call = CallFactory(
        programme=programme,
        status=CallStatus.PUBLISHED,
        published_at=OPENS - dt.timedelta(days=5),
        opens_at=OPENS,
        closes_at=CLOSES,
    )
    with time_machine.travel(instant, tick=False):
        assert call.effective_status() == expected
        assert selectors.is_open(call) is (expected == "open")
        annotated = selectors.with_effective_status(Call.objects.filter(pk=call.pk)).get()
        assert annotated.effective == expected
        assert list(selectors.filter_effective(Call.objects.all(), expected)) == [call]


def test_unpublished_call_is_never_open_whatever_its_dates(programme):
    call = CallFactory(programme=programme, status=CallStatus.APPROVED, opens_at=OPENS, closes_at=CLOSES)
    with time_machine.travel(OPENS + dt.timedelta(days=1), tick=False):
        assert call.effective_status() == "approved"
        assert not selectors.is_open(call)


def test_assessment_starts_only_after_the_deadline(programme, officer):
    call = CallFactory(
        programme=programme,
        status=CallStatus.PUBLISHED,
        published_at=OPENS - dt.timedelta(days=5),
        opens_at=OPENS,
        closes_at=CLOSES,
    )
    with time_machine.travel(CLOSES - SECOND, tick=False), pytest.raises(Exception, match="still open"):
        services.call_start_assessment(officer, call)
    with time_machine.travel(CLOSES, tick=False):
        call = services.call_start_assessment(officer, call)
    assert call.status == CallStatus.IN_ASSESSMENT
    assert call.effective_status() == "in_assessment"
