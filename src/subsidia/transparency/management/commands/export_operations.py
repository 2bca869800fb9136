import sys

from django.core.management.base import BaseCommand, CommandError

from ...exports import operations as exports
from ...fields import LANGUAGES
from ...selectors import operations as selectors


class Command(BaseCommand):
    help = (
        "Write the list of operations (CPR art. 49(3)) as it is published now: one header row with the field "
        "names of list_of_operations_fields.csv, then one row per operation, withholding applied. Formats: csv "
        "(UTF-8, comma), csv-semicolon (for spreadsheets in Belgian locales: ';', decimal commas, BOM), xlsx, "
        "json, 360giving (a 360Giving data package)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="csv")
        parser.add_argument("--output", required=True, help="The file to write ('-' for standard output).")
        parser.add_argument(
            "--language", choices=LANGUAGES, default=None, help="Language of the texts (default: the official one)."
        )
        parser.add_argument("--no-progress", action="store_true", help="Never show a progress bar.")

    def handle(self, *args, **options):
        fmt, output = options["format"], options["output"]
        ctx = selectors.context(options["language"])
        queryset = selectors.public_operations()
        total = queryset.count()
        if fmt == "360giving" and total == 0:
            raise CommandError("There are no operations: a 360Giving data package holds at least one grant.")
        if output == "-":
            if fmt == "xlsx":
                raise CommandError("XLSX cannot be written to standard output; give a file name.")
            for block in exports.stream(fmt, queryset, ctx):
                sys.stdout.buffer.write(block)
            sys.stdout.buffer.flush()
            return
        bar = self._bar(total, options["no_progress"])
        try:
            exports.write(fmt, output, queryset, ctx, progress=bar.update if bar else None)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror or exc}") from exc
        finally:
            if bar:
                bar.close()
        self.stderr.write(f"{total} operations written to {output} ({fmt}).")

    def _bar(self, total, disabled):
        if disabled or not sys.stderr.isatty():
            return None
        from tqdm import tqdm

        return tqdm(total=total, unit=" operations", file=sys.stderr)
