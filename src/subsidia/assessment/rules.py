"""Who may do what in the assessment stage, in one place for pages, API and services.

Object predicates take the object the permission is asked about (an application, an assignment, a decision, a
selection line, a complaint). Whoever belongs to the applicant organisation never acts for the managing
authority on that application, and whoever declared a conflict of interest for it is kept out of it for good.
"""

import rules

from subsidia.core.rules import is_assessor, is_auditor, is_authorising_officer, is_officer

is_staff_reader = is_officer | is_authorising_officer | is_auditor


def _application_of(obj):
    """The application an object is about (an application, assignment, check, line, complaint, letter)."""
    if obj is None:
        return None
    if hasattr(obj, "organisation_id") and hasattr(obj, "call_id"):
        return obj
    return getattr(obj, "application", None)


def member_of_applicant(user, application) -> bool:
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    from subsidia.applications.models import Membership

    return Membership.objects.filter(user=user, organisation_id=application.organisation_id).exists()


def declared_conflict(user, application) -> bool:
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    from .models import Declaration

    return Declaration.objects.filter(user=user, application=application, has_conflict=True).exists()


@rules.predicate
def is_applicant_member(user, obj):
    return member_of_applicant(user, _application_of(obj))


@rules.predicate
def has_declared_conflict(user, obj):
    return declared_conflict(user, _application_of(obj))


@rules.predicate
def is_own_assignment(user, assignment):
    return assignment is not None and assignment.assessor_id == getattr(user, "pk", None)


@rules.predicate
def is_lead_of(user, application):
    from .constants import ACTIVE_ASSIGNMENT
    from .models import Assignment

    application = _application_of(application)
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    return Assignment.objects.filter(
        application=application, assessor=user, is_lead=True, status__in=ACTIVE_ASSIGNMENT
    ).exists()


@rules.predicate
def prepared_it(user, decision):
    return decision is not None and decision.prepared_by_id == getattr(user, "pk", None)


# Independent of the application: not a member of the applicant, no conflict declared.
is_independent = ~is_applicant_member & ~has_declared_conflict

rules.add_perm("assessment.view_assessment", is_staff_reader)
rules.add_perm("assessment.check_eligibility", is_officer & is_independent)
rules.add_perm("assessment.confirm_ineligibility", is_officer & is_independent)
rules.add_perm("assessment.declare", is_assessor | is_officer | is_authorising_officer)
rules.add_perm("assessment.assign_assessors", is_officer)
rules.add_perm("assessment.score", is_assessor & is_own_assignment)
rules.add_perm("assessment.lead_consensus", is_assessor & is_lead_of & is_independent)
rules.add_perm("assessment.prepare_decision", is_officer)
rules.add_perm("assessment.approve_decision", is_authorising_officer & ~prepared_it)
rules.add_perm("assessment.return_decision", is_authorising_officer)
rules.add_perm("assessment.withdraw_decision", is_officer)
rules.add_perm("assessment.record_decline", is_officer | is_applicant_member)
rules.add_perm("assessment.issue_letters", is_officer | is_authorising_officer)
rules.add_perm("assessment.register_complaint", is_officer | is_applicant_member)
rules.add_perm("assessment.handle_complaint", is_officer & is_independent)
rules.add_perm("assessment.manage_methodology", is_officer)
