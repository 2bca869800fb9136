"""Publishing the list of operations as a dated snapshot, and removing natural persons' names two years after
their first publication (CPR art. 49(3)(b)) from every snapshot and from the audit trail's copies.

The live list never waits for these: it applies both rules at every request. A snapshot is the record of what
was published on its date; the removal command keeps the records lawful as time passes.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.canonical import jsonable
from subsidia.core.exceptions import Conflict
from subsidia.core.models import AuditEvent
from subsidia.projects.models import Operation

from .. import fields as field_map
from ..models import PublicationSnapshot, SnapshotRow
from ..selectors import operations as selectors
from ..withholding import first_published_on, name_cutoff, name_years, years_before
from .common import require, row_hash

BATCH = 2000
NAME_KEY = "beneficiary_first_name_surname"
# Leaves of audit events about an operation that hold its beneficiary's name.
NAME_LEAVES = ("data.beneficiary", "after.beneficiary_name", "before.beneficiary_name")


def publish(actor=None, *, note: str = "") -> PublicationSnapshot:
    """Freeze the list as published now. ``actor`` is None for the scheduled task."""
    if actor is not None:
        require(actor, "transparency.publish_list")
    language = settings.SUBSIDIA_OFFICIAL_LANGUAGE
    ctx = selectors.context(language)
    queryset = selectors.public_operations()
    with transaction.atomic():
        number = (PublicationSnapshot.objects.select_for_update().aggregate(n=Max("number"))["n"] or 0) + 1
        sums = selectors.totals(queryset)
        try:
            with transaction.atomic():
                snapshot = PublicationSnapshot.objects.create(
                    number=number,
                    published_at=clock.now(),
                    data_date=clock.today(),
                    published_by=actor if getattr(actor, "is_authenticated", False) else None,
                    language=language,
                    field_keys=field_map.PUBLISHED_KEYS,
                    operations=sums["operations"],
                    total_cost=sums["total_cost"],
                    total_eligible_cost=sums["total_eligible_cost"],
                    eu_contribution=sums["eu_contribution"],
                    note=(note or "").strip()[:2000],
                )
        except IntegrityError as exc:
            raise Conflict(_("Another publication was made at the same moment; try again."), code="busy") from exc
        written = _freeze_rows(snapshot, queryset, ctx)
        audit.record(
            actor,
            "list_of_operations.published",
            snapshot,
            data={
                "number": number,
                "operations": written,
                "total_cost": sums["total_cost"],
                "eu_contribution": sums["eu_contribution"],
            },
        )
    return snapshot


def _freeze_rows(snapshot, queryset, ctx) -> int:
    extra = ("pk", "beneficiary_is_natural_person", "selected_at")
    values = selectors.published_values(queryset.order_by("code"), ctx, None, *extra)
    batch, written = [], 0
    for row in values.iterator(chunk_size=BATCH):
        data = jsonable(field_map.renamed(row))
        batch.append(
            SnapshotRow(
                snapshot=snapshot,
                operation_id=row["pk"],
                code=data["unique_operation_code"],
                data=data,
                row_hash=row_hash(data),
                total_cost=row["lo_total_cost"],
                eu_contribution=row["lo_eu_contribution"],
                natural_person=row["beneficiary_is_natural_person"],
                first_published_on=first_published_on(row["selected_at"]),
                restricted=bool(row["lo_publication_restricted"]),
            )
        )
        if len(batch) >= BATCH:
            SnapshotRow.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    SnapshotRow.objects.bulk_create(batch)
    return written + len(batch)


@dataclass
class RemovalReport:
    removal_before: dt.date
    snapshot_rows: int
    audit_events: int


def removal_date_limit(today: dt.date | None = None) -> dt.date:
    """Names first published on or before this date are removed (two years have passed)."""
    return years_before(today or clock.today(), name_years())


def remove_expired_names(actor=None, *, dry_run: bool = False) -> RemovalReport:
    """Remove natural persons' names whose publication period has ended from every snapshot row, and the
    copies of those names in the audit trail's events about their operations (redacted: the chain still
    verifies). Idempotent; one audit event per run that changed something."""
    if actor is not None:
        require(actor, "transparency.publish_list")
    limit = removal_date_limit()
    rows = SnapshotRow.objects.filter(natural_person=True, name_removed_at__isnull=True, first_published_on__lte=limit)
    operations = Operation.objects.filter(beneficiary_is_natural_person=True, selected_at__lt=name_cutoff())
    if dry_run:
        return RemovalReport(limit, rows.count(), len(_events_to_redact(operations)))
    with transaction.atomic():
        changed_rows = _remove_from_rows(rows)
        events = _events_to_redact(operations)
        for event, keys in events:
            audit.redact(event, keys, actor=actor)
        report = RemovalReport(limit, changed_rows, len(events))
        if changed_rows or events:
            audit.record(
                actor,
                "list_of_operations.names_removed",
                ("transparency.publicationsnapshot", "*"),
                data={
                    "first_published_on_or_before": limit,
                    "snapshot_rows": changed_rows,
                    "audit_events": len(events),
                },
            )
    return report


def _remove_from_rows(rows) -> int:
    now, changed, total = clock.now(), [], 0
    snapshots = set()
    for row in rows.select_for_update().iterator(chunk_size=BATCH):
        data = dict(row.data)
        data[NAME_KEY] = None
        row.data, row.row_hash, row.name_removed_at = data, row_hash(data), now
        changed.append(row)
        snapshots.add(row.snapshot_id)
        if len(changed) >= BATCH:
            SnapshotRow.objects.bulk_update(changed, ["data", "row_hash", "name_removed_at"])
            total += len(changed)
            changed = []
    SnapshotRow.objects.bulk_update(changed, ["data", "row_hash", "name_removed_at"])
    if snapshots:
        PublicationSnapshot.objects.filter(pk__in=snapshots).update(redacted_at=now)
    return total + len(changed)


def _events_to_redact(operations) -> list[tuple[AuditEvent, list[str]]]:
    ids = [str(pk) for pk in operations.values_list("pk", flat=True)]
    found = []
    for start in range(0, len(ids), 500):
        events = AuditEvent.objects.filter(object_type="projects.operation", object_id__in=ids[start : start + 500])
        for event in events.order_by("sequence"):
            keys = [key for key in NAME_LEAVES if key in (event.leaves or {}) and _value(event, key) != audit.REDACTED]
            if keys:
                found.append((event, keys))
    return found


def _value(event: AuditEvent, key: str):
    group, _dot, name = key.partition(".")
    return (getattr(event, group) or {}).get(name)
