from django.utils.translation import gettext_lazy as _

from subsidia.core.navigation import NavItem
from subsidia.core.roles import APPLICANT, ASSESSOR, STAFF_ROLES

ITEMS = [
    NavItem(_("Selection results"), "assessment:my-results", frozenset({APPLICANT}), 42),
    NavItem(_("My assessments"), "assessment:my-assignments", frozenset({ASSESSOR}), 60),
    NavItem(_("Assessment and selection"), "assessment:calls", frozenset(STAFF_ROLES), 150),
]
