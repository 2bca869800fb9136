from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from subsidia.core.canonical import content_hash


def require(user, perm: str, obj=None) -> None:
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this."))


def row_hash(data: dict) -> str:
    """SHA-256 of a published row in canonical JSON (RFC 8785): equal rows, equal hashes, on any database."""
    return content_hash(data)
