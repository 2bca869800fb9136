from django.utils.translation import gettext_lazy as _

from subsidia.core.navigation import PUBLIC, NavItem
from subsidia.core.roles import STAFF_ROLES

ITEMS = [
    NavItem(_("Calls for proposals"), "calls:public-list", PUBLIC, 20),
    NavItem(_("Planned calls"), "calls:calendar", PUBLIC, 21),
    NavItem(_("Manage calls"), "calls:list", frozenset(STAFF_ROLES), 110),
]
