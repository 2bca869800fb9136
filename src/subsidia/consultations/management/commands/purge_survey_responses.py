from django.core.management.base import BaseCommand
from django.utils import translation

from subsidia.core import clock
from subsidia.reference.figures import figure

from ...services import purge_expired, retention_ends
from ...services.retention import RETENTION_FIGURE


class Command(BaseCommand):
    help = (
        "Remove the personal data of survey answers whose retention period has ended (free text, names and "
        "functions of respondents, invitation addresses, link tokens, unsubmitted drafts); aggregate answers "
        "stay. Audited. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the surveys due; change nothing.")

    def handle(self, *args, **options):
        translation.activate("en")
        rule = figure(RETENTION_FIGURE)
        self.stdout.write(f"Retention: {rule.value.normalize()} {rule.unit} after closing ({rule.legal_basis}).")
        if options["dry_run"]:
            due = purge_expired(dry_run=True)
            for survey in due:
                self.stdout.write(
                    f"due: survey {survey.pk} “{survey.title_nl}” (retention ended "
                    f"{clock.to_local(retention_ends(survey)):%Y-%m-%d})"
                )
            self.stdout.write(f"{len(due)} survey(s) due; nothing changed (dry run).")
            return
        reports = purge_expired()
        for r in reports:
            self.stdout.write(
                f"survey {r.survey.pk} “{r.survey.title_nl}”: {r.free_texts} written answers, "
                f"{r.respondents} respondents' names, {r.addresses} addresses, {r.tokens} link tokens and "
                f"{r.drafts} unsubmitted drafts removed"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(reports)} survey(s) anonymised."))
