"""Helpers every consultation service uses."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from subsidia.core.exceptions import RuleViolation

TEXT_LIMITS = {"title": 300, "text": 500, "help": 500, "option": 300, "name": 200}


def require(user, perm: str, obj=None) -> None:
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(_("Your role does not allow this."))


def clean_text(value, *, max_length: int | None = None) -> str:
    text = "" if value is None else str(value).strip()
    if max_length is not None and len(text) > max_length:
        raise RuleViolation(_("Keep this under %(max)s characters.") % {"max": max_length})
    return text


def clean_texts(data: dict, limits: dict[str, int | None], errors: dict) -> dict:
    """Strip the given text fields; over-long values are reported in ``errors`` under their field name."""
    clean = {}
    for name, limit in limits.items():
        if name not in data:
            continue
        value = data[name]
        if value is not None and not isinstance(value, str):
            errors[name] = _("Enter text.")
            continue
        text = (value or "").strip()
        if limit is not None and len(text) > limit:
            errors[name] = _("Keep this under %(max)s characters.") % {"max": limit}
            continue
        clean[name] = text
    return clean
