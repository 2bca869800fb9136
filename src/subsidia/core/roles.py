"""The roles of Subsidia, held as Django groups; object-level checks live in each app's ``rules.py``."""

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

PROGRAMME_OFFICER = "programme_officer"
AUTHORISING_OFFICER = "authorising_officer"
COMMITTEE_MEMBER = "committee_member"
ASSESSOR = "assessor"
APPLICANT = "applicant"
AUDITOR = "auditor"

ROLES = {
    PROGRAMME_OFFICER: _("Programme officer"),
    AUTHORISING_OFFICER: _("Authorising officer"),
    COMMITTEE_MEMBER: _("Committee member"),
    ASSESSOR: _("Assessor"),
    APPLICANT: _("Applicant"),
    AUDITOR: _("Auditor"),
}

# Staff roles see the programme's internal pages (officers edit, the auditor reads).
STAFF_ROLES = {PROGRAMME_OFFICER, AUTHORISING_OFFICER, AUDITOR}


def ensure_roles() -> None:
    """Create the role groups if missing (idempotent)."""
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def user_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_subsidia_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        user._subsidia_roles = cached
    return cached


def has_role(user, *roles: str) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return bool(user_roles(user) & set(roles))
