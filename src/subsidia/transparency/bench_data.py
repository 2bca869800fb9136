"""Synthetic operations for ``subsidia bench export``: realistic shapes (long Dutch texts, formula-like texts,
natural persons, restricted operations, amounts to the cent), written with ``bulk_create`` into a throwaway
database. Never used outside the benchmark."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from subsidia.applications.constants import ApplicationStatus, LegalForm, OrganisationType
from subsidia.applications.models import Application, Organisation
from subsidia.calls.constants import CallStatus
from subsidia.calls.models import Call
from subsidia.core import clock
from subsidia.core.money import eu_share
from subsidia.programmes.constants import RegionKind
from subsidia.programmes.models import Programme, Region
from subsidia.projects.constants import OperationStatus
from subsidia.projects.models import Operation
from subsidia.reference.models import Fund, ImplementationModality, InterventionField, NutsArea, SpecificObjective

from .constants import RestrictionStatus
from .models import PublicationRestriction

BATCH = 5000
ORGANISATIONS = 2000
_SENTENCE = (
    "buddy nieuwkomers buurt taal werk vrijwilligers jongeren vrouwen sport school gezin onthaal netwerk "
    "integratie Antwerpen Gent Brugge Leuven Hasselt Kortrijk Mechelen Aalst samen traject coaching"
)
WORDS = _SENTENCE.split()
RISKY = ("=SUM(A1:A9)", "+32 470 12 34 56", "-korting", "@team", "\tinspringen")


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _base(user):
    fund = Fund.objects.get(code="AMIF")
    objective = SpecificObjective.objects.get(fund=fund, code="2")
    modality = ImplementationModality.objects.get(code="001")
    now = clock.now()
    programme = Programme.objects.create(cci="2021BE65AMPR999", fund=fund, member_state="BE", created_at=now)
    region = Region.objects.create(
        code="BENCH", kind=RegionKind.REGION, name_nl="Bench", name_fr="Bench", name_en="Bench"
    )
    call = Call.objects.create(
        programme=programme,
        reference="AMIF-BENCH-001",
        title_nl="Benchmark",
        specific_objective=objective,
        region=region,
        implementation_modality=modality,
        budget=Decimal("999999999999.00"),
        cofinancing_rate=Decimal("0.7500"),
        max_grant=Decimal("999999999.00"),
        opens_at=now - dt.timedelta(days=60),
        closes_at=now - dt.timedelta(days=30),
        status=CallStatus.DECIDED,
        published_at=now - dt.timedelta(days=60),
        created_at=now,
        created_by=user,
        updated_at=now,
    )
    return fund, objective, modality, programme, region, call


def _organisations(rng, user, nuts):
    now = clock.now()
    rows = [
        Organisation(
            legal_name=f"{_text(rng, 2)} {n} vzw",
            legal_form=LegalForm.NON_PROFIT,
            organisation_type=OrganisationType.NON_PROFIT,
            other_identifier=f"BENCH-{n}",
            street="Kerkstraat 1",
            postcode=str(1000 + rng.randrange(8999)),
            city=rng.choice(WORDS).capitalize(),
            nuts=rng.choice(nuts),
            created_at=now,
            created_by=user,
        )
        for n in range(ORGANISATIONS)
    ]
    return Organisation.objects.bulk_create(rows, batch_size=BATCH)


def generate(count: int, *, seed: int = 20260101, progress=None) -> int:
    """``count`` supported operations (1 in 200 restricted, 1 in 50 of a natural person)."""
    rng = random.Random(seed)
    user = get_user_model().objects.create(username="bench", is_active=False)
    fund, objective, modality, programme, region, call = _base(user)
    nuts = list(NutsArea.objects.filter(level=3)) or list(NutsArea.objects.all())
    fields = list(InterventionField.objects.filter(objective=objective))
    organisations = _organisations(rng, user, nuts)
    now = clock.now()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        with transaction.atomic():
            plans = [_plan(rng) for _ in range(size)]
            applications = Application.objects.bulk_create(
                [
                    _application(made + i, plan, call, rng.choice(organisations), user, now)
                    for i, plan in enumerate(plans)
                ],
                batch_size=BATCH,
            )
            Operation.objects.bulk_create(
                [
                    _operation(
                        rng, made + i, app, plan, (fund, objective, modality, programme, region, call), fields, now
                    )
                    for i, (app, plan) in enumerate(zip(applications, plans, strict=True))
                ],
                batch_size=BATCH,
            )
        made += size
        if progress:
            progress(made)
    _restrict(user)
    return made


def _plan(rng) -> tuple[Decimal, Decimal, Decimal]:
    """Eligible cost, EU contribution (75 %), other public funding; the rest is the beneficiary's own."""
    eligible = Decimal(rng.randrange(2_000_000, 200_000_000)) / 100
    eu = eu_share(eligible, Decimal("0.7500"))
    other = Decimal(rng.randrange(0, int((eligible - eu) * 100) + 1)) / 100
    return eligible, eu, other


def _application(n, plan, call, organisation, user, now):
    eligible, eu, other = plan
    return Application(
        call=call,
        organisation=organisation,
        reference=f"AMIF-BENCH-001-{n + 1:07d}",
        status=ApplicationStatus.SUBMITTED,
        title="x",
        total_eligible_cost=eligible,
        cofinancing_rate=Decimal("0.7500"),
        eu_grant_requested=eu,
        own_contribution=eligible - eu - other,
        other_public_funding=other,
        declared_on_honour=True,
        declared_no_double_funding=True,
        declared_not_completed=True,
        created_at=now,
        created_by=user,
        updated_at=now,
        submitted_at=now,
    )


def _operation(rng, n, application, plan, base, fields, now):
    fund, objective, modality, programme, region, call = base
    eligible, eu, other = plan
    organisation = application.organisation
    start = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1500))
    name = _text(rng, rng.randrange(3, 9))
    if n % 97 == 0:
        name = rng.choice(RISKY) + " " + name
    return Operation(
        code=f"AMIF-BENCH-{n + 1:07d}",
        programme=programme,
        region=region,
        call=call,
        application=application,
        beneficiary=organisation,
        beneficiary_name=f"{_text(rng, 2)} Persoon" if n % 50 == 7 else organisation.legal_name,
        beneficiary_is_natural_person=n % 50 == 7,
        name=name,
        name_nl=name,
        purpose=_text(rng, rng.randrange(20, 60)),
        start_date=start,
        end_date=start + dt.timedelta(days=rng.randrange(180, 1100)),
        total_cost=eligible + Decimal(rng.randrange(0, 500000)) / 100,
        total_eligible_cost=eligible,
        eu_contribution=eu,
        cofinancing_rate=Decimal("0.7500"),
        own_contribution=eligible - eu - other,
        other_public_funding=other,
        fund=fund,
        specific_objective=objective,
        intervention_field=rng.choice(fields) if fields else None,
        implementation_modality=modality,
        postcode=organisation.postcode if n % 11 else "",
        nuts=organisation.nuts,
        country="BE",
        location_text=organisation.city if n % 11 else "",
        status=OperationStatus.ACTIVE,
        selected_at=now - dt.timedelta(days=rng.randrange(1400)),
        created_at=now,
        updated_at=now,
    )


def _restrict(user):
    other = get_user_model().objects.create(username="bench-approver", is_active=False)
    now = clock.now()
    ids = Operation.objects.filter(code__endswith="00").values_list("pk", flat=True)[::2]
    PublicationRestriction.objects.bulk_create(
        [
            PublicationRestriction(
                operation_id=pk,
                legal_ground="Bench: protection of victims.",
                status=RestrictionStatus.ACTIVE,
                prepared_by=user,
                prepared_at=now,
                decided_by=other,
                decided_at=now,
            )
            for pk in ids
        ],
        batch_size=BATCH,
    )
