"""``subsidia answer_pack QUESTION --format pdf|xlsx [--language nl|fr|en] [--as-of N] --output FILE``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from subsidia.core.exceptions import RuleViolation
from subsidia.parliament import answerpack
from subsidia.parliament.answerpack import files
from subsidia.parliament.models import WrittenQuestion


class Command(BaseCommand):
    help = (
        "Write the answer pack of a written parliamentary question (its id in the register) as PDF or XLSX, "
        "from live data or as of a publication of the list of operations."
    )

    def add_arguments(self, parser):
        parser.add_argument("question", help="The question's id in the register.")
        parser.add_argument("--format", required=True, choices=sorted(files.CONTENT_TYPES), dest="fmt")
        parser.add_argument(
            "--language", choices=answerpack.LANGUAGES, default=None, help="Default: the official language."
        )
        parser.add_argument(
            "--as-of", dest="as_of", default=None, help="The number of a publication snapshot (default: live data)."
        )
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, question, fmt, language, as_of, output, **options):
        found = WrittenQuestion.objects.filter(pk=int(question)).first() if question.isdigit() else None
        if found is None:
            raise CommandError(f"No written question with id {question!r} in the register.")
        try:
            pack = answerpack.build(found, language=language, snapshot=answerpack.snapshot_or_error(as_of))
        except RuleViolation as exc:
            raise CommandError(exc.message) from exc
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        target.write_bytes(files.render(pack, fmt))
        totals = pack.projects.totals
        self.stdout.write(
            f"{target}: question {found.number} ({found.session}), {pack.language}, "
            f"{'live data' if pack.live else f'publication no. {pack.snapshot.number}'}, "
            f"{totals['operations']} operations, total cost {totals['total_cost']}, "
            f"EU contribution {totals['eu_contribution']}"
        )
