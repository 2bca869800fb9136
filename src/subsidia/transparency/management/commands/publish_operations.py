"""``subsidia publish_operations``: freeze the list of operations as a dated publication (the scheduled task).

Before publishing it removes natural persons' names whose two years have passed (CPR art. 49(3)(b)) from every
stored snapshot, so the records stay lawful even when nobody publishes by hand. ``--if-due`` publishes only
when the last publication is older than the update interval (CPR art. 49(3): at least every four months), which
suits a daily timer; ``--names-only`` only removes the names.
"""

from django.core.management.base import BaseCommand, CommandError

from subsidia.core.exceptions import Conflict

from ...selectors import publications as selectors
from ...services import publication


class Command(BaseCommand):
    help = (
        "Publish the list of operations as a dated snapshot (after removing natural persons' names whose "
        "publication period has ended from every stored snapshot)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--note", default="", help="A note shown with the publication.")
        parser.add_argument(
            "--if-due",
            action="store_true",
            help="Publish only when the last publication is older than the update interval (for a daily timer).",
        )
        parser.add_argument(
            "--names-only", action="store_true", help="Only remove expired names from the stored snapshots."
        )

    def handle(self, *args, **options):
        report = publication.remove_expired_names()
        if report.snapshot_rows or report.audit_events:
            self.stdout.write(
                f"Names first published on or before {report.removal_before}: removed from {report.snapshot_rows} "
                f"snapshot row(s) and {report.audit_events} audit event(s)."
            )
        if options["names_only"]:
            return
        status = selectors.publication_status()
        if options["if_due"] and status.last is not None and not status.due_soon:
            self.stdout.write(
                f"Not due: publication no. {status.last.number} of {status.last.data_date}; "
                f"the next is due by {status.due_on}."
            )
            return
        try:
            snapshot = publication.publish(None, note=options["note"])
        except Conflict as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Published no. {snapshot.number} (data of {snapshot.data_date}): {snapshot.operations} operations, "
            f"total cost {snapshot.total_cost}, EU contribution {snapshot.eu_contribution}."
        )
