"""Demo: Belgium's AMIF 2021-2027 programme, adopted, with allocations per objective, region and year.

The figures are made up (the programme is flagged as demo data) but of a plausible size: Belgium's AMIF
envelope was estimated at about EUR 233 million in 2021. Flanders' integration envelope sits under specific
objective 2, mostly as Annex IV integration measures by local authorities and civil society (90 %).
"""

import datetime as dt
from decimal import ROUND_UP, Decimal

from subsidia.core.demo import demo_user
from subsidia.reference.models import Fund, ImplementationModality, NutsArea, SpecificObjective

from . import services
from .models import Allocation, Programme, Region

CCI = "2021BE65AMPR001"
REGIONS = [
    # code, kind, nl, fr, en, NUTS
    ("FED", "federal", "Federale overheid", "Autorité fédérale", "Federal government", "BE"),
    ("VLG", "region", "Vlaanderen", "Flandre", "Flanders", "BE2"),
    ("WAL", "region", "Wallonië", "Wallonie", "Wallonia", "BE3"),
    (
        "BRU",
        "community",
        "Brussel (gemeenschapscommissies)",
        "Bruxelles (commissions communautaires)",
        "Brussels (community commissions)",
        "BE1",
    ),
]
# EU contribution over 2021-2027, per objective, region, modality and co-financing rate.
ENVELOPES = [
    ("1", "FED", "001", Decimal("0.75"), Decimal("70000000.00")),
    ("1", "FED", "004", Decimal("0.90"), Decimal("20000000.00")),
    ("2", "VLG", "003", Decimal("0.90"), Decimal("30000000.00")),
    ("2", "VLG", "001", Decimal("0.75"), Decimal("8000000.00")),
    ("2", "WAL", "003", Decimal("0.90"), Decimal("20000000.00")),
    ("2", "BRU", "003", Decimal("0.90"), Decimal("9000000.00")),
    ("2", "FED", "001", Decimal("0.75"), Decimal("6000000.00")),
    ("3", "FED", "001", Decimal("0.75"), Decimal("42000000.00")),
    ("3", "FED", "003", Decimal("0.90"), Decimal("10000000.00")),
    ("4", "FED", "001", Decimal("0.75"), Decimal("6000000.00")),
    ("TA", "FED", "001", Decimal("0.75"), Decimal("12000000.00")),
]


def national_for(eu: Decimal, rate: Decimal) -> Decimal:
    """The smallest national contribution (to the cent) that keeps EU ÷ total within ``rate``."""
    if rate >= 1:
        return Decimal("0.00")
    return (eu * (1 - rate) / rate).quantize(Decimal("0.01"), rounding=ROUND_UP)


def yearly(amount: Decimal, years: list[int]) -> list[tuple[int, Decimal]]:
    share = (amount / len(years)).quantize(Decimal("0.01"))
    parts = [(y, share) for y in years[:-1]]
    parts.append((years[-1], amount - share * (len(years) - 1)))
    return parts


def load(out) -> None:
    officer, approver = demo_user("officer"), demo_user("approver")
    for code, kind, nl, fr, en, nuts in REGIONS:
        if not Region.objects.filter(code=code).exists():
            services.region_upsert(
                officer, code=code, kind=kind, name_nl=nl, name_fr=fr, name_en=en, nuts=NutsArea.objects.get(code=nuts)
            )
    if Programme.objects.filter(cci=CCI).exists():
        out(f"programme {CCI}: already there")
        return
    fund = Fund.objects.get(code="AMIF")
    programme = services.programme_create(
        officer,
        cci=CCI,
        fund=fund,
        member_state="BE",
        title_nl="Nationaal programma AMIF 2021-2027 België",
        title_fr="Programme national FAMI 2021-2027 Belgique",
        title_en="AMIF national programme 2021-2027 Belgium",
    )
    Programme.objects.filter(pk=programme.pk).update(is_demo=True)
    version = programme.current_version
    years = list(range(fund.period_start, fund.period_end + 1))
    for so, region, modality, rate, eu_total in ENVELOPES:
        objective = SpecificObjective.objects.get(fund=fund, code=so)
        region_obj = Region.objects.get(code=region)
        modality_obj = ImplementationModality.objects.get(code=modality)
        for year, eu in yearly(eu_total, years):
            services.allocation_create(
                officer,
                version,
                specific_objective=objective,
                region=region_obj,
                implementation_modality=modality_obj,
                year=year,
                eu_contribution=eu,
                national_contribution=national_for(eu, rate),
            )
    services.version_submit_to_commission(officer, version, submitted_on=dt.date(2022, 7, 14))
    services.version_adopt(approver, version, decision_number="C(2022) 9100 (demo)", decision_date=dt.date(2022, 12, 5))
    count = Allocation.objects.filter(version=version).count()
    out(f"programme {CCI}: adopted, {count} allocations")
