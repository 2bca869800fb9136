"""Who may do what with calls, in one place for pages and API alike. The public reads published calls without
any permission (``selectors.public_calls``)."""

import rules

from subsidia.core.rules import is_auditor, is_authorising_officer, is_officer

is_staff_reader = is_officer | is_authorising_officer | is_auditor

rules.add_perm("calls.view_call", is_staff_reader)
rules.add_perm("calls.add_call", is_officer)
rules.add_perm("calls.change_call", is_officer)
rules.add_perm("calls.submit_call", is_officer)
rules.add_perm("calls.publish_call", is_officer)
rules.add_perm("calls.manage_call", is_officer)
rules.add_perm("calls.decide_call", is_officer | is_authorising_officer)
rules.add_perm("calls.change_plannedcall", is_officer)
