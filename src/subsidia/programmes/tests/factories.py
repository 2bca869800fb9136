"""Programme factories build rows directly (bypassing services) for tests of reading and rules."""

import datetime as dt
from decimal import Decimal

import factory

from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory
from subsidia.reference.models import Fund, ImplementationModality, SpecificObjective

from ..models import Allocation, Programme, ProgrammeVersion, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "VLG"
    kind = "region"
    name_nl = "Vlaanderen"
    name_fr = "Flandre"
    name_en = "Flanders"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    cci = factory.Sequence(lambda n: f"2021BE65AMPR{n + 100:03d}")
    fund = factory.LazyFunction(lambda: Fund.objects.get(code="AMIF"))
    member_state = "BE"
    created_at = factory.LazyFunction(clock.now)

    @factory.post_generation
    def version(self, create, extracted, **kwargs):
        if not create or extracted is False or self.current_version_id:
            return
        version = ProgrammeVersionFactory(programme=self, **kwargs)
        self.current_version = version
        self.save(update_fields=["current_version"])


class ProgrammeVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeVersion

    programme = factory.SubFactory(ProgrammeFactory, version=False)
    number = 1
    title_nl = "Programma AMIF"
    title_fr = "Programme FAMI"
    title_en = "AMIF programme"
    eligibility_start = dt.date(2021, 1, 1)
    eligibility_end = dt.date(2029, 12, 31)
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation

    version = factory.SubFactory(ProgrammeVersionFactory)
    specific_objective = factory.LazyFunction(lambda: SpecificObjective.objects.get(code="2"))
    region = factory.SubFactory(RegionFactory)
    implementation_modality = factory.LazyFunction(lambda: ImplementationModality.objects.get(code="001"))
    year = 2022
    eu_contribution = Decimal("750000.00")
    national_contribution = Decimal("250000.00")
    cofinancing_rate = Decimal("0.7500")
