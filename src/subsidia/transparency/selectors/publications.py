"""Publication snapshots: which exist, whether the next one is due (CPR art. 49(3): at least every four months),
their rows as published (with the withholding rules applied again on reading), and what changed between two."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Subquery

from subsidia.calls.selectors import add_months
from subsidia.core import clock
from subsidia.reference.figures import figure

from .. import fields as field_map
from ..constants import IN_FORCE
from ..models import PublicationRestriction, PublicationSnapshot, SnapshotRow
from ..withholding import name_visible_on, name_years, years_before

UPDATE_FIGURE = "list_of_operations_update_months"
# ``publish_operations --if-due`` publishes this many days before the deadline, so a daily timer is never late.
DUE_MARGIN_DAYS = 7


def snapshots():
    return PublicationSnapshot.objects.select_related("published_by").order_by("-number")


def snapshot(number: int) -> PublicationSnapshot | None:
    return snapshots().filter(number=number).first()


def previous(snap: PublicationSnapshot) -> PublicationSnapshot | None:
    return snapshots().filter(number__lt=snap.number).first()


@dataclass(frozen=True)
class PublicationStatus:
    last: PublicationSnapshot | None
    interval_months: int
    due_on: dt.date | None
    legal_basis: str

    @property
    def overdue(self) -> bool:
        return self.due_on is None or clock.today() > self.due_on

    @property
    def due_soon(self) -> bool:
        return self.due_on is None or clock.today() >= self.due_on - dt.timedelta(days=DUE_MARGIN_DAYS)


def publication_status() -> PublicationStatus:
    """When the list was last published and by when the next publication is due."""
    rule = figure(UPDATE_FIGURE)
    months = int(rule.value)
    last = snapshots().first()
    due = add_months(last.data_date, months) if last else None
    return PublicationStatus(last, months, due, rule.legal_basis)


def _with_current_restriction(rows):
    return rows.annotate(
        now_restricted=Exists(
            PublicationRestriction.objects.filter(operation=OuterRef("operation"), status__in=IN_FORCE)
        )
    )


def as_published(row: SnapshotRow, today: dt.date | None = None, years: int | None = None) -> dict:
    """The row's data with today's withholding applied, whether or not the removal task has run yet."""
    data = dict(row.data)
    if row.natural_person and not name_visible_on(row.first_published_on, today, years):
        data["beneficiary_first_name_surname"] = None
    if getattr(row, "now_restricted", False) and not data.get("publication_restricted"):
        for key in field_map.WITHHELD_KEYS:
            if key in data:
                data[key] = None
        if "location_or_geolocation_and_country" in data:
            data["location_or_geolocation_and_country"] = data.get("country")
        data["publication_restricted"] = True
    return data


def rows(snap: PublicationSnapshot):
    """The snapshot's rows as published today, streamed in code order."""
    years = name_years()
    today = clock.today()
    queryset = _with_current_restriction(snap.rows.order_by("code"))
    for row in queryset.iterator(chunk_size=2000):
        yield as_published(row, today, years)


# --- What changed between two publications ----------------------------------------------------------------


@dataclass
class Changes:
    current: PublicationSnapshot
    previous: PublicationSnapshot | None
    added: object  # querysets of SnapshotRow, evaluated page by page
    removed: object
    changed: object

    @property
    def amount_deltas(self) -> dict:
        prev = self.previous
        keys = ("total_cost", "total_eligible_cost", "eu_contribution")
        return {key: getattr(self.current, key) - (getattr(prev, key) if prev else 0) for key in keys} | {
            "operations": self.current.operations - (prev.operations if prev else 0)
        }


def changes(snap: PublicationSnapshot, prev: PublicationSnapshot | None = None) -> Changes:
    """Operations added, removed and changed since the previous publication, found by the database (codes and
    row hashes), so it works at any size."""
    prev = prev if prev is not None else previous(snap)
    current_rows = _with_current_restriction(snap.rows.all())
    if prev is None:
        return Changes(
            snap, None, current_rows.order_by("code"), SnapshotRow.objects.none(), SnapshotRow.objects.none()
        )
    before = prev.rows.all()
    same_code = before.filter(code=OuterRef("code"))
    added = current_rows.exclude(code__in=before.values("code")).order_by("code")
    removed = _with_current_restriction(prev.rows.exclude(code__in=snap.rows.values("code"))).order_by("code")
    changed = (
        current_rows.annotate(
            previous_hash=Subquery(same_code.values("row_hash")[:1]),
            previous_id=Subquery(same_code.values("pk")[:1]),
            previous_total_cost=Subquery(same_code.values("total_cost")[:1]),
            previous_eu_contribution=Subquery(same_code.values("eu_contribution")[:1]),
        )
        .filter(previous_hash__isnull=False)
        .exclude(row_hash=F("previous_hash"))
        .order_by("code")
    )
    return Changes(snap, prev, added, removed, changed)


def field_changes(row: SnapshotRow, before: SnapshotRow) -> list[tuple[str, object, object]]:
    """``(key, before, after)`` for every field that differs, as published today."""
    today = clock.today()
    new, old = as_published(row, today), as_published(before, today)
    keys = [key for key in field_map.PUBLISHED_KEYS if key in new or key in old]
    keys += sorted((new.keys() | old.keys()) - set(keys))
    return [(key, old.get(key), new.get(key)) for key in keys if old.get(key) != new.get(key)]


def names_due_before(today: dt.date | None = None) -> dt.date:
    return years_before(today or clock.today(), name_years())
