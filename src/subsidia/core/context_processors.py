from django.conf import settings

from .navigation import items_for
from .roles import ROLES, user_roles


def subsidia(request):
    user = getattr(request, "user", None)
    roles = user_roles(user) if user is not None else set()
    return {
        "official_language": settings.SUBSIDIA_OFFICIAL_LANGUAGE,
        "user_roles": roles,
        "navigation": items_for(request) if user is not None else [],
        "role_names": [ROLES[r] for r in ROLES if r in roles],
        "is_officer": "programme_officer" in roles or bool(user and user.is_superuser),
        "is_staff_reader": bool(roles & {"programme_officer", "authorising_officer", "auditor"})
        or bool(user and user.is_superuser),
    }
