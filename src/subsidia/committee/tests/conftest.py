import datetime as dt

import pytest
import time_machine

from subsidia.core.tests.factories import UserFactory

from .factories import CommitteeFactory, MemberFactory


@pytest.fixture(autouse=True)
def midday(request):
    """Tests run at a fixed Brussels midday, so "an hour ago" never falls on yesterday's date. Browser tests
    keep the real time: the browser would drop session cookies that expired in its own present."""
    if request.node.get_closest_marker("browser"):
        yield
        return
    with time_machine.travel(dt.datetime(2025, 6, 18, 10, 0, tzinfo=dt.UTC), tick=True):
        yield


@pytest.fixture(autouse=True)
def english():
    """Service messages are asserted in English (the source language); pages and the API choose their own."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def committee(db):
    return CommitteeFactory()


@pytest.fixture
def seats(committee, member):
    """Five voting members (the demo user ``member`` holds the first), one substitute, one advisory seat."""
    holders = [MemberFactory(committee=committee, user=member, name="Fatima El Idrissi", organisation="Atlas")]
    holders += [MemberFactory(committee=committee, user=UserFactory(role="committee_member")) for _ in range(4)]
    holders[0].__class__.objects.filter(pk=holders[1].pk).update(seat="chair")
    holders[1].refresh_from_db()
    substitute = MemberFactory(
        committee=committee,
        substitute_for=holders[2],
        seat=holders[2].seat,
        user=UserFactory(role="committee_member"),
        organisation=holders[2].organisation,
    )
    advisory = MemberFactory(
        committee=committee,
        member_type="commission",
        seat="advisory",
        user=UserFactory(role="committee_member"),
        organisation="European Commission",
    )
    return {"holders": holders, "substitute": substitute, "advisory": advisory}
