"""The public list of operations: the rows as published (field map, withholding applied), pages and counts
that stay fast at any size, and the totals (restricted operations count in every total)."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import CharField, F, Max, Value
from django.db.models.functions import Coalesce, NullIf

from subsidia.core import clock
from subsidia.projects import selectors as project_selectors
from subsidia.projects.models import Operation

from .. import fields as field_map
from ..signals import generation
from ..withholding import RESTRICTED, name_cutoff, with_restriction_flag

COUNT_TTL_SECONDS = 300
# A filtered list counts its matches up to this many; beyond, it says "more than" (pages need no count).
COUNT_CAP = 10_000
CHUNK = 2000


def context(language: str | None = None, today: dt.date | None = None) -> field_map.Context:
    return field_map.Context(field_map.language_or_default(language), name_cutoff(today))


def public_operations():
    """Every operation the list of operations shows (supported ones), flagged when a restriction is in force."""
    return with_restriction_flag(project_selectors.supported_operations())


def published_values(queryset, ctx: field_map.Context, fields=None, *extra):
    """``queryset.values()`` of the published fields (by alias) and ``extra`` model fields."""
    return queryset.values(*extra, **field_map.expressions(ctx, fields))


def published_rows(queryset, ctx: field_map.Context, fields=None) -> Iterator[dict]:
    """Rows keyed by the field map's keys, streamed from the database in chunks (memory stays flat)."""
    fields = fields or field_map.PUBLISHED
    values = published_values(queryset.order_by("code"), ctx, fields)
    for row in values.iterator(chunk_size=CHUNK):
        yield field_map.renamed(row, fields)


def published_row(operation: Operation, ctx: field_map.Context) -> dict:
    """One operation as the list publishes it."""
    row = published_values(public_operations().filter(pk=operation.pk), ctx).get()
    return field_map.renamed(row)


def public_operation(code: str) -> Operation | None:
    """A supported operation by its code, with its restriction flag (None when unknown or not published)."""
    return (
        public_operations()
        .select_related("call", "programme", "specific_objective", "fund", "region", "implementation_modality")
        .filter(code=code)
        .first()
    )


# --- Sorting and pages -----------------------------------------------------------------------------------------


def _name_order(ctx):
    return Coalesce(NullIf(F(f"name_{ctx.language}"), Value("")), F("name"), output_field=CharField())


SORTS = {
    "code": lambda ctx: [F("code").asc()],
    "-code": lambda ctx: [F("code").desc()],
    "start_date": lambda ctx: [F("start_date").asc(), F("code").asc()],
    "-start_date": lambda ctx: [F("start_date").desc(), F("code").desc()],
    "end_date": lambda ctx: [F("end_date").asc(), F("code").asc()],
    "-end_date": lambda ctx: [F("end_date").desc(), F("code").desc()],
    "total_cost": lambda ctx: [F("total_cost").asc(), F("code").asc()],
    "-total_cost": lambda ctx: [F("total_cost").desc(), F("code").desc()],
    "eu_contribution": lambda ctx: [F("eu_contribution").asc(), F("code").asc()],
    "-eu_contribution": lambda ctx: [F("eu_contribution").desc(), F("code").desc()],
    "operation_name": lambda ctx: [_name_order(ctx).asc(), F("code").asc()],
    "-operation_name": lambda ctx: [_name_order(ctx).desc(), F("code").desc()],
}
DEFAULT_SORT = "code"


@dataclass
class Page:
    rows: list[dict]
    number: int
    size: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.size + 1 if self.rows else 0

    @property
    def last_index(self) -> int:
        return self.first_index + len(self.rows) - 1 if self.rows else 0


def page(queryset, ctx: field_map.Context, *, number: int = 1, size: int = 50, sort: str = DEFAULT_SORT) -> Page:
    """One page of published rows. It fetches one row more than it shows to know whether a next page exists,
    so paging never needs a count of everything.

    First the page's ids (the sort order's index, the filters, nothing else), then the published values of
    those rows only: a page deep in the list skips rows without joining or computing anything for them."""
    ordered = queryset.order_by(*SORTS[sort](ctx))
    offset = (number - 1) * size
    ids = list(ordered.values_list("pk", flat=True)[offset : offset + size + 1])
    shown = ids[:size]
    values = published_values(public_operations().filter(pk__in=shown), ctx, None, "pk") if shown else []
    by_id = {row["pk"]: row for row in values}
    rows = [field_map.renamed(by_id[pk]) for pk in shown if pk in by_id]
    return Page(rows=rows, number=number, size=size, has_next=len(ids) > size)


@dataclass(frozen=True)
class Count:
    value: int
    exact: bool


def count(queryset, *, filtered: bool) -> Count:
    """How many rows a list has, without counting everything each time: the unfiltered list's count is cached
    (refreshed as soon as an operation or restriction changes in this process, or after five minutes); a
    filtered list counts at most ``COUNT_CAP`` matches."""
    if not filtered:
        newest = Operation.objects.aggregate(newest=Max("pk"))["newest"] or 0
        key = f"transparency:list-count:{generation()}:{newest}"
        value = cache.get(key)
        if value is None:
            value = queryset.count()
            cache.set(key, value, COUNT_TTL_SECONDS)
        return Count(value, True)
    capped = queryset.order_by().values("pk")[: COUNT_CAP + 1].count()
    return Count(min(capped, COUNT_CAP), capped <= COUNT_CAP)


def list_totals(queryset, *, filtered: bool, counted: "Count") -> dict | None:
    """The totals shown with a list. The unfiltered list's are cached like its count (refreshed when an
    operation or restriction changes); a filtered list's are summed when it has at most ``COUNT_CAP`` matches
    (an exact count), otherwise None: the page says so, and the downloads carry every row."""
    if filtered:
        return totals(queryset) if counted.exact else None
    key = f"transparency:list-totals:{generation()}:{counted.value}"
    found = cache.get(key)
    if found is None:
        found = totals(queryset)
        cache.set(key, found, COUNT_TTL_SECONDS)
    return found


def totals(queryset=None) -> dict:
    """Sums over the published operations, restricted ones included (their amounts are public)."""
    queryset = public_operations() if queryset is None else queryset
    return project_selectors.totals(queryset.order_by())


def restricted_flag(row_or_operation) -> bool:
    if isinstance(row_or_operation, dict):
        return bool(row_or_operation.get("publication_restricted"))
    return bool(getattr(row_or_operation, RESTRICTED, False))


def name_cutoff_now() -> dt.datetime:
    return name_cutoff(clock.today())
