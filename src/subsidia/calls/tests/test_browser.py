"""In the browser: a visitor finds an open call in the public list, opens its page and sees the criteria with
their points and the dates in Brussels time."""

import datetime as dt

import pytest

from subsidia.calls.constants import CallStatus
from subsidia.conftest import screenshot
from subsidia.core import clock

from .factories import CallFactory, complete, funded_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_opens_a_call_and_sees_criteria_and_dates(page):
    opens = clock.local_datetime(clock.today() - dt.timedelta(days=3), dt.time(9, 0))
    closes = clock.local_datetime(clock.today() + dt.timedelta(days=30), dt.time(12, 0))
    call = complete(
        CallFactory(
            programme=funded_programme(),
            reference="BROWSER-01",
            status=CallStatus.PUBLISHED,
            published_at=opens,
            opens_at=opens,
            closes_at=closes,
        )
    )
    page.goto(page.base_url + "/calls/?lang=en")
    page.get_by_role("link", name=call.title_en).click()
    page.wait_for_url(f"**/calls/{call.pk}/")
    criteria = page.locator("#award-criteria")
    assert "Relevance" in criteria.inner_text() and "Quality" in criteria.inner_text()
    assert "40" in criteria.inner_text() and "60" in criteria.inner_text()
    deadline = page.locator("#call-closes").inner_text()
    assert str(clock.to_local(closes).year) in deadline and "12:00" in deadline
    assert "Open" in page.locator("#call-facts").inner_text()
    assert page.locator("#call-open-notice").is_visible()
    screenshot(page, "calls-public-detail")
    page.goto(page.base_url + f"/calls/{call.pk}/?lang=nl")
    assert "Relevantie" in page.locator("#award-criteria").inner_text()
