"""(a) The programme's envelope for the region: EU, national and total per objective and year, and the
programme's status with the Commission (adopted with its decision, awaiting approval, amended)."""

from dataclasses import dataclass
from decimal import Decimal

from subsidia.core.money import ZERO, share_pct
from subsidia.programmes.constants import VersionStatus
from subsidia.programmes.models import Allocation, Programme, ProgrammeVersion, Region
from subsidia.programmes.selectors import grouped_totals, totals
from subsidia.reference.models import SpecificObjective

from .moment import Moment


def _empty() -> dict:
    return {"eu_contribution": ZERO, "national_contribution": ZERO, "total": ZERO}


@dataclass
class EnvelopeRow:
    objective: SpecificObjective
    cells: list[dict]  # one per year
    total: dict


@dataclass
class Envelope:
    programme: Programme
    version: ProgrammeVersion | None
    versions: list[ProgrammeVersion]
    region: Region | None
    years: list[int]
    rows: list[EnvelopeRow]
    by_year: list[dict]
    total: dict
    programme_total: dict

    @property
    def status(self) -> str:
        return self.programme.status

    @property
    def status_label(self) -> str:
        return str(self.programme.get_status_display())

    @property
    def is_final(self) -> bool:
        """The Commission adopted the version in force: the figures are official."""
        return self.version is not None and self.version.status in (VersionStatus.ADOPTED, VersionStatus.SUPERSEDED)

    @property
    def awaiting_commission(self) -> bool:
        return self.version is not None and self.version.status == VersionStatus.SUBMITTED

    @property
    def share_of_programme(self) -> Decimal:
        return share_pct(self.total["eu_contribution"], self.programme_total["eu_contribution"])

    @property
    def amendments(self) -> list[ProgrammeVersion]:
        return [v for v in self.versions if v.number > 1]


def _version_in_force(programme: Programme, moment: Moment) -> ProgrammeVersion | None:
    if moment.live:
        return programme.current_version
    then = moment.one(Programme, programme.pk)
    if then is None or then.current_version_id is None:
        return None
    return moment.one(ProgrammeVersion, then.current_version_id)


def envelope(programme: Programme, region: Region | None, moment: Moment) -> Envelope:
    version = _version_in_force(programme, moment)
    # The programme's status follows its version in force at the moment (draft, submitted, adopted, amended).
    programme.current_version = version
    versions = list(moment.rows(ProgrammeVersion).filter(programme_id=programme.pk).order_by("number"))
    allocations = moment.rows(Allocation).filter(version_id=version.pk if version else None)
    programme_total = totals(allocations)
    if region is not None:
        allocations = allocations.filter(region_id=region.pk)
    fund = programme.fund
    years = list(range(fund.period_start, fund.period_end + 1))
    cells = {(r["specific_objective"], r["year"]): r for r in grouped_totals(allocations, "specific_objective", "year")}
    by_objective = {r["specific_objective"]: r for r in grouped_totals(allocations, "specific_objective")}
    by_year = {r["year"]: r for r in grouped_totals(allocations, "year")}
    objectives = SpecificObjective.objects.filter(fund=fund, pk__in=list(by_objective)).order_by("position")
    rows = [EnvelopeRow(o, [cells.get((o.pk, y), _empty()) for y in years], by_objective[o.pk]) for o in objectives]
    return Envelope(
        programme=programme,
        version=version,
        versions=versions,
        region=region,
        years=years,
        rows=rows,
        by_year=[by_year.get(y, _empty()) for y in years],
        total=totals(allocations),
        programme_total=programme_total,
    )
