"""Sums of money are exact in the database, on SQLite (which adds decimals as floats) and PostgreSQL."""

import random
from decimal import Decimal

import pytest
from django.db.models import Sum

from subsidia.programmes.models import Allocation, Region
from subsidia.programmes.tests.factories import AllocationFactory, ProgrammeVersionFactory


@pytest.mark.django_db
def test_database_sum_of_200000_random_amounts_equals_pythons_decimal_sum():
    rng = random.Random(20211147)
    version = ProgrammeVersionFactory()
    template = AllocationFactory.build(version=version)
    amounts = [Decimal(rng.randrange(0, 10**11)).scaleb(-2) for _ in range(200_000)]
    rows = []
    for i, amount in enumerate(amounts):
        rows.append(
            Allocation(
                version=version,
                specific_objective=template.specific_objective,
                region=template.region,
                implementation_modality=template.implementation_modality,
                year=2000 + i % 100,
                eu_contribution=amount,
                national_contribution=Decimal("0.01"),
                cofinancing_rate=Decimal("1"),
            )
        )
    # The unique cell (objective, region, modality, year) needs distinct regions past 100 rows.
    regions = [
        Region.objects.create(code=f"R{n}", kind="region", name_nl="r", name_fr="r", name_en="r") for n in range(2000)
    ]
    for i, row in enumerate(rows):
        row.region = regions[i // 100]
    Allocation.objects.bulk_create(rows, batch_size=5000)
    total = Allocation.objects.filter(version=version).aggregate(s=Sum("eu_contribution"))["s"]
    assert total == sum(amounts, Decimal("0"))
    assert isinstance(total, Decimal)
