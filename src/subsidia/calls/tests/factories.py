"""Call factories build rows directly (bypassing services) for tests of reading and rules; ``complete`` adds
what a call needs before it can go to the committee."""

import datetime as dt
from decimal import Decimal

import factory

from subsidia.core import approvals, clock
from subsidia.core.tests.factories import UserFactory
from subsidia.programmes.models import Region
from subsidia.programmes.tests.factories import AllocationFactory, ProgrammeFactory, RegionFactory
from subsidia.reference.models import ImplementationModality, NutsArea, SpecificObjective

from ..constants import CostCategory, CostOptionKind, FlatRate
from ..models import AwardCriterion, Call, CostOption, EligibilityCriterion, PlannedCall, RequiredAttachment


def funded_programme(eu=Decimal("1000000.00"), modality="003", years=(2024, 2025)):
    """A programme whose version in force allocates ``eu`` (split over ``years``) to SO2 × VLG × modality."""
    programme = ProgrammeFactory()
    share = (Decimal(eu) / len(years)).quantize(Decimal("0.01"))
    for i, year in enumerate(years):
        part = share if i < len(years) - 1 else Decimal(eu) - share * (len(years) - 1)
        AllocationFactory(
            version=programme.current_version,
            year=year,
            eu_contribution=part,
            national_contribution=(part / 9).quantize(Decimal("0.01")),
            cofinancing_rate=Decimal("0.9000"),
            implementation_modality=ImplementationModality.objects.get(code=modality),
        )
    return programme


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    programme = factory.SubFactory(ProgrammeFactory)
    reference = factory.Sequence(lambda n: f"TEST-CALL-{n:03d}")
    title_nl = "Buddyprojecten voor nieuwkomers"
    title_fr = "Projets de parrainage pour primo-arrivants"
    title_en = "Buddy projects for newcomers"
    summary_nl = "Nieuwkomers koppelen aan een buddy."
    summary_en = "Pair newcomers with a buddy."
    description_nl = "Volledige tekst van de oproep."
    description_en = "Full text of the call."
    eligible_applicants_nl = "Lokale besturen en verenigingen."
    eligible_applicants_en = "Local authorities and associations."
    specific_objective = factory.LazyFunction(lambda: SpecificObjective.objects.get(fund__code="AMIF", code="2"))
    region = factory.SubFactory(RegionFactory)
    implementation_modality = factory.LazyFunction(lambda: ImplementationModality.objects.get(code="003"))
    budget = Decimal("300000.00")
    cofinancing_rate = Decimal("0.9000")
    min_grant = Decimal("10000.00")
    max_grant = Decimal("100000.00")
    opens_at = factory.LazyFunction(lambda: clock.now() + dt.timedelta(days=10))
    closes_at = factory.LazyAttribute(lambda o: o.opens_at + dt.timedelta(days=45))
    created_by = factory.SubFactory(UserFactory)
    created_at = factory.LazyFunction(clock.now)
    updated_at = factory.LazyFunction(clock.now)


def complete(call: Call) -> Call:
    """Criteria, a cost option set and an eligible area: what the committee needs to see."""
    call.eligible_area.set([NutsArea.objects.get(code="BE2")])
    EligibilityCriterion.objects.create(
        call=call,
        position=1,
        text_nl="De aanvrager is een rechtspersoon.",
        text_en="The applicant is a legal person.",
    )
    AwardCriterion.objects.create(
        call=call,
        position=1,
        title_nl="Relevantie",
        title_en="Relevance",
        max_points=Decimal("40"),
        threshold=Decimal("20"),
        tie_break_rank=1,
    )
    AwardCriterion.objects.create(
        call=call,
        position=2,
        title_nl="Kwaliteit",
        title_en="Quality",
        max_points=Decimal("60"),
        threshold=Decimal("30"),
    )
    CostOption.objects.create(call=call, position=1, kind=CostOptionKind.REAL_COSTS, category=CostCategory.STAFF)
    CostOption.objects.create(
        call=call,
        position=2,
        kind=CostOptionKind.FLAT_RATE,
        flat_rate=FlatRate.OTHER_OF_STAFF,
        rate=Decimal("0.4000"),
    )
    RequiredAttachment.objects.create(call=call, position=1, title_nl="Begroting", title_en="Budget")
    call.overall_threshold = Decimal("60")
    call.save(update_fields=["overall_threshold"])
    return call


def approve(call: Call, officer, *, outcome="approved"):
    """Record the committee's decision on the call's pending request (put to the committee first if none), as
    the committee app would."""
    req = approvals.requests_for(call).filter(status="pending").first() or approvals.request_approval(officer, call)
    approvals.record_decision(
        officer,
        req,
        outcome=outcome,
        decision_date=clock.today(),
        reference="MC-TEST-1",
        taken_in="Test meeting",
        votes_for=5,
        conditions="" if outcome != "approved_with_conditions" else "Fix the criteria.",
    )
    return req


class PlannedCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedCall

    programme = factory.SubFactory(ProgrammeFactory)
    title_nl = "Vrijwilligerswerk voor nieuwkomers"
    title_en = "Volunteering for newcomers"
    specific_objective = factory.LazyFunction(lambda: SpecificObjective.objects.get(fund__code="AMIF", code="2"))
    region = factory.SubFactory(RegionFactory)
    indicative_budget = Decimal("500000.00")
    planned_opening = dt.date(2025, 9, 1)
    planned_closing = dt.date(2025, 11, 1)
    created_at = factory.LazyFunction(clock.now)
    updated_at = factory.LazyFunction(clock.now)


def call_data(**overrides):
    opens = clock.now() + dt.timedelta(days=10)
    data = {
        "reference": "T-BUDGET-01",
        "title_nl": "Oproep",
        "specific_objective": SpecificObjective.objects.get(code="2"),
        "region": Region.objects.get(code="VLG"),
        "implementation_modality": ImplementationModality.objects.get(code="003"),
        "budget": Decimal("100000.00"),
        "cofinancing_rate": Decimal("0.90"),
        "min_grant": Decimal("0.00"),
        "max_grant": Decimal("50000.00"),
        "opens_at": opens,
        "closes_at": opens + dt.timedelta(days=30),
        "eligible_area": [NutsArea.objects.get(code="BE2")],
    }
    data.update(overrides)
    return data
