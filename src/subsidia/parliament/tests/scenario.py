"""A programme with operations in two regions, odd cents, a restricted operation, a natural person, a
cancelled selection and a committee decision: the cases an answer pack must get right to the cent."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from subsidia.applications.tests.factories import ApplicationFactory, CallFactory
from subsidia.calls.tests.factories import approve, complete
from subsidia.consultations.tests.factories import PriorityFactory
from subsidia.core import clock
from subsidia.programmes.tests.factories import AllocationFactory, ProgrammeFactory, RegionFactory
from subsidia.projects.constants import OperationStatus
from subsidia.projects.tests.factories import OperationFactory
from subsidia.reference.models import ImplementationModality
from subsidia.transparency.constants import RestrictionStatus
from subsidia.transparency.models import PublicationRestriction

from .factories import WrittenQuestionFactory

D = Decimal


@dataclass
class Scenario:
    question: object
    programme: object
    call: object
    operations: list  # in the question's region and supported
    restricted: object
    cancelled: object
    elsewhere: object


def operation(call, code, total, eligible, eu, own, other, **extra):
    return OperationFactory(
        application=ApplicationFactory(call=call),
        code=code,
        total_cost=D(total),
        total_eligible_cost=D(eligible),
        eu_contribution=D(eu),
        own_contribution=D(own),
        other_public_funding=D(other),
        cofinancing_rate=D("0.7500"),
        **extra,
    )


def build(officer, approver) -> Scenario:
    flanders = RegionFactory()
    wallonia = RegionFactory(code="WAL", name_nl="Wallonië", name_fr="Wallonie", name_en="Wallonia")
    programme = ProgrammeFactory()
    modality = ImplementationModality.objects.get(code="001")
    for region, year, eu in ((flanders, 2024, "600000.00"), (flanders, 2025, "400000.01"), (wallonia, 2024, "500000")):
        AllocationFactory(
            version=programme.current_version,
            region=region,
            year=year,
            implementation_modality=modality,
            eu_contribution=D(eu),
            national_contribution=(D(eu) / 3).quantize(D("0.01")),
        )
    call = complete(CallFactory(programme=programme, region=flanders, budget=D("900000.00"), options=False))
    priority = PriorityFactory(programme=programme, status="adopted", adopted_on=dt.date(2022, 5, 2))
    call.priorities.add(priority)
    approve(call, officer)
    other_call = CallFactory(programme=programme, region=wallonia, reference="AMIF-WAL-TEST-001")
    ops = [
        operation(call, "AMIF-VLG-2026-0001", "120000.01", "100000.01", "75000.01", "20000.00", "5000.00"),
        operation(call, "AMIF-VLG-2026-0002", "33333.33", "33333.33", "24999.99", "8333.34", "0.00"),
        operation(
            call, "AMIF-VLG-2026-0003", "50000.55", "50000.55", "37500.41", "0.00", "12500.14", location_text="Gent"
        ),
        operation(
            call,
            "AMIF-VLG-2026-0004",
            "9999.99",
            "9999.99",
            "7499.99",
            "2500.00",
            "0.00",
            beneficiary_is_natural_person=True,
            beneficiary_name="Jan Janssens",
        ),
    ]
    PublicationRestriction.objects.create(
        operation=ops[2],
        legal_ground="Opvang van slachtoffers van mensenhandel: de locatie is geheim.",
        status=RestrictionStatus.ACTIVE,
        prepared_by=officer,
        prepared_at=clock.now(),
        decided_by=approver,
        decided_at=clock.now(),
    )
    cancelled = operation(
        call, "AMIF-VLG-2026-0005", "1000.00", "1000.00", "750.00", "250.00", "0.00", status=OperationStatus.CANCELLED
    )
    elsewhere = operation(other_call, "AMIF-WAL-2026-0001", "70000.00", "70000.00", "52500.00", "17500.00", "0.00")
    question = WrittenQuestionFactory(programme=programme, region=flanders)
    return Scenario(question, programme, call, ops, ops[2], cancelled, elsewhere)
