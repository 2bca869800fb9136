"""Read queries over programmes and their budgets. Totals are summed by the database (integer cents)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from subsidia.core.fields import MoneyField
from subsidia.core.money import ZERO, share_pct
from subsidia.core.roles import STAFF_ROLES, has_role
from subsidia.reference.figures import figure
from subsidia.reference.models import SpecificObjective

from .constants import VersionStatus
from .models import Allocation, Programme, ProgrammeVersion, Region

PUBLIC_STATUSES = (VersionStatus.SUBMITTED, VersionStatus.ADOPTED, VersionStatus.SUPERSEDED)


def _money_sum(expression):
    return Coalesce(Sum(expression), Value(0), output_field=MoneyField())


def sums(prefix: str = "") -> dict:
    """``eu_contribution``, ``national_contribution`` and ``total`` as database sums over related allocations
    (``prefix`` leads from the annotated model to the allocations, e.g. ``"current_version__allocations__"``)."""
    return {
        "eu_contribution": _money_sum(f"{prefix}eu_contribution"),
        "national_contribution": _money_sum(f"{prefix}national_contribution"),
        "total": _money_sum(F(f"{prefix}eu_contribution") + F(f"{prefix}national_contribution")),
    }


_ALIASES = {"sum_eu": "eu_contribution", "sum_national": "national_contribution", "sum_total": "total"}


def _allocation_sums() -> dict:
    return dict(zip(_ALIASES, sums().values(), strict=True))


def _renamed(row: dict) -> dict:
    return {_ALIASES.get(key, key): value for key, value in row.items()}


def totals(allocations) -> dict:
    """EU, national and total of a queryset of allocations, summed by the database."""
    return _renamed(allocations.aggregate(**_allocation_sums()))


def grouped_totals(allocations, *fields) -> list[dict]:
    """The same sums grouped by ``fields`` (e.g. ``"specific_objective", "year"``)."""
    return [_renamed(row) for row in allocations.values(*fields).annotate(**_allocation_sums()).order_by(*fields)]


def programmes_visible_to(user):
    """Staff see every programme; everyone else sees those whose version in force was at least submitted."""
    queryset = Programme.objects.select_related("fund", "current_version")
    if has_role(user, *STAFF_ROLES):
        return queryset
    return queryset.filter(current_version__status__in=PUBLIC_STATUSES)


def programmes_with_totals(user):
    return programmes_visible_to(user).annotate(**sums("current_version__allocations__")).order_by("cci")


def versions_visible_to(user, programme: Programme | None = None):
    queryset = ProgrammeVersion.objects.select_related("programme", "programme__fund")
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    if has_role(user, *STAFF_ROLES):
        return queryset
    return queryset.filter(status__in=PUBLIC_STATUSES)


def allocations_visible_to(user):
    queryset = Allocation.objects.select_related(
        "version",
        "version__programme",
        "specific_objective",
        "region",
        "implementation_modality",
        "implementation_modality__cofinancing_rule",
    )
    if has_role(user, *STAFF_ROLES):
        return queryset
    return queryset.filter(version__status__in=PUBLIC_STATUSES)


def version_totals(version: ProgrammeVersion) -> dict:
    return totals(version.allocations.all())


@dataclass
class BudgetTable:
    years: list[int]
    objectives: list[SpecificObjective]
    # cells[(objective_id, year)] = {"eu_contribution", "national_contribution", "total"}
    cells: dict
    by_objective: dict
    by_year: dict
    grand: dict

    def rows(self):
        for objective in self.objectives:
            yield (
                objective,
                [self.cells.get((objective.pk, y), _empty()) for y in self.years],
                self.by_objective[objective.pk],
            )


def _empty():
    return {"eu_contribution": ZERO, "national_contribution": ZERO, "total": ZERO}


def budget_table(version: ProgrammeVersion, *, region: Region | None = None) -> BudgetTable:
    """Objective × year with EU, national and total; every figure a database sum."""
    allocations = version.allocations.all()
    if region is not None:
        allocations = allocations.filter(region=region)
    fund = version.programme.fund
    years = list(range(fund.period_start, fund.period_end + 1))
    cells = {
        (row["specific_objective"], row["year"]): row
        for row in grouped_totals(allocations, "specific_objective", "year")
    }
    by_objective = {row["specific_objective"]: row for row in grouped_totals(allocations, "specific_objective")}
    by_year = {row["year"]: row for row in grouped_totals(allocations, "year")}
    objective_ids = set(by_objective)
    objectives = [o for o in SpecificObjective.objects.filter(fund=fund).order_by("position") if o.pk in objective_ids]
    grand = totals(allocations)
    for objective in objectives:
        by_objective.setdefault(objective.pk, _empty())
    return BudgetTable(
        years=years,
        objectives=objectives,
        cells=cells,
        by_objective=by_objective,
        by_year={y: by_year.get(y, _empty()) for y in years},
        grand=grand,
    )


def totals_by_region(version: ProgrammeVersion) -> list[dict]:
    """Each region's envelope and its share of the programme's EU contribution."""
    rows = grouped_totals(version.allocations.all(), "region")
    regions = Region.objects.in_bulk([r["region"] for r in rows])
    grand = version_totals(version)
    for row in rows:
        row["region"] = regions[row["region"]]
        row["share_pct"] = share_pct(row["eu_contribution"], grand["eu_contribution"])
    return rows


def totals_by_region_and_objective(version: ProgrammeVersion) -> list[dict]:
    rows = grouped_totals(version.allocations.all(), "region", "specific_objective")
    regions = Region.objects.in_bulk({r["region"] for r in rows})
    objectives = SpecificObjective.objects.in_bulk({r["specific_objective"] for r in rows})
    for row in rows:
        row["region"] = regions[row["region"]]
        row["specific_objective"] = objectives[row["specific_objective"]]
    return rows


@dataclass
class BudgetWarning:
    key: str
    message: str
    legal_basis: str
    justification_field: str
    justified: bool


def budget_warnings(version: ProgrammeVersion) -> list[BudgetWarning]:
    """Shares the fund's rules ask to justify in writing (AMIF art. 16(2)-(3) and art. 21(1))."""
    total_eu = version_totals(version)["eu_contribution"]
    if not total_eu:
        return []
    warnings = []
    for code, key, field in (
        ("1", "min_share_so1", "justification_min_share_so1"),
        ("2", "min_share_so2", "justification_min_share_so2"),
    ):
        rule = figure(key)
        share = totals(version.allocations.filter(specific_objective__code=code))["eu_contribution"]
        if share < rule.value * total_eu:
            warnings.append(
                BudgetWarning(
                    key,
                    _(
                        "Specific objective %(code)s receives %(share)s %% of the EU contribution, "
                        "below the minimum of %(min)s %% (%(basis)s)."
                    )
                    % {
                        "code": code,
                        "share": share_pct(share, total_eu),
                        "min": (rule.value * 100).normalize(),
                        "basis": rule.legal_basis,
                    },
                    rule.legal_basis,
                    field,
                    bool(getattr(version, field).strip()),
                )
            )
    rule = figure("max_share_operating_support")
    operating = totals(
        version.allocations.filter(Q(implementation_modality__cofinancing_rule__rule_id="operating_support"))
    )["eu_contribution"]
    if operating > rule.value * total_eu:
        warnings.append(
            BudgetWarning(
                "max_share_operating_support",
                _(
                    "Operating support takes %(share)s %% of the EU contribution, "
                    "above the %(max)s %% the fund allows (%(basis)s)."
                )
                % {
                    "share": share_pct(operating, total_eu),
                    "max": (rule.value * 100).normalize(),
                    "basis": rule.legal_basis,
                },
                rule.legal_basis,
                "justification_operating_support",
                bool(version.justification_operating_support.strip()),
            )
        )
    return warnings


def share_of(part: Decimal, total: Decimal) -> Decimal:
    return share_pct(part, total)
