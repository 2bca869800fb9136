from django.utils.translation import gettext_lazy as _

from subsidia.core.navigation import LOGGED_IN, NavItem
from subsidia.core.roles import APPLICANT, STAFF_ROLES

ITEMS = [
    NavItem(_("My applications"), "applications:home", frozenset({APPLICANT}), 40),
    NavItem(_("My organisations"), "applications:organisations", LOGGED_IN, 41),
    NavItem(_("Applications received"), "applications:received", frozenset(STAFF_ROLES), 140),
]
