"""Operation rows built directly (bypassing services) for tests of reading, constraints and visibility; the
creation service is tested on its own."""

import datetime as dt
from decimal import Decimal

import factory

from subsidia.applications.tests.factories import ApplicationFactory
from subsidia.core import clock
from subsidia.reference.models import InterventionField

from ..constants import OperationStatus
from ..models import Operation


class OperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operation
        skip_postgeneration_save = True

    application = factory.SubFactory(ApplicationFactory)
    call = factory.LazyAttribute(lambda o: o.application.call)
    programme = factory.LazyAttribute(lambda o: o.call.programme)
    region = factory.LazyAttribute(lambda o: o.call.region)
    beneficiary = factory.LazyAttribute(lambda o: o.application.organisation)
    beneficiary_name = factory.LazyAttribute(lambda o: o.beneficiary.legal_name)
    code = factory.Sequence(lambda n: f"AMIF-VLG-2026-{n + 1:04d}")
    name = "Samen op weg"
    name_nl = "Samen op weg"
    purpose = "Buddies voor nieuwkomers."
    purpose_nl = "Buddies voor nieuwkomers."
    start_date = dt.date(2026, 1, 1)
    end_date = dt.date(2027, 12, 31)
    total_cost = Decimal("100000.00")
    total_eligible_cost = Decimal("100000.00")
    eu_contribution = Decimal("75000.00")
    cofinancing_rate = Decimal("0.7500")
    own_contribution = Decimal("25000.00")
    other_public_funding = Decimal("0.00")
    fund = factory.LazyAttribute(lambda o: o.programme.fund)
    specific_objective = factory.LazyAttribute(lambda o: o.call.specific_objective)
    intervention_field = factory.LazyAttribute(
        lambda o: InterventionField.objects.filter(objective=o.specific_objective).order_by("code").first()
    )
    implementation_modality = factory.LazyAttribute(lambda o: o.call.implementation_modality)
    postcode = "2000"
    nuts = factory.LazyAttribute(lambda o: o.beneficiary.nuts)
    country = "BE"
    location_text = "Antwerpen"
    status = OperationStatus.ACTIVE
    selected_at = factory.LazyFunction(clock.now)
    created_at = factory.LazyFunction(clock.now)
    updated_at = factory.LazyFunction(clock.now)
