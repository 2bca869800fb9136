"""Who may do what with organisations and applications, in one place for pages and API alike.

Applicants act through their membership of an organisation (editor or signatory); staff read what was
submitted, never drafts.
"""

import rules

from subsidia.core.rules import is_applicant, is_staff_reader

from .constants import SUBMITTED_STATUSES, MemberRole


def _role(user, organisation_id):
    # Asked afresh every time: a membership granted or removed a moment ago counts at once.
    if not getattr(user, "is_authenticated", False) or organisation_id is None:
        return None
    from .models import Membership

    return Membership.objects.filter(user=user, organisation_id=organisation_id).values_list("role", flat=True).first()


@rules.predicate
def is_member(user, organisation):
    return organisation is not None and _role(user, organisation.pk) is not None


@rules.predicate
def is_signatory(user, organisation):
    return organisation is not None and _role(user, organisation.pk) == MemberRole.SIGNATORY


@rules.predicate
def is_applicant_member(user, application):
    return application is not None and _role(user, application.organisation_id) is not None


@rules.predicate
def is_applicant_signatory(user, application):
    return application is not None and _role(user, application.organisation_id) == MemberRole.SIGNATORY


@rules.predicate
def was_submitted(user, application):
    return application is not None and application.status in SUBMITTED_STATUSES


rules.add_perm("applications.add_organisation", is_applicant)
rules.add_perm("applications.view_organisation", is_member | is_staff_reader)
rules.add_perm("applications.change_organisation", is_signatory)
rules.add_perm("applications.manage_members", is_signatory)
rules.add_perm("applications.add_application", is_member)
rules.add_perm("applications.view_application", is_applicant_member | (is_staff_reader & was_submitted))
rules.add_perm("applications.change_application", is_applicant_member)
# Declarations on honour, submission and withdrawal bind the organisation: its signatories only.
rules.add_perm("applications.sign_application", is_applicant_signatory)
rules.add_perm("applications.view_submitted", is_staff_reader)
rules.add_perm("applications.export_application", is_staff_reader)
