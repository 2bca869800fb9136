"""Who may do what with programmes, in one place for pages and API alike."""

import rules

from subsidia.core.rules import is_auditor, is_authorising_officer, is_officer

is_staff_reader = is_officer | is_authorising_officer | is_auditor

rules.add_perm("programmes.view_programme", is_staff_reader)
rules.add_perm("programmes.add_programme", is_officer)
rules.add_perm("programmes.change_programme", is_officer)
rules.add_perm("programmes.change_programmeversion", is_officer)
rules.add_perm("programmes.submit_programmeversion", is_officer)
rules.add_perm("programmes.record_decision_programmeversion", is_officer | is_authorising_officer)
rules.add_perm("programmes.amend_programme", is_officer)
rules.add_perm("programmes.change_allocation", is_officer)
rules.add_perm("programmes.change_region", is_officer)
