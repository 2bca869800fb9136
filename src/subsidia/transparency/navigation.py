from django.utils.translation import gettext_lazy as _

from subsidia.core.navigation import PUBLIC, NavItem
from subsidia.core.roles import AUDITOR, AUTHORISING_OFFICER, PROGRAMME_OFFICER

ITEMS = [
    NavItem(_("List of operations"), "transparency:list", PUBLIC, 20),
    NavItem(_("Where the money goes"), "transparency:overview-list", PUBLIC, 21),
    NavItem(_("From needs to projects"), "transparency:trace-list", PUBLIC, 22),
    NavItem(
        _("Publication"), "transparency:officers", frozenset({PROGRAMME_OFFICER, AUTHORISING_OFFICER, AUDITOR}), 150
    ),
]
