"""The child processes of ``subsidia bench export`` (``python -m subsidia.transparency.bench_worker …``), each
against the throwaway database named by its environment:

- ``setup N``: migrate, load the reference data, build N synthetic operations;
- ``export FILE``: write the CSV export once and print the seconds it took (the parent reads this process's
  peak memory from the operating system);
- ``page``: time the public list page and the API with Django's test client.

Each prints one JSON object as its last line.
"""

import json
import os
import statistics
import sys
import time


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "subsidia.settings")
    import django

    django.setup()


def setup(count: int) -> dict:
    from django.apps import apps
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from . import bench_data, search

    # Tables straight from the models, as a test runner can (much faster than replaying every migration);
    # the search index comes from ``search.ensure`` after migrate, as always.
    settings.MIGRATION_MODULES = {config.label: None for config in apps.get_app_configs()}
    call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    call_command("load_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
    started = time.perf_counter()

    def progress(made):
        print(f"  {made} operations", file=sys.stderr, flush=True)

    # The search index is built once at the end (faster than keeping it current row by row), as after a restore.
    search.uninstall()
    made = bench_data.generate(count, progress=progress)
    search.install()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"operations": made, "seconds": round(time.perf_counter() - started, 1)}


def export(path: str, fmt: str = "csv") -> dict:
    from .exports import operations as exports
    from .selectors import operations as selectors

    queryset, ctx = selectors.public_operations(), selectors.context()
    started = time.perf_counter()
    exports.write(fmt, path, queryset, ctx)
    return {"seconds": time.perf_counter() - started, "bytes": os.path.getsize(path)}


def query() -> dict:
    """The field map's SELECT of the published values (withholding included) as this database runs it, in the
    driver's own parameter style, for the parent to time the database writing it as CSV. Built here, against the
    throwaway database, because the rule figures it depends on live there."""
    import datetime as dt
    import re

    from django.db import connection

    from . import fields as field_map
    from .selectors import operations as selectors

    queryset = selectors.public_operations().order_by("code").values(**field_map.expressions(selectors.context()))
    sql, params = queryset.query.sql_with_params()
    if connection.vendor == "sqlite":
        sql = re.sub(r"(?<!%)%s", "?", sql).replace("%%", "%")
    adapted = []
    for value in params:
        if isinstance(value, dt.datetime):
            value = connection.ops.adapt_datetimefield_value(value)
        adapted.append(value.isoformat() if isinstance(value, dt.date | dt.datetime) else value)
    return {"sql": sql, "params": adapted}


PAGES = {
    "list": "/list-of-operations/",
    "list_middle_page": "/list-of-operations/?page={middle}",
    # Two searches: a broad one (the synthetic texts share a small vocabulary: it matches ~70 % of the rows) and
    # a narrow one, as when someone looks for a given operation.
    "list_search": "/list-of-operations/?q=buddy+gent",
    "list_search_narrow": "/list-of-operations/?q=AMIF-BENCH-0123456",
    "list_objective_sorted": "/list-of-operations/?objective=2&sort=-total_cost",
    "list_beneficiary": "/list-of-operations/?beneficiary=netwerk",
    "api_list": "/api/v1/list-of-operations/",
}


def page(operations: int, repeats: int = 9) -> dict:
    from django.test import Client

    from . import search
    from .forms import DEFAULT_PAGE_SIZE

    search.install()  # as after every migrate: the index the search of this code expects (idempotent)
    client = Client(HTTP_HOST="localhost")
    timings, cpu = {}, {}
    middle = max(operations // DEFAULT_PAGE_SIZE // 2, 1)
    for name, template in PAGES.items():
        url = template.format(middle=middle)
        response = client.get(url)  # warm-up (and the cached count of the unfiltered list)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        samples, cpu_samples = [], []
        for _ in range(repeats):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
            cpu_samples.append((time.process_time() - started_cpu) * 1000)
        timings[name] = round(statistics.median(samples), 1)
        cpu[name] = round(statistics.median(cpu_samples), 1)
    # Wall-clock time is what a reader waits; CPU time is what the request costs this process (with SQLite, the
    # database's work included; with PostgreSQL, the server's is not), whatever else runs on the machine.
    return {**timings, "cpu": cpu}


def main(argv: list[str]) -> None:
    _setup_django()
    command, *args = argv
    if command == "setup":
        result = setup(int(args[0]))
    elif command == "export":
        result = export(*args)
    elif command == "query":
        result = query()
    elif command == "page":
        result = page(int(args[0]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
