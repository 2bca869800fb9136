from django.utils.translation import gettext_lazy as _

from subsidia.core.navigation import PUBLIC, NavItem
from subsidia.core.roles import COMMITTEE_MEMBER, STAFF_ROLES

ITEMS = [
    NavItem(_("Monitoring committee"), "committee:public", PUBLIC, 20),
    NavItem(_("Committee"), "committee:dashboard", frozenset({COMMITTEE_MEMBER, *STAFF_ROLES}), 150),
    NavItem(_("Approvals"), "committee:approvals", frozenset({COMMITTEE_MEMBER, *STAFF_ROLES}), 160),
]
