from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from subsidia.core.demo import DEMO_USERS


class Command(BaseCommand):
    help = "Load the demo: users per role and a demo AMIF programme with its story. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, **options):
        # Idempotent, and the demo needs it; called by name so core does not import the reference app.
        call_command("load_reference", stdout=self.stdout)
        logins = list(DEMO_USERS)
        for app in settings.SUBSIDIA_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(self.stdout.write)
            # A stage may add demo users of its own (``DEMO_LOGINS``, same shape as ``core.demo.DEMO_USERS``).
            logins += [login for login in getattr(module, "DEMO_LOGINS", ()) if login not in logins]
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if not options["quiet_logins"]:
            self.stdout.write(f"Demo logins (password: {settings.SUBSIDIA_DEMO_PASSWORD}):")
            for username, role, first, last in logins:
                self.stdout.write(f"  {username:<10} {role.replace('_', ' ')} ({first} {last})")
