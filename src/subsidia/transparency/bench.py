"""``subsidia bench export --operations N``: how fast the list of operations leaves as CSV, at scale.

In a throwaway database (a temporary SQLite file, or a temporary PostgreSQL database on the same server; both
removed afterwards) it builds N synthetic operations (not timed), then:

- times the CSV export (``export_operations --format csv``'s code) in a child process, one warm-up and
  ``--runs`` timed runs, and reads that process's peak resident memory from the operating system (``wait4``);
- times the database writing the same query's rows as CSV by its own means — PostgreSQL ``COPY (…) TO STDOUT
  WITH CSV``, SQLite the same query through the ``sqlite3`` module and the ``csv`` module — the same number of
  times. "The same query" is the field map's SELECT of the published values (withholding included), which every
  output runs; ``ratio`` is the export's time divided by this. For comparison, ``ratio_plain_columns`` divides
  by the time of a bare SELECT of the underlying columns (no withholding, no composed texts);
- times the public list page (and a few filtered variants, and the API) with Django's test client.

The last line is one JSON object: ``seconds`` (median export), ``ratio`` (÷ the database's median),
``peak_memory_mb``, ``database``, ``page_ms`` (wall clock; ``page_cpu_ms`` is the CPU time the request cost the
process, which a busy machine does not inflate) and the targets.
"""

import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import quote

from django.db import connection

OPTIONS = ("operations",)
TARGETS = {"ratio": 1.5, "peak_memory_mb": 250, "page_ms": 200}

# The underlying columns, bare: what the list would cost without withholding or composed texts.
BASELINE_SQL = """
SELECT o.code, o.beneficiary_name, org.enterprise_number, o.name, o.purpose, o.start_date,
       COALESCE(o.actual_end_date, o.end_date), o.total_cost, o.total_eligible_cost, o.eu_contribution,
       o.own_contribution, o.other_public_funding, f.code, so.code, so.short_nl, o.cofinancing_rate,
       o.postcode, o.location_text, n.code, o.country, ifd.code, ifd.title, o.selected_at, c.reference
FROM projects_operation o
JOIN reference_fund f ON f.id = o.fund_id
JOIN reference_specificobjective so ON so.id = o.specific_objective_id
JOIN calls_call c ON c.id = o.call_id
JOIN applications_organisation org ON org.id = o.beneficiary_id
LEFT JOIN reference_nutsarea n ON n.id = o.nuts_id
LEFT JOIN reference_interventionfield ifd ON ifd.id = o.intervention_field_id
WHERE o.status IN ('selected', 'active', 'completed', 'terminated')
ORDER BY o.code
"""


def add_arguments(parser):
    parser.add_argument("--operations", type=int, default=200_000, help="synthetic operations to build")


class Throwaway:
    """A database used only by the benchmark, and the environment that points a child process at it."""

    def __init__(self):
        self.vendor = connection.vendor
        self.env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "bench-only", "ALLOWED_HOSTS": "localhost"}

    def __enter__(self):
        if self.vendor == "postgresql":
            import psycopg

            settings = connection.settings_dict
            self.name = f"subsidia_bench_{os.getpid()}"
            self.conninfo = {
                "host": settings["HOST"] or "localhost",
                "port": settings["PORT"] or 5432,
                "user": settings["USER"],
                "password": settings["PASSWORD"],
            }
            with psycopg.connect(dbname=settings["NAME"], autocommit=True, **self.conninfo) as admin:
                admin.execute(f"CREATE DATABASE {self.name}")
            info = self.conninfo
            self.env["DATABASE_URL"] = (
                f"postgres://{quote(info['user'])}:{quote(info['password'] or '')}@{info['host']}:{info['port']}/"
                f"{self.name}"
            )
        else:
            self.directory = tempfile.mkdtemp(prefix="subsidia-bench-")
            self.env.pop("DATABASE_URL", None)
            self.env["SUBSIDIA_DATA_DIR"] = self.directory
            self.path = os.path.join(self.directory, "subsidia.sqlite3")
            os.makedirs(os.path.join(self.directory, "static"))
        return self

    def __exit__(self, *exc):
        if self.vendor == "postgresql":
            import psycopg

            with psycopg.connect(dbname=connection.settings_dict["NAME"], autocommit=True, **self.conninfo) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        else:
            shutil.rmtree(self.directory, ignore_errors=True)

    def child(self, *args) -> tuple[dict, float]:
        """Run a worker command; its JSON result and its peak resident memory in MB."""
        command = [sys.executable, "-m", "subsidia.transparency.bench_worker", *map(str, args)]
        process = subprocess.Popen(command, env=self.env, stdout=subprocess.PIPE)
        output = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        if process.returncode != 0:
            raise RuntimeError(f"bench worker {args[0]} failed (exit {process.returncode})")
        last = output.decode().strip().splitlines()[-1]
        return json.loads(last), usage.ru_maxrss / 1024  # kilobytes on Linux

    def database_csv(self, path: str, sql: str, params: list) -> float:
        """Seconds for the database to write a query's rows as CSV by its own means."""
        started = time.perf_counter()
        if self.vendor == "postgresql":
            import psycopg

            with (
                psycopg.connect(dbname=self.name, **self.conninfo) as conn,
                open(path, "wb") as out,
                conn.cursor().copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy,
            ):
                for block in copy:
                    out.write(block)
        else:
            import sqlite3

            with sqlite3.connect(self.path) as conn, open(path, "w", newline="", encoding="utf-8") as out:
                csv.writer(out, lineterminator="\n").writerows(conn.execute(sql, params))
        return time.perf_counter() - started


def _list(values) -> str:
    return ", ".join(f"{value:.3f}" for value in values)


def _timed(runs: int, once) -> list[float]:
    once()  # warm-up: caches, the operating system's file cache
    return [once() for _ in range(runs)]


def run(*, runs: int = 5, operations: int = 200_000, out=print) -> dict:
    with Throwaway() as db, tempfile.TemporaryDirectory(prefix="subsidia-bench-files-") as files:
        out(f"Building {operations} synthetic operations in a throwaway {db.vendor} database (not timed)…")
        built, _rss = db.child("setup", operations)
        out(f"  built {built['operations']} operations in {built['seconds']} s")
        export_path, baseline_path = os.path.join(files, "export.csv"), os.path.join(files, "database.csv")
        peaks, exports = [], []

        def export_once():
            result, peak = db.child("export", export_path)
            peaks.append(peak)
            return result["seconds"]

        exports = _timed(runs, export_once)
        size = os.path.getsize(export_path)
        query, _rss = db.child("query")
        sql, params = query["sql"], query["params"]
        baselines = _timed(runs, lambda: db.database_csv(baseline_path, sql, params))
        plain = _timed(runs, lambda: db.database_csv(baseline_path, BASELINE_SQL, []))
        out(f"  export (s): {_list(exports)}")
        out(f"  database, same query (s): {_list(baselines)}")
        out(f"  database, plain columns (s): {_list(plain)}")
        pages, _rss = db.child("page", operations)
        cpu = pages.pop("cpu")  # the rest: wall-clock medians
        out(f"  pages, wall-clock (median ms): {pages}")
        out(f"  pages, CPU time of the process (median ms): {cpu}")
    seconds, database = statistics.median(exports), statistics.median(baselines)
    figures = {
        "database": db.vendor,
        "operations": built["operations"],
        "runs": runs,
        "seconds": round(seconds, 3),
        "database_seconds": round(database, 3),
        "ratio": round(seconds / database, 3),
        "plain_columns_seconds": round(statistics.median(plain), 3),
        "ratio_plain_columns": round(seconds / statistics.median(plain), 3),
        "peak_memory_mb": round(max(peaks[1:] or peaks), 1),
        "bytes": size,
        "page_ms": pages["list"],
        "pages_ms": pages,
        "page_cpu_ms": cpu["list"],
        "pages_cpu_ms": cpu,
        "targets": TARGETS,
    }
    figures["within_targets"] = (
        figures["ratio"] <= TARGETS["ratio"]
        and figures["peak_memory_mb"] < TARGETS["peak_memory_mb"]
        and figures["page_ms"] < TARGETS["page_ms"]
    )
    return figures
