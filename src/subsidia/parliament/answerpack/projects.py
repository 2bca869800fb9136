"""(d) The overview per project with its budget and beneficiary, read through the transparency app's field
map and withholding, so that every row is the row of the published list of operations, to the cent: live, or
as frozen in a publication snapshot."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum, Value
from django.db.models.functions import Coalesce

from subsidia.core import clock
from subsidia.core.fields import MoneyField
from subsidia.core.money import ZERO, parse_amount
from subsidia.programmes.models import Programme, Region
from subsidia.projects import selectors as project_selectors
from subsidia.transparency import fields as field_map
from subsidia.transparency.models import PublicationSnapshot, SnapshotRow
from subsidia.transparency.selectors import operations as published
from subsidia.transparency.selectors import publications
from subsidia.transparency.withholding import name_years

# The per-project sheet's columns: every published field of the list of operations, by its field-map key.
COLUMNS = field_map.PUBLISHED
TOTAL_KEYS = ("total_cost", "total_eligible_cost", "eu_contribution", "own_contribution", "other_public_funding")


@dataclass
class Projects:
    rows: list[dict]
    totals: dict  # operations, and the sums of TOTAL_KEYS
    by_call: dict = field(default_factory=dict)  # call id → {"operations", "total_cost", "eu_contribution"}
    by_objective: dict = field(default_factory=dict)  # objective id → the same
    by_intervention: dict = field(default_factory=dict)  # intervention field id → the same
    snapshot: PublicationSnapshot | None = None

    @property
    def cofinancing(self) -> Decimal:
        """What is not paid by the EU of the eligible cost: the beneficiaries' own and other public funding."""
        return self.totals["own_contribution"] + self.totals["other_public_funding"]

    @property
    def restricted(self) -> int:
        return sum(1 for row in self.rows if row.get("publication_restricted"))


def _money(alias_field):
    return Coalesce(Sum(alias_field), Value(0), output_field=MoneyField())


def _grouped(queryset, key: str, prefix: str = "") -> dict:
    rows = (
        queryset.values(key)
        .annotate(n=Count("pk"), tc=_money(f"{prefix}total_cost"), eu=_money(f"{prefix}eu_contribution"))
        .order_by(key)
    )
    return {r[key]: {"operations": r["n"], "total_cost": r["tc"], "eu_contribution": r["eu"]} for r in rows}


def _scope(programme: Programme, region: Region | None, prefix: str = "") -> dict:
    scope = {f"{prefix}programme_id": programme.pk}
    if region is not None:
        scope[f"{prefix}region_id"] = region.pk
    return scope


def live(programme: Programme, region: Region | None, language: str, today: dt.date) -> Projects:
    operations = published.public_operations().filter(**_scope(programme, region))
    ctx = published.context(language, today)
    rows = list(published.published_rows(operations, ctx, COLUMNS))
    sums = published.totals(operations)
    totals = {"operations": sums["operations"], **{key: sums[key] for key in TOTAL_KEYS}}
    supported = project_selectors.supported_operations().filter(**_scope(programme, region))
    return Projects(
        rows=rows,
        totals=totals,
        by_call=_grouped(supported, "call"),
        by_objective=_grouped(supported, "specific_objective"),
        by_intervention=_grouped(supported, "intervention_field"),
    )


def _typed(row: dict) -> dict:
    """A snapshot row's values as the live rows carry them (amounts and rates as Decimal, dates as dates)."""
    out = {}
    for column in COLUMNS:
        value = row.get(column.key)
        if value not in (None, "") and column.kind == field_map.Kind.MONEY:
            value = parse_amount(value)
        elif value not in (None, "") and column.kind == field_map.Kind.RATE:
            value = Decimal(str(value))
        elif value not in (None, "") and column.kind == field_map.Kind.DATE:
            value = dt.date.fromisoformat(str(value)[:10])
        out[column.key] = value
    return out


def as_published(snapshot: PublicationSnapshot, programme: Programme, region: Region | None) -> Projects:
    """The rows as the snapshot froze them; an operation's programme and region (which never change) place
    it in the question's scope."""
    rows_qs = SnapshotRow.objects.filter(snapshot=snapshot, **_scope(programme, region, "operation__"))
    # As the list of publications shows them today: a restriction confirmed or a name period ended since the
    # publication withholds here too.
    today, years = clock.today(), name_years()
    shown = publications._with_current_restriction(rows_qs.order_by("code"))
    rows = [_typed(publications.as_published(row, today, years)) for row in shown]
    column_sums = rows_qs.aggregate(n=Count("pk"), tc=_money("total_cost"), eu=_money("eu_contribution"))
    totals = {"operations": column_sums["n"], "total_cost": column_sums["tc"], "eu_contribution": column_sums["eu"]}
    # The snapshot keeps only the total cost and the EU contribution as columns; the other amounts live in
    # each row's published data and are added exactly, in Decimal.
    for key in ("total_eligible_cost", "own_contribution", "other_public_funding"):
        totals[key] = sum((row[key] or ZERO for row in rows), ZERO)
    return Projects(
        rows=rows,
        totals=totals,
        by_call=_grouped(rows_qs, "operation__call", ""),
        by_objective=_grouped(rows_qs, "operation__specific_objective", ""),
        by_intervention=_grouped(rows_qs, "operation__intervention_field", ""),
        snapshot=snapshot,
    )
