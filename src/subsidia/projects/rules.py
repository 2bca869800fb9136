"""Who may do what with operations, in one place for pages and API alike.

Officers prepare (agreements, amendments, reviews of reports); authorising officers confirm what someone else
prepared (four eyes); the beneficiary's members see their own operations and report progress; auditors read.
"""

import rules

from subsidia.core.rules import is_authorising_officer, is_officer, is_staff_reader


def _role(user, organisation_id):
    # Asked afresh every time: a membership granted or removed a moment ago counts at once.
    if not getattr(user, "is_authenticated", False) or organisation_id is None:
        return None
    from subsidia.applications.models import Membership

    return Membership.objects.filter(user=user, organisation_id=organisation_id).values_list("role", flat=True).first()


@rules.predicate
def is_beneficiary_member(user, operation):
    return operation is not None and _role(user, operation.beneficiary_id) is not None


@rules.predicate
def is_beneficiary_signatory(user, operation):
    from subsidia.applications.constants import MemberRole

    return operation is not None and _role(user, operation.beneficiary_id) == MemberRole.SIGNATORY


# A member of the beneficiary organisation never acts for the managing authority on its operation.
is_independent = ~is_beneficiary_member

rules.add_perm("projects.view_operation", is_staff_reader | is_beneficiary_member)
rules.add_perm("projects.list_operations", is_staff_reader)
rules.add_perm("projects.create_operation", (is_officer | is_authorising_officer) & is_independent)
rules.add_perm("projects.manage_operation", is_officer & is_independent)
rules.add_perm("projects.approve_operation", is_authorising_officer & is_independent)
rules.add_perm("projects.report_progress", is_beneficiary_member)
# The beneficiary's signatory signs in the portal; an officer may record a signature given on paper.
rules.add_perm("projects.sign_agreement", is_beneficiary_signatory | (is_officer & is_independent))
