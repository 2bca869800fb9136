"""Factories for organisations, calls open for applications and applications. Rows are built directly
(bypassing services) where a test needs a starting point; the services are tested on their own."""

import datetime as dt
from decimal import Decimal

import factory

from subsidia.calls.constants import CallStatus, CostCategory, CostOptionKind, FlatRate
from subsidia.calls.models import Call, CostOption, RequiredAttachment
from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory
from subsidia.programmes.tests.factories import ProgrammeFactory, RegionFactory
from subsidia.reference.models import ImplementationModality, NutsArea, SpecificObjective

from ..constants import LegalForm, MemberRole, OrganisationType
from ..models import Application, Membership, Organisation


def enterprise_number(n: int) -> str:
    """A valid made-up enterprise number: 0, seven digits, two check digits (97 - first eight mod 97)."""
    first = f"0{4000000 + n:07d}"
    return first + f"{97 - int(first) % 97:02d}"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    legal_name = factory.Sequence(lambda n: f"Buurtwerk Samen {n} vzw")
    legal_form = LegalForm.NON_PROFIT
    organisation_type = OrganisationType.NON_PROFIT
    enterprise_number = factory.Sequence(enterprise_number)
    street = "Kerkstraat 1"
    postcode = "2000"
    city = "Antwerpen"
    country = "BE"
    nuts = factory.LazyFunction(lambda: NutsArea.objects.get(code="BE21"))
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def signatory(self, create, extracted, **kwargs):
        if create and extracted:
            Membership.objects.create(
                organisation=self,
                user=extracted,
                role=MemberRole.SIGNATORY,
                added_at=clock.now(),
                added_by=extracted,
            )

    @factory.post_generation
    def editor(self, create, extracted, **kwargs):
        if create and extracted:
            Membership.objects.create(
                organisation=self,
                user=extracted,
                role=MemberRole.EDITOR,
                added_at=clock.now(),
                added_by=extracted,
            )


def _programme():
    return ProgrammeFactory()


class CallFactory(factory.django.DjangoModelFactory):
    """A published call, open from yesterday until 30 days from now (by the clock at creation)."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    programme = factory.LazyFunction(_programme)
    reference = factory.Sequence(lambda n: f"AMIF-VLG-TEST-{n:03d}")
    title_nl = "Buddyprojecten voor nieuwkomers"
    title_fr = "Projets de parrainage pour primo-arrivants"
    title_en = "Buddy projects for newcomers"
    specific_objective = factory.LazyFunction(lambda: SpecificObjective.objects.get(code="2"))
    region = factory.SubFactory(RegionFactory)
    implementation_modality = factory.LazyFunction(lambda: ImplementationModality.objects.get(code="001"))
    budget = Decimal("2000000.00")
    cofinancing_rate = Decimal("0.7500")
    min_grant = Decimal("25000.00")
    max_grant = Decimal("400000.00")
    opens_at = factory.LazyFunction(lambda: clock.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: clock.now() + dt.timedelta(days=30))
    status = CallStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: clock.now() - dt.timedelta(days=1))
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)
    updated_at = factory.LazyFunction(clock.now)
    draft_budget_allowed = True

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        """Real costs per direct category, a unit cost, a lump sum, the flat rates of art. 54(a) and 56."""
        if not create or extracted is False:
            return
        position = 0
        for category in CostCategory.values:
            if category == CostCategory.INDIRECT:
                continue
            position += 1
            CostOption.objects.create(call=self, position=position, kind=CostOptionKind.REAL_COSTS, category=category)
        CostOption.objects.create(
            call=self,
            position=20,
            kind=CostOptionKind.UNIT_COST,
            category=CostCategory.STAFF,
            title_nl="Uur begeleiding",
            title_en="Hour of coaching",
            unit_en="hour",
            amount=Decimal("48.50"),
        )
        CostOption.objects.create(
            call=self,
            position=21,
            kind=CostOptionKind.LUMP_SUM,
            category=CostCategory.OTHER_DIRECT,
            title_nl="Buddytraject",
            title_en="Buddy pathway",
            unit_en="pathway",
            amount=Decimal("1250.00"),
        )
        CostOption.objects.create(
            call=self,
            position=30,
            kind=CostOptionKind.FLAT_RATE,
            flat_rate=FlatRate.INDIRECT_OF_DIRECT,
            rate=Decimal("0.07"),
        )
        CostOption.objects.create(
            call=self,
            position=31,
            kind=CostOptionKind.FLAT_RATE,
            flat_rate=FlatRate.OTHER_OF_STAFF,
            rate=Decimal("0.40"),
        )
        RequiredAttachment.objects.create(
            call=self, position=1, title_nl="Statuten", title_en="Statutes", file_types="pdf"
        )
        RequiredAttachment.objects.create(
            call=self,
            position=2,
            title_nl="Steunbrief",
            title_en="Letter of support",
            file_types="pdf,docx,odt",
            is_mandatory=False,
        )


def option(call, kind, category=None):
    queryset = call.cost_options.filter(kind=kind)
    if category:
        queryset = queryset.filter(category=category)
    return queryset.first()


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = "Samen op weg"
    cofinancing_rate = factory.LazyAttribute(lambda a: a.call.cofinancing_rate)
    created_at = factory.LazyFunction(clock.now)
    created_by = factory.SubFactory(UserFactory)
    updated_at = factory.LazyFunction(clock.now)


PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_upload(name="statuten.pdf", content=PDF_BYTES):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


def complete_draft(user, call=None, organisation=None, *, staff_amount="60000.00", year=None):
    """A draft filled in through the services, ready to submit: the path every applicant walks."""
    from subsidia.reference.models import Indicator

    from .. import services

    call = call or CallFactory()
    organisation = organisation or OrganisationFactory(signatory=user)
    application = services.application_create(user, organisation=organisation, call=call, title="Samen op weg")
    today = clock.today()
    start = dt.date(today.year + 1, 1, 1)
    end = dt.date(today.year + 1, 12, 31)
    services.application_update(
        user,
        application,
        summary="Buddies voor nieuwkomers in Antwerpen.",
        objectives="Sociale netwerken.",
        start_date=start,
        end_date=end,
    )
    services.part_add(user, application, "activity", title="Matching", start_date=start, end_date=end)
    services.part_add(user, application, "target_group", name="Nieuwkomers", expected_people=120)
    services.part_add(user, application, "location", postcode="2000", municipality="Antwerpen")
    indicator = Indicator.objects.get(code="O.2.3")
    services.part_add(
        user,
        application,
        "indicator_target",
        indicator=indicator,
        target=120,
        age_under_18=10,
        age_18_60=100,
        age_over_60=10,
        women=60,
        men=55,
        non_binary=5,
    )
    # Staff costs as real costs plus 40 % for all other costs (CPR art. 56): simplified, whatever the total.
    services.flat_rates_set(user, application, keys=[FlatRate.OTHER_OF_STAFF])
    services.budget_line_add(
        user,
        application,
        year=year or start.year,
        call_option=option(call, "real_costs", "staff"),
        description="Projectcoördinator",
        amount=staff_amount,
    )
    application.refresh_from_db()
    services.cofinancing_balance(user, application)
    requirement = call.required_attachments.filter(is_mandatory=True).first()
    if requirement:
        services.attachment_add(user, application, upload=pdf_upload(), requirement=requirement)
    services.application_declare(user, application, on_honour=True, no_double_funding=True, not_completed=True)
    application.refresh_from_db()
    return application
