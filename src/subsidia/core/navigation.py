"""The main menu, by role. Each app may declare ``ITEMS`` in its own ``navigation.py``."""

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .roles import STAFF_ROLES, has_role

PUBLIC = "public"
LOGGED_IN = "logged_in"


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    audience: str | frozenset = PUBLIC  # PUBLIC, LOGGED_IN, or a set of role names
    order: int = 100


ITEMS = [
    NavItem(_("Home"), "core:home", PUBLIC, 0),
    NavItem(_("My dashboard"), "core:dashboard", LOGGED_IN, 1),
    NavItem(_("Audit trail"), "core:audit", frozenset(STAFF_ROLES), 900),
]


@cache
def all_items() -> list[NavItem]:
    items = []
    for app in settings.SUBSIDIA_APPS:
        try:
            module = import_module(f"{app}.navigation")
        except ModuleNotFoundError:
            continue
        items.extend(getattr(module, "ITEMS", []))
    return sorted(items, key=lambda item: item.order)


def visible(item: NavItem, user) -> bool:
    if item.audience == PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if item.audience == LOGGED_IN:
        return True
    return has_role(user, *item.audience)


def items_for(request) -> list[dict]:
    result = []
    for item in all_items():
        if not visible(item, request.user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        result.append({"label": item.label, "url": url, "current": request.path == url})
    return result
