"""A call taken through the real services up to the point a test needs: eligible applications, assessors
assigned and declared, scores submitted."""

from decimal import Decimal

from subsidia.core.tests.factories import UserFactory

from .. import services
from ..constants import Capacity, ProgrammeCheck
from .factories import assessment_call, submitted


def declare_for(user, application, capacity):
    return services.declare(user, application, capacity=capacity, has_conflict=False)


def check_eligible(officer, application):
    declare_for(officer, application, Capacity.ELIGIBILITY_OFFICER)
    check = services.check_start(officer, application)
    for criterion in application.call.eligibility_criteria.all():
        services.check_answer(officer, check, met=True, criterion=criterion)
    for programme_check in ProgrammeCheck.values:
        services.check_answer(officer, check, met=True, programme_check=programme_check)
    return services.check_conclude(officer, check)


def score_all(assessor, assignment, points, justification="Well argued."):
    criteria = assignment.application.call.award_criteria.order_by("position")
    for criterion, value in zip(criteria, points, strict=True):
        services.score_save(
            assessor, assignment, criterion=criterion, points=Decimal(str(value)), justification=justification
        )
    return services.scores_submit(assessor, assignment)


def assessors(n=2, prefix="assessor"):
    return [UserFactory(username=f"{prefix}{i}", role="assessor") for i in range(1, n + 1)]


def assessed_call(officer, pool, marks, *, eu=None, **call_options):
    """A call whose applications (one per entry of ``marks``: points per criterion, the same for every assessor,
    or a list per assessor) are checked, assigned, declared and scored through the services."""
    call = assessment_call(**call_options)
    applications = []
    for i in range(len(marks)):
        application = submitted(call, eu=(eu[i] if eu else "50000.00"))
        check_eligible(officer, application)
        applications.append(application)
    services.assign_balanced(officer, call)
    for application, per_assessor in zip(applications, marks, strict=True):
        for n, assignment in enumerate(application.assignments.order_by("id")):
            points = per_assessor[n] if isinstance(per_assessor[0], list | tuple) else per_assessor
            declare_for(assignment.assessor, application, Capacity.ASSESSOR)
            assignment.refresh_from_db()
            score_all(assignment.assessor, assignment, points)
    return call, applications
