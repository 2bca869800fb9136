"""Who may do what in consultations, in one place for pages and API alike.

Officers run surveys and keep the register; committee members read the results of published surveys (the
programme is built from them); auditors and authorising officers read everything; adopted priorities are
public. A stakeholder needs no account: the personal link is its permission (``services.responses``).
"""

import rules

from subsidia.core.rules import is_committee_member, is_officer, is_staff_reader


@rules.predicate
def is_published(user, survey) -> bool:
    # Without an object (a list page) the selector narrows the list to published surveys.
    return survey is None or survey.status == "published"


@rules.predicate
def is_adopted(user, priority) -> bool:
    return priority is not None and priority.status == "adopted"


reads_results = is_staff_reader | (is_committee_member & is_published)

rules.add_perm("consultations.view_survey", reads_results)
rules.add_perm("consultations.view_results", reads_results)
rules.add_perm("consultations.add_survey", is_officer)
rules.add_perm("consultations.change_survey", is_officer)
rules.add_perm("consultations.publish_survey", is_officer)
rules.add_perm("consultations.close_survey", is_officer)
rules.add_perm("consultations.invite_survey", is_officer)
rules.add_perm("consultations.view_invitation", is_staff_reader)
rules.add_perm("consultations.purge_survey", rules.is_superuser)

rules.add_perm("consultations.view_stakeholderorganisation", is_staff_reader)
rules.add_perm("consultations.add_stakeholderorganisation", is_officer)
rules.add_perm("consultations.change_stakeholderorganisation", is_officer)

rules.add_perm("consultations.view_priority", is_adopted | is_staff_reader | is_committee_member)
rules.add_perm("consultations.view_all_priorities", is_staff_reader | is_committee_member)
rules.add_perm("consultations.add_priority", is_officer)
rules.add_perm("consultations.change_priority", is_officer)
rules.add_perm("consultations.adopt_priority", is_officer)
