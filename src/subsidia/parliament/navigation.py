from django.utils.translation import gettext_lazy as _

from subsidia.core.navigation import NavItem
from subsidia.core.roles import STAFF_ROLES

ITEMS = [
    NavItem(_("Parliamentary questions"), "parliament:list", frozenset(STAFF_ROLES), 170),
]
