"""The programme overview for the public: what is allocated per specific objective and region (the version in
force) against what is committed to operations — and, once the finance app records payments, what is paid."""

from dataclasses import dataclass

from subsidia.core.money import ZERO, share_pct
from subsidia.programmes import selectors as programme_selectors
from subsidia.programmes.models import Programme, Region
from subsidia.projects import selectors as project_selectors
from subsidia.reference.models import SpecificObjective

from . import operations as list_selectors


def public_programmes():
    return programme_selectors.programmes_visible_to(None).order_by("cci")


def paid(programme: Programme, *fields) -> dict | None:
    """Payments per group of ``fields`` — the seam for the finance app. It returns None until that app records
    payments; the overview then shows "not yet recorded" instead of a figure."""
    try:
        from subsidia.finance import selectors as finance_selectors
    except ImportError:
        return None
    provider = getattr(finance_selectors, "paid_by", None)
    return provider(programme, *fields) if provider else None


@dataclass
class Line:
    label: str
    code: str
    allocated_eu: object
    allocated_total: object
    committed_eu: object
    committed_total_cost: object
    operations: int
    paid_eu: object = None

    @property
    def committed_share(self):
        return share_pct(self.committed_eu, self.allocated_eu)


@dataclass
class Overview:
    programme: Programme
    by_objective: list[Line]
    by_region: list[Line]
    by_objective_and_region: list[Line]
    total: Line
    finance_recorded: bool


def _line(label, code, allocated, committed, paid_rows=None, key=None):
    return Line(
        label=label,
        code=code,
        allocated_eu=allocated.get("eu_contribution", ZERO),
        allocated_total=allocated.get("total", ZERO),
        committed_eu=committed.get("eu_contribution", ZERO),
        committed_total_cost=committed.get("total_cost", ZERO),
        operations=committed.get("operations", 0),
        paid_eu=(paid_rows or {}).get(key) if paid_rows is not None else None,
    )


def overview(programme: Programme) -> Overview:
    """Every figure is a database sum: allocations of the version in force, EU contribution of the supported
    operations (restricted ones included: their amounts are public)."""
    allocations = programme.current_version.allocations.all() if programme.current_version_id else None
    operations = list_selectors.public_operations().filter(programme=programme).order_by()
    objectives = {o.pk: o for o in SpecificObjective.objects.filter(fund=programme.fund)}
    regions = Region.objects.in_bulk()

    def grouped_allocations(*fields):
        if allocations is None:
            return {}
        return {tuple(r[f] for f in fields): r for r in programme_selectors.grouped_totals(allocations, *fields)}

    def grouped_committed(*fields):
        return {tuple(r[f] for f in fields): r for r in project_selectors.grouped_totals(operations, *fields)}

    def lines(fields, label):
        allocated, committed = grouped_allocations(*fields), grouped_committed(*fields)
        paid_rows = paid(programme, *fields)
        keys = sorted(allocated.keys() | committed.keys(), key=lambda k: [str(x) for x in k])
        return [_line(*label(key), allocated.get(key, {}), committed.get(key, {}), paid_rows, key) for key in keys]

    def objective_label(key):
        objective = objectives.get(key[0])
        return (objective.label if objective else "?", objective.code if objective else "")

    def region_label(key):
        region = regions.get(key[0])
        return (region.name if region else "?", region.code if region else "")

    def both_label(key):
        objective, region = objectives.get(key[0]), regions.get(key[1])
        return (f"{objective.label if objective else '?'} · {region.name if region else '?'}", "")

    position = {o.code: o.position for o in objectives.values()}
    by_objective = sorted(lines(("specific_objective",), objective_label), key=lambda line: position.get(line.code, 99))
    allocated_total = programme_selectors.totals(allocations) if allocations is not None else {}
    total_paid = paid(programme)
    total = _line("", "", allocated_total, project_selectors.totals(operations), total_paid, ())
    return Overview(
        programme=programme,
        by_objective=by_objective,
        by_region=lines(("region",), region_label),
        by_objective_and_region=lines(("specific_objective", "region"), both_label),
        total=total,
        finance_recorded=total_paid is not None,
    )
