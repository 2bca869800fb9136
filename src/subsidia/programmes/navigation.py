from django.utils.translation import gettext_lazy as _

from subsidia.core.navigation import PUBLIC, NavItem
from subsidia.core.roles import STAFF_ROLES

ITEMS = [
    NavItem(_("Programme budget"), "programmes:public-list", PUBLIC, 10),
    NavItem(_("Programmes"), "programmes:list", frozenset(STAFF_ROLES), 100),
]
