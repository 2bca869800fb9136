"""Role predicates shared by every app's ``rules.py``."""

import rules

from . import roles

is_officer = rules.is_group_member(roles.PROGRAMME_OFFICER)
is_authorising_officer = rules.is_group_member(roles.AUTHORISING_OFFICER)
is_committee_member = rules.is_group_member(roles.COMMITTEE_MEMBER)
is_assessor = rules.is_group_member(roles.ASSESSOR)
is_applicant = rules.is_group_member(roles.APPLICANT)
is_auditor = rules.is_group_member(roles.AUDITOR)
is_staff_reader = is_officer | is_authorising_officer | is_auditor

rules.add_perm("core.view_auditevent", is_auditor | is_officer | is_authorising_officer)
rules.add_perm("core.redact_auditevent", rules.is_superuser)
