from django.core.management.base import BaseCommand, CommandError

from subsidia.core import audit


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; prints OK or the first broken event, and exits non-zero then."

    def handle(self, *args, **options):
        verdict = audit.verify()
        if verdict.ok:
            self.stdout.write(f"OK: {verdict.checked} events, chain intact.")
            return
        event = verdict.broken
        where = f"event #{event.sequence} (id {event.pk}, {event.action} on {event.object_type}:{event.object_id})" \
            if event else "the chain"
        raise CommandError(f"BROKEN at {where}: {verdict.reason}")
