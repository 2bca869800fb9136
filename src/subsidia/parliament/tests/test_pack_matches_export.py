"""The answer pack against the open-data export of the list of operations (``subsidia export_operations``,
written by the database through the transparency app's field map) and against the programme page: every
project's budget is its row in the export to the cent, withheld beneficiaries stay withheld, and the totals are
the programme's committed totals. Once for the scenario with odd cents, once for the demo question over the demo
programme (operations built here, so the test does not wait for the later stages' demos)."""

import csv
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from subsidia.applications.tests.factories import ApplicationFactory, CallFactory
from subsidia.core.money import CENT, ZERO
from subsidia.programmes.models import Programme, Region
from subsidia.projects.tests.factories import OperationFactory
from subsidia.transparency.selectors.overview import overview
from subsidia.transparency.tests.factories import RestrictionFactory

from .. import answerpack, demo
from ..models import WrittenQuestion
from . import scenario

pytestmark = pytest.mark.django_db
BUDGET = ("total_cost", "total_eligible_cost", "eu_contribution", "own_contribution", "other_public_funding")
D = Decimal


def exported(tmp_path) -> dict[str, dict]:
    """The list of operations as ``subsidia export_operations --format csv`` writes it, by operation code."""
    path = tmp_path / "operations.csv"
    call_command("export_operations", "--format", "csv", "--output", str(path), "--no-progress")
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {row["unique_operation_code"]: row for row in csv.DictReader(handle)}


def packed(question, tmp_path) -> list[dict]:
    """The per-project sheet of ``subsidia answer_pack <id> --format xlsx``, one dict per row."""
    path = tmp_path / "pack.xlsx"
    call_command("answer_pack", str(question.pk), "--format", "xlsx", "--output", str(path))
    for sheet in load_workbook(path, read_only=True).worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        for index, row in enumerate(rows):
            if "unique_operation_code" in row:
                header = list(row)
                return [dict(zip(header, r, strict=True)) for r in rows[index + 1 :] if any(v is not None for v in r)]
    raise AssertionError("no per-project sheet")


def amount(value) -> Decimal:
    return ZERO if value in (None, "") else Decimal(str(value)).quantize(CENT)


def assert_pack_matches_export(question, tmp_path) -> list[dict]:
    rows = packed(question, tmp_path)
    export = exported(tmp_path)
    assert rows, "the pack has projects"
    for row in rows:
        line = export[row["unique_operation_code"]]
        for key in BUDGET:
            assert amount(row[key]) == amount(line[key]), (row["unique_operation_code"], key)
        assert (row["beneficiary_name"] or "") == line["beneficiary_name"]
        assert str(row["publication_restricted"]).lower() == line["publication_restricted"].lower()
        if line["publication_restricted"].lower() == "true":
            assert not row["beneficiary_name"] and not row["postcode"]
    return rows


def assert_totals_are_committed(question, rows) -> None:
    pack = answerpack.build(question)
    [line] = [line for line in overview(question.programme).by_region if line.code == question.region.code]
    assert pack.projects.totals["operations"] == len(rows) == line.operations
    assert pack.projects.totals["eu_contribution"] == line.committed_eu
    assert pack.projects.totals["total_cost"] == line.committed_total_cost
    assert sum((amount(r["eu_contribution"]) for r in rows), ZERO) == line.committed_eu
    assert sum((amount(r["total_cost"]) for r in rows), ZERO) == line.committed_total_cost


def test_every_budget_in_the_pack_is_its_row_in_the_export_to_the_cent(officer, approver, tmp_path):
    world = scenario.build(officer, approver)
    rows = assert_pack_matches_export(world.question, tmp_path)
    assert sorted(r["unique_operation_code"] for r in rows) == sorted(o.code for o in world.operations)
    restricted = next(r for r in rows if r["unique_operation_code"] == world.restricted.code)
    assert restricted["beneficiary_name"] is None
    assert_totals_are_committed(world.question, rows)


def test_the_demo_question_over_the_demo_programme_matches_the_export_and_the_programme_page(
    programme_demo, approver, tmp_path
):
    programme = Programme.objects.get(cci=programme_demo)
    flanders, wallonia = Region.objects.get(code="VLG"), Region.objects.get(code="WAL")
    call = CallFactory(programme=programme, region=flanders, reference="AMIF-VLG-DEMO-TEST")
    figures = [
        ("AMIF-VLG-2026-0101", "250000.00", "240000.00", "180000.00", "50000.00", "10000.00"),
        ("AMIF-VLG-2026-0102", "99999.99", "99999.99", "74999.99", "25000.00", "0.00"),
        ("AMIF-VLG-2026-0103", "60000.03", "60000.03", "45000.02", "15000.01", "0.00"),
    ]
    operations = [
        OperationFactory(
            application=ApplicationFactory(call=call),
            code=code,
            total_cost=D(total),
            total_eligible_cost=D(eligible),
            eu_contribution=D(eu),
            own_contribution=D(own),
            other_public_funding=D(other),
        )
        for code, total, eligible, eu, own, other in figures
    ]
    RestrictionFactory(operation=operations[2])
    OperationFactory(
        application=ApplicationFactory(call=CallFactory(programme=programme, region=wallonia)),
        code="AMIF-WAL-2026-0101",
    )
    demo.load(lambda *_: None)
    question = WrittenQuestion.objects.get(number=demo.NUMBER, title=demo.TITLE)
    rows = assert_pack_matches_export(question, tmp_path)
    assert [r["unique_operation_code"] for r in rows] == [code for code, *_ in figures]
    assert_totals_are_committed(question, rows)
    pack = answerpack.build(question)
    assert pack.envelope.total["eu_contribution"] == D("38000000.00")  # Flanders' share of the demo programme
    assert pack.projects.totals["total_cost"] == D("410000.02")
