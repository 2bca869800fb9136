"""Publication snapshots (``subsidia publish_operations``), what changed since the previous publication, the
four-month warning (CPR art. 49(3)) and the removal of natural persons' names two years after their first
publication (CPR art. 49(3)(b)), from the live list and from every stored snapshot."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command

from subsidia.core import audit
from subsidia.core.models import AuditEvent
from subsidia.projects.models import Operation

from ..exports import csv_sql
from ..models import PublicationSnapshot, SnapshotRow
from ..selectors import operations as selectors
from ..selectors import publications as publication_selectors
from ..services import publication

NAME = "beneficiary_first_name_surname"


def publish(**options) -> str:
    out = io.StringIO()
    call_command("publish_operations", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_publish_operations_freezes_a_dated_snapshot_with_its_totals(make_op, shelter):
    make_op(
        total_cost=Decimal("100000.01"), total_eligible_cost=Decimal("100000.01"), own_contribution=Decimal("25000.01")
    )
    output = publish(note="Eerste publicatie")
    snapshot = PublicationSnapshot.objects.get()
    assert "Published no. 1" in output
    assert snapshot.number == 1 and snapshot.published_by is None and snapshot.note == "Eerste publicatie"
    assert snapshot.operations == 2
    assert snapshot.total_cost == Decimal("350000.01")
    assert snapshot.rows.count() == 2
    # Frozen rows equal the live list on that day, withholding included.
    live = {
        row["unique_operation_code"]: row
        for row in selectors.published_rows(selectors.public_operations(), selectors.context("nl"))
    }
    for row in snapshot.rows.all():
        assert row.data["total_cost"] == str(live[row.code]["total_cost"])
        assert row.data["beneficiary_name"] == live[row.code]["beneficiary_name"]
    assert snapshot.rows.get(code=shelter.code).data["beneficiary_name"] is None
    assert AuditEvent.objects.filter(action="list_of_operations.published").count() == 1


@pytest.mark.django_db
def test_every_publication_stays_downloadable_with_its_date(client, make_op):
    operation = make_op(code="AMIF-VLG-2026-0001", total_cost=Decimal("100000.00"))
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)):
        publish()
    Operation.objects.filter(pk=operation.pk).update(total_cost=Decimal("110000.00"))
    with time_machine.travel(dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC)):
        publish()
    first = client.get("/publications/1/download.csv")
    assert 'filename="list-of-operations-2026-03-02-n1.csv"' in first["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(first.streaming_content).decode())))
    assert rows[0]["total_cost"] == "100000.00"
    second = b"".join(client.get("/publications/2/download.csv").streaming_content).decode()
    assert next(csv.DictReader(io.StringIO(second)))["total_cost"] == "110000.00"
    for fmt in ("csv-semicolon", "json", "xlsx"):
        assert client.get(f"/publications/1/download.{fmt}").status_code == 200
    page = client.get("/publications/").content.decode()
    assert "2026" in page and "/publications/1/" in page
    assert client.get("/publications/99/").status_code == 404
    assert client.get("/publications/99/download.csv").status_code == 404


@pytest.mark.django_db
def test_changes_since_the_previous_publication(client, api, make_op):
    kept = make_op(code="AMIF-VLG-2026-0001")
    changed = make_op(code="AMIF-VLG-2026-0002", total_cost=Decimal("100000.00"))
    removed = make_op(code="AMIF-VLG-2026-0003")
    publication.publish()
    make_op(
        code="AMIF-VLG-2026-0004",
        total_cost=Decimal("40000.00"),
        total_eligible_cost=Decimal("40000.00"),
        eu_contribution=Decimal("30000.00"),
        own_contribution=Decimal("10000.00"),
    )
    Operation.objects.filter(pk=changed.pk).update(total_cost=Decimal("120000.00"), name_nl="Nieuwe naam")
    Operation.objects.filter(pk=removed.pk).update(status="cancelled")
    snapshot = publication.publish()
    changes = publication_selectors.changes(snapshot)
    assert [row.code for row in changes.added] == ["AMIF-VLG-2026-0004"]
    assert [row.code for row in changes.removed] == ["AMIF-VLG-2026-0003"]
    assert [row.code for row in changes.changed] == ["AMIF-VLG-2026-0002"]
    assert kept.code not in [row.code for row in changes.changed]
    assert changes.amount_deltas["total_cost"] == Decimal("40000.00") + Decimal("20000.00") - Decimal("100000.00")
    assert changes.amount_deltas["operations"] == 0
    (row,) = changes.changed
    before = SnapshotRow.objects.get(pk=row.previous_id)
    fields = {key: (old, new) for key, old, new in publication_selectors.field_changes(row, before)}
    assert fields["total_cost"] == ("100000.00", "120000.00")
    assert fields["operation_name"] == ("Samen op weg", "Nieuwe naam")

    page = client.get(f"/publications/{snapshot.number}/?show=changed")
    assert page.status_code == 200 and "AMIF-VLG-2026-0002" in page.content.decode()
    assert client.get(f"/publications/{snapshot.number}/?show=everything").status_code == 400
    assert client.get(f"/publications/{snapshot.number}/?page=abc").status_code == 400
    body = api.get(f"/api/v1/list-of-operations-publications/{snapshot.number}/changes/?show=removed").json()
    assert (body["added"], body["removed"], body["changed"]) == (1, 1, 1)
    assert [r["code"] for r in body["results"]] == ["AMIF-VLG-2026-0003"]
    assert body["deltas"]["total_cost"] == "-40000.00"
    assert api.get(f"/api/v1/list-of-operations-publications/{snapshot.number}/changes/?show=x").status_code == 400


@pytest.mark.django_db
def test_the_first_publication_lists_everything_as_added(make_op):
    make_op()
    changes = publication_selectors.changes(publication.publish())
    assert changes.previous is None and changes.added.count() == 1


@pytest.mark.django_db
def test_officers_are_warned_when_the_last_publication_is_more_than_four_months_old(client, officer, make_op):
    make_op()
    client.force_login(officer)
    with time_machine.travel(dt.datetime(2026, 1, 10, 9, tzinfo=dt.UTC)):
        assert 'id="publication-overdue"' in client.get("/manage/transparency/").content.decode()  # never published
        publication.publish(officer)
    with time_machine.travel(dt.datetime(2026, 5, 10, 9, tzinfo=dt.UTC)):  # four months to the day: still in time
        page = client.get("/manage/transparency/").content.decode()
        assert 'id="publication-ok"' in page and 'id="publication-overdue"' not in page
    with time_machine.travel(dt.datetime(2026, 5, 11, 9, tzinfo=dt.UTC)):
        assert 'id="publication-overdue"' in client.get("/manage/transparency/").content.decode()
        status = publication_selectors.publication_status()
        assert status.overdue and status.due_on == dt.date(2026, 5, 10) and "49(3)" in status.legal_basis


@pytest.mark.django_db
def test_publish_if_due_publishes_only_near_the_deadline(make_op):
    make_op()
    with time_machine.travel(dt.datetime(2026, 1, 10, 9, tzinfo=dt.UTC)):
        assert "Published no. 1" in publish(if_due=True)  # never published: due
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)):
        assert "Not due" in publish(if_due=True)
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)):  # within a week of 10 May
        assert "Published no. 2" in publish(if_due=True)
    assert PublicationSnapshot.objects.count() == 2


@pytest.mark.django_db
def test_officers_publish_from_their_page(client, officer, applicant, make_op):
    make_op()
    client.force_login(officer)
    assert client.post("/manage/transparency/publish/", {"note": "Kwartaal"}).status_code == 302
    assert PublicationSnapshot.objects.get().note == "Kwartaal"


# --- Names of natural persons: two years after their first publication ------------------------------------


def live_name(code: str):
    ctx = selectors.context("nl")
    row = next(
        r for r in selectors.published_rows(selectors.public_operations(), ctx) if r["unique_operation_code"] == code
    )
    return row[NAME], row["beneficiary_name"]


@pytest.mark.django_db
def test_a_natural_persons_name_leaves_the_live_list_two_years_after_first_publication(client, make_op):
    selected = dt.datetime(2026, 3, 15, 10, tzinfo=dt.UTC)
    person = make_op(beneficiary_is_natural_person=True, beneficiary_name="Jan Janssens", selected_at=selected)
    with time_machine.travel(dt.datetime(2028, 3, 14, 12, tzinfo=dt.UTC)):
        assert live_name(person.code) == ("Jan Janssens", None)
        assert "Jan Janssens" in client.get("/list-of-operations/").content.decode()
    with time_machine.travel(dt.datetime(2028, 3, 15, 12, tzinfo=dt.UTC)):
        assert live_name(person.code) == (None, None)
        ctx = selectors.context("nl")
        everything = [
            b"".join(csv_sql.csv_chunks(selectors.public_operations(), ctx)).decode(),
            client.get("/list-of-operations/").content.decode(),
            client.get(f"/list-of-operations/{person.code}/").content.decode(),
            client.get("/api/v1/list-of-operations/").content.decode(),
        ]
        assert not any("Janssens" in text for text in everything)
        # Nor can a filter find the operation by the name (the page repeats the query, so look for the code).
        for query in ("beneficiary=Janssens", "q=Janssens"):
            assert person.code not in client.get(f"/list-of-operations/?{query}").content.decode()


@pytest.mark.django_db
def test_names_are_removed_from_every_snapshot_and_from_the_audit_trail(client, make_op):
    selected = dt.datetime(2026, 3, 15, 10, tzinfo=dt.UTC)
    person = make_op(beneficiary_is_natural_person=True, beneficiary_name="Jan Janssens", selected_at=selected)
    legal = make_op(beneficiary_name="Buurtwerk vzw", selected_at=selected)
    event = audit.record(None, "operation.created", person, data={"beneficiary": "Jan Janssens"})
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)):
        first = publication.publish()
    with time_machine.travel(dt.datetime(2027, 4, 1, 9, tzinfo=dt.UTC)):
        second = publication.publish()
    assert first.rows.get(code=person.code).data[NAME] == "Jan Janssens"
    with time_machine.travel(dt.datetime(2028, 3, 20, 9, tzinfo=dt.UTC)):
        # Even before the removal has run, nobody can download the name any more.
        text = b"".join(client.get("/publications/1/download.csv").streaming_content).decode()
        assert "Janssens" not in text
        output = publish(names_only=True)
        assert "removed from 2 snapshot row(s) and 1 audit event(s)" in output
        assert PublicationSnapshot.objects.count() == 2  # --names-only publishes nothing
        for snapshot in (first, second):
            row = snapshot.rows.get(code=person.code)
            assert row.data[NAME] is None and row.name_removed_at is not None
            assert snapshot.rows.get(code=legal.code).data["beneficiary_name"] == "Buurtwerk vzw"
            snapshot.refresh_from_db()
            assert snapshot.redacted_at is not None
        event.refresh_from_db()
        assert event.data["beneficiary"] != "Jan Janssens"
        assert publication.remove_expired_names().snapshot_rows == 0  # idempotent
    assert all("Janssens" not in str(row.data) for row in SnapshotRow.objects.all())
    verify = io.StringIO()
    call_command("verify_audit", stdout=verify)


@pytest.mark.django_db
def test_a_name_published_less_than_two_years_ago_stays(make_op):
    person = make_op(
        beneficiary_is_natural_person=True,
        beneficiary_name="Jan Janssens",
        selected_at=dt.datetime(2026, 3, 15, 10, tzinfo=dt.UTC),
    )
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, tzinfo=dt.UTC)):
        snapshot = publication.publish()
    with time_machine.travel(dt.datetime(2028, 3, 1, 9, tzinfo=dt.UTC)):
        assert publication.remove_expired_names().snapshot_rows == 0
    assert snapshot.rows.get(code=person.code).data[NAME] == "Jan Janssens"
