"""Who may do what with the register of written questions: officers manage it; authorising officers and
auditors read it. It is not public (the parliament publishes questions and answers itself)."""

import rules

from subsidia.core.rules import is_officer, is_staff_reader

rules.add_perm("parliament.view_writtenquestion", is_staff_reader)
rules.add_perm("parliament.manage_writtenquestion", is_officer)
rules.add_perm("parliament.view_questionattachment", is_staff_reader)
