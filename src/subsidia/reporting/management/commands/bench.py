"""``subsidia bench <name> [options]``: performance benchmarks, one subcommand per stage that offers one.

Each entry of ``BENCHMARKS`` names the module whose ``run(**options)`` does the work and returns its figures;
``add_arguments(parser)`` in that module adds its own options (if it has any). The figures are printed as one
JSON object on the last line, so scripts can read them with ``tail -n 1``.
"""

import json
from importlib import import_module

from django.core.management.base import BaseCommand, CommandError

# Adding a benchmark is one line here (and a module with ``run(**options)``).
BENCHMARKS = {
    "ranking": "subsidia.assessment.bench",
    "export": "subsidia.transparency.bench",
}


class Command(BaseCommand):
    help = "Run a performance benchmark and print its figures as one JSON line (the last line of output)."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="benchmark", metavar="{" + ",".join(BENCHMARKS) + "}")
        subparsers.required = True
        for name, module_path in BENCHMARKS.items():
            sub = subparsers.add_parser(name, help=f"benchmark {name} ({module_path})")
            sub.add_argument("--runs", type=int, default=5, help="timed runs after one warm-up (median reported)")
            module = self._module(module_path, required=False)
            if module is not None and hasattr(module, "add_arguments"):
                module.add_arguments(sub)

    @staticmethod
    def _module(path, *, required=True):
        try:
            return import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name != path and not path.startswith(f"{exc.name}."):
                raise
            if required:
                raise CommandError(f"This benchmark is not available yet ({path} is missing).") from exc
            return None

    def handle(self, *args, **options):
        name = options["benchmark"]
        module = self._module(BENCHMARKS[name])
        known = {"runs"} | set(getattr(module, "OPTIONS", ()))
        kwargs = {key: value for key, value in options.items() if key in known and value is not None}
        if kwargs.get("runs", 1) < 1:
            raise CommandError("--runs must be at least 1.")
        figures = module.run(**kwargs, out=lambda line: self.stdout.write(str(line)))
        self.stdout.write(json.dumps(figures, sort_keys=True, default=str))
