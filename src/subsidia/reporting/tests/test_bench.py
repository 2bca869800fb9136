"""The benchmark commands keep their contract: the last line is one JSON object with the figures that scripts
and outside checks read. Tiny sizes here; the timings themselves are for `subsidia bench` by hand, never tests."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db(transaction=True)


def _last_json_line(*args) -> dict:
    out = StringIO()
    call_command("bench", *args, stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


def test_ranking_benchmark_prints_its_figures_and_leaves_nothing_behind(reload_reference):
    from subsidia.applications.models import Application

    figures = _last_json_line("ranking", "--applications", "40", "--runs", "1")
    assert {"seconds", "ratio", "database"} <= figures.keys()
    assert figures["database"] in ("sqlite", "postgresql")
    assert figures["seconds"] > 0 and figures["ratio"] > 0
    assert not Application.objects.exists()


def test_a_benchmark_refuses_zero_runs():
    with pytest.raises(CommandError):
        call_command("bench", "ranking", "--applications", "5", "--runs", "0", stdout=StringIO())


def test_export_benchmark_prints_its_figures():
    from subsidia.projects.models import Operation

    figures = _last_json_line("export", "--operations", "30", "--runs", "1")
    assert {"seconds", "ratio", "peak_memory_mb", "database"} <= figures.keys()
    assert figures["database"] in ("sqlite", "postgresql")
    assert figures["peak_memory_mb"] > 0 and figures["ratio"] > 0
    assert not Operation.objects.exists()
