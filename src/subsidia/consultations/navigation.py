from django.utils.translation import gettext_lazy as _

from subsidia.core.navigation import PUBLIC, NavItem
from subsidia.core.roles import COMMITTEE_MEMBER, STAFF_ROLES

ITEMS = [
    NavItem(_("Priorities"), "consultations:priorities", PUBLIC, 20),
    NavItem(_("Consultations"), "consultations:list", frozenset({*STAFF_ROLES, COMMITTEE_MEMBER}), 110),
    NavItem(_("Stakeholders"), "consultations:organisations", frozenset(STAFF_ROLES), 111),
]
