"""Public call pages without login: the list, a call's page, the deadline as iCalendar (RFC 5545), the Atom
feed
of new calls and the calendar of planned calls (CPR art. 49(2))."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
import time_machine

from subsidia.calls.constants import CallStatus
from subsidia.core import clock

from .factories import CallFactory, PlannedCallFactory, complete

pytestmark = pytest.mark.django_db

OPENS = dt.datetime(2031, 3, 3, 9, 0, tzinfo=clock.BRUSSELS)
CLOSES = dt.datetime(2031, 4, 15, 12, 0, tzinfo=clock.BRUSSELS)


@pytest.fixture
def published(programme):
    return complete(
        CallFactory(
            programme=programme,
            reference="PUB-01",
            status=CallStatus.PUBLISHED,
            published_at=OPENS - dt.timedelta(days=7),
            opens_at=OPENS,
            closes_at=CLOSES,
            title_en="Buddy <script>alert(1)</script> projects",
        )
    )


def test_list_shows_open_calls_by_default_and_filters_by_status(client, published, programme):
    draft = CallFactory(programme=programme, reference="DRAFT-01", opens_at=OPENS, closes_at=CLOSES)
    with time_machine.travel(OPENS + dt.timedelta(days=1), tick=False):
        page = client.get("/calls/?lang=en").content.decode()
        assert "PUB-01" in page and draft.reference not in page
        assert "PUB-01" not in client.get("/calls/?effective_status=closed").content.decode()
        assert "PUB-01" in client.get("/calls/?effective_status=all&q=buddy").content.decode()
    with time_machine.travel(CLOSES, tick=False):
        assert "PUB-01" in client.get("/calls/?effective_status=closed").content.decode()
        assert "PUB-01" not in client.get("/calls/").content.decode()


def test_garbage_filters_do_not_break_the_list(client, published):
    for query in (
        "effective_status=%00",
        "region=nowhere",
        "page=-3",
        "q=" + "x" * 500,
        "effective_status=zzz",
    ):
        assert client.get(f"/calls/?{query}").status_code in (200, 400), query


def test_call_page_shows_criteria_weights_money_and_brussels_dates(client, published):
    page = client.get(f"/calls/{published.pk}/?lang=en").content.decode()
    for text in (
        "Relevance",
        "Quality",
        "40",
        "60",
        "€300,000.00",
        "90 %",
        "€10,000.00",
        "€100,000.00",
        "April 15, 2031",
        "12:00:00",
        "CPR Art. 56(1)",
    ):
        assert text in page, text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_call_page_in_dutch_and_french(client, published):
    assert "Buddyprojecten" in client.get(f"/calls/{published.pk}/?lang=nl").content.decode()
    page = client.get(f"/calls/{published.pk}/?lang=fr").content.decode()
    assert "Projets de parrainage" in page and "15 avril 2031" in page


def test_draft_call_page_is_not_public(client, programme):
    call = CallFactory(programme=programme)
    assert client.get(f"/calls/{call.pk}/").status_code == 404
    assert client.get(f"/calls/{call.pk}/deadline.ics").status_code == 404


def test_ics_is_valid_rfc_5545_with_the_deadline_in_utc(client, published):
    response = client.get(f"/calls/{published.pk}/deadline.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8")
    lines = unfolded.split("\r\n")[:-1]
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    props = dict(line.split(":", 1) for line in lines)
    assert props["VERSION"] == "2.0" and props["PRODID"]
    assert props["DTSTART"] == "20310415T100000Z"  # 12:00 CEST
    assert re.fullmatch(r"\d{8}T\d{6}Z", props["DTSTAMP"])
    assert props["UID"].startswith(f"call-{published.pk}-deadline@")
    assert "PUB-01" in props["SUMMARY"]
    stack = []
    for line in lines:
        if line.startswith("BEGIN:"):
            stack.append(line[6:])
        elif line.startswith("END:"):
            assert stack.pop() == line[4:]
    assert not stack


def test_ics_escapes_text_and_folds_long_lines():
    from subsidia.calls.ical import escape, fold

    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("DESCRIPTION:" + "é" * 100)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == "DESCRIPTION:" + "é" * 100


ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_published_calls_newest_first(client, published, programme):
    later = CallFactory(
        programme=programme,
        reference="PUB-02",
        status=CallStatus.PUBLISHED,
        published_at=OPENS - dt.timedelta(days=1),
        opens_at=OPENS,
        closes_at=CLOSES,
    )
    CallFactory(programme=programme, reference="DRAFT-02")
    response = client.get("/calls/feed.atom?lang=en")
    assert response.status_code == 200 and "atom+xml" in response["Content-Type"]
    root = ET.fromstring(response.content)  # noqa: S314  (our own feed, not untrusted input)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id") is not None and root.find(f"{ATOM}updated") is not None
    entries = root.findall(f"{ATOM}entry")
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert titles[0].startswith("PUB-02") and titles[1].startswith("PUB-01") and len(titles) == 2
    for entry in entries:
        for tag in ("id", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
    assert later.pk


def test_document_is_served_to_the_public_with_its_type(client, published, officer):
    from subsidia.calls import services
    from subsidia.calls.pdf_stub import guide_pdf

    published.status = CallStatus.DRAFT
    published.save()
    doc = services.document_add(officer, published, upload=guide_pdf(published), title_nl="Handleiding")
    assert client.get(f"/calls/{published.pk}/documents/{doc.pk}/").status_code == 404  # draft: not public
    published.status = CallStatus.PUBLISHED
    published.save()
    response = client.get(f"/calls/{published.pk}/documents/{doc.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_planned_calls_calendar_shows_last_update_and_budgets(client, programme, officer):
    from subsidia.calls import services

    planned = PlannedCallFactory(programme=programme)
    services.calendar_confirm(officer, programme, note="Reviewed")
    page = client.get("/calls/calendar/?lang=en").content.decode()
    assert planned.title_en in page and "€500,000.00" in page
    assert "Last updated on" in page and "CPR Art. 49(2)" in page


def test_an_open_call_links_to_the_application_form_and_a_closed_one_does_not(client, published):
    link = f'href="/applications/new/{published.pk}/"'
    with time_machine.travel(OPENS + dt.timedelta(days=1), tick=False):
        page = client.get(f"/calls/{published.pk}/?lang=nl").content.decode()
        assert link in page and "Een aanvraag indienen voor deze oproep" in page
    with time_machine.travel(CLOSES, tick=False):
        assert link not in client.get(f"/calls/{published.pk}/").content.decode()
