from django.utils.translation import gettext_lazy as _

from subsidia.core.navigation import NavItem
from subsidia.core.roles import APPLICANT, STAFF_ROLES

ITEMS = [
    NavItem(_("My projects"), "projects:mine", frozenset({APPLICANT}), 42),
    NavItem(_("Operations"), "projects:list", frozenset(STAFF_ROLES), 160),
]
