"""Conflict-of-interest declarations and assessor assignments.

Before seeing an application, whoever decides on it declares, for that application, whether they have a conflict
of interest. A declared conflict removes an assessor's assignment (and another assessor takes it over when the
pool allows); a member of the applicant organisation is never assigned to its applications.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.applications.models import Membership
from subsidia.calls.constants import ConsolidationMethod
from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, PermissionDenied, RuleViolation
from subsidia.core.roles import ASSESSOR, AUTHORISING_OFFICER, PROGRAMME_OFFICER, has_role

from ..constants import ACTIVE_ASSIGNMENT, AssignmentStatus, Capacity, CheckStatus
from ..models import Assignment, Declaration
from ..rules import declared_conflict, member_of_applicant
from .common import fail_if, locked, refuse_if_frozen, require, text

ASSIGNMENT_FIELDS = ("status", "assessor_id", "is_lead", "accepted_at", "removed_at", "removal_reason")
CAPACITY_ROLE = {
    Capacity.ASSESSOR: ASSESSOR,
    Capacity.ELIGIBILITY_OFFICER: PROGRAMME_OFFICER,
    Capacity.AUTHORISING_OFFICER: AUTHORISING_OFFICER,
}


def statement(application, has_conflict: bool, reason: str) -> str:
    """The text the person declares, in the language they read it in."""
    if has_conflict:
        return _(
            "I declare that I have a conflict of interest for application %(ref)s (%(title)s): %(reason)s. I take no "
            "further part in its assessment or selection."
        ) % {"ref": application.reference, "title": application.title, "reason": reason}
    return _(
        "I declare that I have no conflict of interest for application %(ref)s (%(title)s): no family, emotional, "
        "political, national, economic or other personal interest (Financial Regulation art. 61) and no link "
        "with the applicant organisation. I will declare at once any conflict that arises."
    ) % {"ref": application.reference, "title": application.title}


def _active(application, assessor):
    return (
        Assignment.objects.select_for_update()
        .filter(application=application, assessor=assessor, status__in=ACTIVE_ASSIGNMENT)
        .first()
    )


def declare(user, application, *, capacity, has_conflict, conflict_reason="") -> Declaration:
    """Record the declaration. An assessor's no-conflict declaration accepts the assignment; a conflict removes
    it (and hands it to another assessor of the pool when one is free)."""
    errors = {}
    if capacity not in Capacity.values:
        errors["capacity"] = _("Unknown capacity.")
    if not isinstance(has_conflict, bool):
        errors["has_conflict"] = _("Answer yes or no.")
    reason = text(conflict_reason, "conflict_reason", errors, required=bool(has_conflict), max_length=2000)
    fail_if(errors)
    require(user, "assessment.declare")
    if not has_role(user, CAPACITY_ROLE[capacity]):
        raise PermissionDenied(_("Your role does not allow you to declare in this capacity."))
    with transaction.atomic():
        existing = Declaration.objects.select_for_update().filter(user=user, application=application).first()
        if existing is not None and existing.has_conflict:
            raise Conflict(_("You already declared a conflict of interest for this application."), code="conflict")
        assignment = _active(application, user) if capacity == Capacity.ASSESSOR else None
        if capacity == Capacity.ASSESSOR and assignment is None:
            raise PermissionDenied(_("This application is not assigned to you."))
        if existing is not None and not has_conflict:
            declaration = existing
        else:
            if has_conflict and assignment is not None and assignment.status == AssignmentStatus.SUBMITTED:
                refuse_if_frozen(application.call)
            declaration = existing or Declaration(user=user, application=application)
            declaration.capacity = capacity if existing is None else existing.capacity
            declaration.has_conflict = has_conflict
            declaration.conflict_reason = reason
            declaration.statement = statement(application, has_conflict, reason)
            declaration.language = translation.get_language() or "en"
            declaration.declared_at = clock.now()
            declaration.save()
            audit.record(
                user,
                "declaration.recorded",
                declaration,
                after={"has_conflict": has_conflict, "capacity": capacity},
                data={"application": application.reference, "reason": reason},
            )
        if assignment is not None:
            if has_conflict:
                _remove(assignment, user, AssignmentStatus.CONFLICT, reason)
                _reassign(assignment)
            elif assignment.status == AssignmentStatus.ASSIGNED:
                before = audit.snapshot(assignment, ASSIGNMENT_FIELDS)
                assignment.status, assignment.accepted_at = AssignmentStatus.ACCEPTED, clock.now()
                assignment.save(update_fields=["status", "accepted_at"])
                audit.record(
                    user,
                    "assignment.accepted",
                    assignment,
                    before=before,
                    after=audit.snapshot(assignment, ASSIGNMENT_FIELDS),
                )
    return declaration


def _remove(assignment, actor, status, reason) -> None:
    before = audit.snapshot(assignment, ASSIGNMENT_FIELDS)
    assignment.status = status
    assignment.removed_at, assignment.removed_by, assignment.removal_reason = clock.now(), actor, reason
    was_lead, assignment.is_lead = assignment.is_lead, False
    assignment.save()
    action = "assignment.conflict_declared" if status == AssignmentStatus.CONFLICT else "assignment.withdrawn"
    audit.record(
        actor,
        action,
        assignment,
        before=before,
        after=audit.snapshot(assignment, ASSIGNMENT_FIELDS),
        data={"reason": reason, "was_lead": was_lead},
    )


def _pool():
    return get_user_model().objects.filter(is_active=True, groups__name=ASSESSOR).distinct().order_by("id")


def _candidates(application, pool, load: dict) -> list:
    """Assessors of the pool who may take the application, least loaded first (then by id)."""
    excluded = set(Assignment.objects.filter(application=application).values_list("assessor_id", flat=True))
    excluded |= set(
        Declaration.objects.filter(application=application, has_conflict=True).values_list("user_id", flat=True)
    )
    excluded |= set(
        Membership.objects.filter(organisation_id=application.organisation_id).values_list("user_id", flat=True)
    )
    return sorted((u for u in pool if u.pk not in excluded), key=lambda u: (load.get(u.pk, 0), u.pk))


def _load(call) -> dict:
    rows = (
        Assignment.objects.filter(application__call=call, status__in=ACTIVE_ASSIGNMENT)
        .values("assessor_id")
        .annotate(n=Count("id"))
    )
    return {row["assessor_id"]: row["n"] for row in rows}


def _create(officer, application, assessor, *, lead: bool, balanced: bool = False, replaces=None) -> Assignment:
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                application=application, assessor=assessor, is_lead=lead, assigned_at=clock.now(), assigned_by=officer
            )
    except IntegrityError as exc:
        raise Conflict(
            _("%(user)s is already assigned to %(ref)s, or it already has a lead assessor.")
            % {"user": assessor.get_username(), "ref": application.reference},
            code="already_assigned",
        ) from exc
    audit.record(
        officer,
        "assignment.created",
        assignment,
        after=audit.snapshot(assignment, ASSIGNMENT_FIELDS),
        data={
            "application": application.reference,
            "assessor": assessor.get_username(),
            "balanced": balanced,
            "replaces": getattr(replaces, "pk", None),
        },
    )
    return assignment


def _reassign(removed) -> Assignment | None:
    """After a conflict, the least-loaded free assessor of the pool takes the application over, if any."""
    application = removed.application
    candidates = _candidates(application, list(_pool()), _load(application.call))
    if not candidates:
        return None
    return _create(
        removed.assigned_by, application, candidates[0], lead=removed.is_lead, balanced=True, replaces=removed
    )


def _eligible(application) -> None:
    check = getattr(application, "eligibility_check", None)
    if check is None or check.status != CheckStatus.ELIGIBLE:
        raise Conflict(
            _("Application %(ref)s is not (yet) found eligible; only eligible applications are assessed.")
            % {"ref": application.reference},
            code="not_eligible",
        )


def assign(officer, application, assessor, *, lead=False) -> Assignment:
    """Assign an assessor by hand (never a member of the applicant, never someone who declared a conflict)."""
    require(officer, "assessment.assign_assessors")
    if not has_role(assessor, ASSESSOR) or not assessor.is_active:
        raise RuleViolation(errors={"assessor": _("This person is not an assessor.")})
    if member_of_applicant(assessor, application):
        raise RuleViolation(
            errors={"assessor": _("This assessor is a member of the applicant organisation.")}, code="member"
        )
    if declared_conflict(assessor, application):
        raise RuleViolation(
            errors={"assessor": _("This assessor declared a conflict of interest for this application.")},
            code="conflict",
        )
    with transaction.atomic():
        application = type(application).objects.select_for_update().get(pk=application.pk)
        _eligible(application)
        refuse_if_frozen(application.call)
        return _create(officer, application, assessor, lead=bool(lead))


def assign_balanced(officer, call) -> list[Assignment]:
    """Give every eligible application of the call at least the call's number of assessors, spreading the work
    evenly over the pool (users with the assessor role); all or nothing."""
    require(officer, "assessment.assign_assessors")
    from ..selectors import eligible_applications

    with transaction.atomic():
        call = locked(call)
        refuse_if_frozen(call)
        pool = list(_pool())
        load = _load(call)
        consensus = call.consolidation == ConsolidationMethod.CONSENSUS
        plan, short = [], []
        applications = (
            eligible_applications(call)
            .annotate(
                active=Count("assignments", filter=Q(assignments__status__in=ACTIVE_ASSIGNMENT)),
                leads=Count(
                    "assignments", filter=Q(assignments__status__in=ACTIVE_ASSIGNMENT, assignments__is_lead=True)
                ),
            )
            .order_by("submitted_at", "id")
        )
        for application in applications:
            need = call.number_of_assessors - application.active
            if need <= 0:
                continue
            candidates = _candidates(application, pool, load)[:need]
            if len(candidates) < need:
                short.append(application.reference)
                continue
            for i, assessor in enumerate(candidates):
                plan.append((application, assessor, consensus and application.leads == 0 and i == 0))
                load[assessor.pk] = load.get(assessor.pk, 0) + 1
        if short:
            raise Conflict(
                _("Not enough assessors without a conflict of interest for: %(refs)s. Add assessors to the pool.")
                % {"refs": ", ".join(short)},
                code="pool_too_small",
            )
        return [_create(officer, a, u, lead=lead, balanced=True) for a, u, lead in plan]


def assignment_withdraw(officer, assignment, *, reason) -> Assignment:
    """An officer removes an assessor from an application (with the reason)."""
    require(officer, "assessment.assign_assessors")
    errors = {}
    reason = text(reason, "reason", errors, required=True, max_length=2000)
    fail_if(errors)
    with transaction.atomic():
        assignment = locked(assignment)
        if assignment.status not in ACTIVE_ASSIGNMENT:
            raise Conflict(_("This assignment was already removed."), code="already_removed")
        refuse_if_frozen(assignment.application.call)
        _remove(assignment, officer, AssignmentStatus.WITHDRAWN, reason)
    return assignment
