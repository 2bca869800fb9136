"""Demo users, one per role, all with the password ``subsidia-demo``. Created only by ``load_demo``."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import audit, roles

DEMO_USERS = [
    # username, role, first name, last name
    ("officer", roles.PROGRAMME_OFFICER, "An", "Peeters"),
    ("approver", roles.AUTHORISING_OFFICER, "Marc", "Janssens"),
    ("member", roles.COMMITTEE_MEMBER, "Fatima", "El Idrissi"),
    ("assessor", roles.ASSESSOR, "Pieter", "De Smet"),
    ("applicant", roles.APPLICANT, "Sara", "Vermeulen"),
    ("auditor", roles.AUDITOR, "Luc", "Maes"),
]


def demo_user(username: str):
    return get_user_model().objects.get(username=username)


def ensure_demo_users(users) -> None:
    """Create (once) the demo users of ``users`` — (username, role, first name, last name) — with the demo
    password and their role; used for the users above and for the extra ones a stage's demo needs."""
    roles.ensure_roles()
    User = get_user_model()
    for username, role, first, last in users:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@demo.subsidia.invalid"},
        )
        if created:
            user.set_password(settings.SUBSIDIA_DEMO_PASSWORD)
            user.save()
            audit.record(None, "user.demo_created", user, after={"username": username, "role": role})
        user.groups.add(Group.objects.get(name=role))


def load(out) -> None:
    ensure_demo_users(DEMO_USERS)
    out(f"demo users: {', '.join(u for u, *_ in DEMO_USERS)}")
