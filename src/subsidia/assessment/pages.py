"""Read helpers for the assessment pages (what the selectors do not answer): lists for officers, the checklist
of one application, an assessor's score sheet, and an applicant's own results. Nothing here changes state."""

import json
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from subsidia.applications.constants import ApplicationStatus
from subsidia.applications.models import Application, Membership
from subsidia.calls.constants import CallStatus
from subsidia.calls.models import Call
from subsidia.core.roles import ASSESSOR, AUDITOR, AUTHORISING_OFFICER, PROGRAMME_OFFICER, has_role

from .constants import ACTIVE_ASSIGNMENT, AssignmentStatus, ComplaintStatus, DecisionStatus, ProgrammeCheck
from .models import (
    Assignment,
    CheckAnswer,
    Complaint,
    DecisionLetter,
    Declaration,
    EligibilityCheck,
    Score,
    SelectionDecision,
    SelectionLine,
)

STAFF = (PROGRAMME_OFFICER, AUTHORISING_OFFICER, AUDITOR)
DECIDERS = (PROGRAMME_OFFICER, AUTHORISING_OFFICER)


def is_staff(user) -> bool:
    return has_role(user, *STAFF)


def is_officer(user) -> bool:
    return has_role(user, PROGRAMME_OFFICER)


def is_authorising_officer(user) -> bool:
    return has_role(user, AUTHORISING_OFFICER)


def is_assessor(user) -> bool:
    return has_role(user, ASSESSOR)


def int_or_404(value) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        raise Http404 from None
    if number <= 0 or number > 2**31:
        raise Http404
    return number


# --- Officers ----------------------------------------------------------------------------------------------


def calls_in_assessment():
    """Calls that received applications: closed (published past the deadline), in assessment or decided."""
    submitted = Q(applications__status=ApplicationStatus.SUBMITTED)
    return (
        Call.objects.filter(status__in=[CallStatus.PUBLISHED, CallStatus.IN_ASSESSMENT, CallStatus.DECIDED])
        .annotate(
            submitted_count=Count("applications", filter=submitted, distinct=True),
            eligible_count=Count(
                "applications", filter=submitted & Q(applications__eligibility_check__status="eligible"), distinct=True
            ),
        )
        .filter(submitted_count__gt=0)
        .order_by("-closes_at", "reference")
    )


def applications_of(call: Call):
    """The call's submitted applications with their eligibility check and how many assessors work on them."""
    active = Q(assignments__status__in=ACTIVE_ASSIGNMENT)
    return (
        Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)
        .select_related("organisation", "eligibility_check")
        .annotate(
            assessors=Count("assignments", filter=active, distinct=True),
            assessments_done=Count(
                "assignments", filter=Q(assignments__status=AssignmentStatus.SUBMITTED), distinct=True
            ),
        )
        .order_by("submitted_at", "id")
    )


def check_of(application: Application) -> EligibilityCheck | None:
    return (
        EligibilityCheck.objects.filter(application=application)
        .select_related("started_by", "concluded_by", "confirmed_by")
        .first()
    )


@dataclass
class ChecklistRow:
    key: str  # "c<criterion id>" or "p<programme check>"
    text: str
    basis: str
    criterion: object
    programme_check: str
    answer: CheckAnswer | None


def checklist(application: Application, check: EligibilityCheck | None) -> list[ChecklistRow]:
    """The call's eligibility criteria, then the programme-level checks, each with its answer so far."""
    from .constants import PROGRAMME_CHECK_BASIS

    answers = list(check.answers.all()) if check else []
    by_criterion = {a.criterion_id: a for a in answers if a.criterion_id}
    by_programme = {a.programme_check: a for a in answers if a.programme_check}
    rows = [
        ChecklistRow(f"c{c.pk}", c.text, "", c, "", by_criterion.get(c.pk))
        for c in application.call.eligibility_criteria.order_by("position", "id")
    ]
    rows += [
        ChecklistRow(f"p{p.value}", str(p.label), PROGRAMME_CHECK_BASIS.get(p, ""), None, p.value, by_programme.get(p))
        for p in ProgrammeCheck
    ]
    return rows


def assignments_of(call: Call):
    return (
        Assignment.objects.filter(application__call=call)
        .select_related("application", "assessor")
        .order_by("application__submitted_at", "application_id", "assigned_at", "id")
    )


def decisions_of(call: Call):
    return SelectionDecision.objects.filter(call=call).select_related("prepared_by", "approved_by").order_by("-number")


def open_decision(call: Call) -> SelectionDecision | None:
    return SelectionDecision.objects.filter(call=call, status=DecisionStatus.PREPARED).first()


def declined_lines(call: Call):
    return SelectionLine.objects.filter(decision__call=call, declined_at__isnull=False)


def decision_lines(decision: SelectionDecision):
    return decision.lines.select_related("application", "application__organisation").order_by("rank")


def complaints_of(call: Call):
    return (
        Complaint.objects.filter(application__call=call)
        .select_related("application", "handler", "registered_by", "answered_by")
        .order_by("-received_at", "-id")
    )


def open_complaints_count(call: Call) -> int:
    return complaints_of(call).filter(status__in=[ComplaintStatus.REGISTERED, ComplaintStatus.IN_HANDLING]).count()


# --- Assessors ---------------------------------------------------------------------------------------------


def my_assignments(user):
    return (
        Assignment.objects.filter(assessor=user)
        .select_related("application", "application__call", "application__organisation")
        .order_by("status", "application__call__reference", "application__reference")
    )


def declaration_of(user, application) -> Declaration | None:
    return Declaration.objects.filter(user=user, application=application).first()


@dataclass
class ScoreRow:
    criterion: object
    score: Score | None


def score_sheet(assignment: Assignment) -> list[ScoreRow]:
    scores = {s.criterion_id: s for s in assignment.scores.all()}
    return [
        ScoreRow(c, scores.get(c.pk)) for c in assignment.application.call.award_criteria.order_by("position", "id")
    ]


# --- Applicants --------------------------------------------------------------------------------------------


def member_of_applicant(user, application: Application) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, organisation_id=application.organisation_id).exists()


def own_applications_with_results(user):
    """The user's organisations' applications that have a notified letter (the results are public to them)."""
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    member = Exists(Membership.objects.filter(organisation=OuterRef("organisation"), user=user))
    lettered = Exists(DecisionLetter.objects.filter(application=OuterRef("pk")))
    return (
        Application.objects.filter(member, lettered)
        .select_related("call", "organisation")
        .order_by("-submitted_at", "reference")
    )


def letters_of(application: Application):
    return DecisionLetter.objects.filter(application=application).order_by("-issued_at", "reference")


def approved_line(application: Application) -> SelectionLine | None:
    """The line of the latest approved decision that ranked the application (its scores, as decided)."""
    return (
        SelectionLine.objects.filter(application=application, decision__status=DecisionStatus.APPROVED)
        .select_related("decision")
        .order_by("-decision__approved_at", "-id")
        .first()
    )


def letter_content(letter: DecisionLetter) -> dict:
    try:
        content = json.loads(letter.content)
    except (TypeError, ValueError):
        return {}
    return content if isinstance(content, dict) else {}
