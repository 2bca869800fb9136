"""Who may do what in the transparency app (the public reads without logging in)."""

import rules

from subsidia.core.rules import is_auditor, is_authorising_officer, is_officer, is_staff_reader

# Four eyes: an officer prepares a restriction (or its lifting), an authorising officer confirms it; the
# services also check that the two are different people.
rules.add_perm("transparency.prepare_restriction", is_officer)
rules.add_perm("transparency.decide_restriction", is_authorising_officer)
rules.add_perm("transparency.view_publicationrestriction", is_staff_reader)
rules.add_perm("transparency.publish_list", is_officer | is_authorising_officer)
rules.add_perm("transparency.view_publication_status", is_officer | is_authorising_officer | is_auditor)
