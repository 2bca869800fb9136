"""Rows for assessment tests, built directly where a test needs a starting point (the services are tested on
their own): a closed call in assessment, submitted applications, eligibility, assignments and scores."""

import datetime as dt
from decimal import Decimal

from subsidia.applications.constants import ApplicationStatus
from subsidia.applications.tests.factories import ApplicationFactory, OrganisationFactory
from subsidia.calls.constants import CallStatus
from subsidia.calls.models import AwardCriterion, Call, EligibilityCriterion
from subsidia.calls.tests.factories import CallFactory, funded_programme
from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory

from ..constants import AssignmentStatus, Capacity, CheckStatus
from ..models import Assignment, Declaration, EligibilityCheck, Score
from ..selectors.scoring import assessor_total

CRITERIA = [
    # title, max, threshold, weight, tie-break rank
    ("Relevance", "30", "15", "1.000", 1),
    ("Quality", "30", "15", "1.000", None),
    ("Reach", "20", "10", "1.000", 2),
    ("Partnership", "20", "8", "1.000", None),
]


def assessment_call(
    *,
    budget="300000.00",
    criteria=CRITERIA,
    overall_threshold="60.00",
    number_of_assessors=2,
    consolidation="average",
    disagreement_gap="15.00",
    partial_funding_allowed=True,
    tie_break_final="submitted_first",
    min_grant="10000.00",
    max_grant="150000.00",
    status=CallStatus.IN_ASSESSMENT,
    programme=None,
    **extra,
) -> Call:
    """A published call that closed ten days ago, in assessment, with four award criteria (100 points)."""
    closes = clock.now() - dt.timedelta(days=10)
    call = CallFactory(
        programme=programme or funded_programme(eu=Decimal("5000000.00")),
        budget=Decimal(budget),
        max_grant=min(Decimal(max_grant), Decimal(budget)),
        min_grant=Decimal(min_grant),
        opens_at=closes - dt.timedelta(days=60),
        closes_at=closes,
        overall_threshold=None if overall_threshold is None else Decimal(overall_threshold),
        number_of_assessors=number_of_assessors,
        consolidation=consolidation,
        disagreement_gap=None if disagreement_gap is None else Decimal(disagreement_gap),
        partial_funding_allowed=partial_funding_allowed,
        tie_break_final=tie_break_final,
        status=status,
        published_at=closes - dt.timedelta(days=61),
        **extra,
    )
    for position, (title, most, threshold, weight, tie) in enumerate(criteria, start=1):
        AwardCriterion.objects.create(
            call=call,
            position=position,
            title_nl=title,
            title_en=title,
            max_points=Decimal(most),
            threshold=None if threshold is None else Decimal(threshold),
            weight=Decimal(weight),
            tie_break_rank=tie,
        )
    EligibilityCriterion.objects.create(
        call=call, position=1, text_nl="De aanvrager is een rechtspersoon.", text_en="The applicant is a legal person."
    )
    EligibilityCriterion.objects.create(
        call=call,
        position=2,
        text_nl="Het project richt zich op nieuwkomers.",
        text_en="The project targets newcomers.",
    )
    return call


_SEQUENCE = [0]


def submitted(call: Call, *, eu="50000.00", total=None, organisation=None, submitted_at=None, **extra):
    """A submitted application: the co-financing plan adds up, the declarations are made."""
    _SEQUENCE[0] += 1
    n = _SEQUENCE
    eu = Decimal(eu)
    total = Decimal(total) if total is not None else (eu / call.cofinancing_rate).quantize(Decimal("0.01"))
    at = submitted_at or (call.closes_at - dt.timedelta(days=5, minutes=n[0]))
    return ApplicationFactory(
        call=call,
        organisation=organisation or OrganisationFactory(),
        status=ApplicationStatus.SUBMITTED,
        reference=f"{call.reference}-{n[0]:04d}",
        title=extra.pop("title", f"Project {n[0]}"),
        total_eligible_cost=total,
        eu_grant_requested=eu,
        own_contribution=total - eu,
        cofinancing_rate=call.cofinancing_rate,
        declared_on_honour=True,
        declared_no_double_funding=True,
        declared_not_completed=True,
        submitted_at=at,
        start_date=dt.date(clock.today().year + 1, 1, 1),
        end_date=dt.date(clock.today().year + 1, 12, 31),
        **extra,
    )


def eligible(application, officer=None):
    officer = officer or UserFactory(role="programme_officer")
    now = clock.now()
    return EligibilityCheck.objects.create(
        application=application,
        status=CheckStatus.ELIGIBLE,
        started_at=now,
        started_by=officer,
        concluded_at=now,
        concluded_by=officer,
    )


def assessor_user(name=None):
    return UserFactory(role="assessor", **({"username": name} if name else {}))


def assign(application, assessor, *, status=AssignmentStatus.ASSIGNED, lead=False, officer=None):
    now = clock.now()
    if status != AssignmentStatus.ASSIGNED:
        Declaration.objects.get_or_create(
            user=assessor,
            application=application,
            defaults={
                "capacity": Capacity.ASSESSOR,
                "has_conflict": False,
                "statement": "No conflict.",
                "language": "en",
                "declared_at": now,
            },
        )
    return Assignment.objects.create(
        application=application,
        assessor=assessor,
        status=status,
        is_lead=lead,
        assigned_at=now,
        assigned_by=officer or UserFactory(role="programme_officer"),
        accepted_at=now if status != AssignmentStatus.ASSIGNED else None,
    )


def scored(application, assessor, points, *, submit=True, lead=False):
    """An assessor's assignment with ``points`` per criterion (in position order), submitted by default."""
    assignment = assign(application, assessor, status=AssignmentStatus.ACCEPTED, lead=lead)
    now = clock.now()
    for criterion, value in zip(application.call.award_criteria.order_by("position"), points, strict=True):
        Score.objects.create(
            assignment=assignment,
            criterion=criterion,
            points=Decimal(str(value)),
            max_points=criterion.max_points,
            justification=f"Justified {value}",
            final=submit,
            updated_at=now,
        )
    if submit:
        assignment.assessor_total = assessor_total(assignment)
        assignment.status = AssignmentStatus.SUBMITTED
        assignment.submitted_at = now
        assignment.save()
    return assignment
