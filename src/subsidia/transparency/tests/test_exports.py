"""Downloads of the list of operations: the database-written CSV equals the rows every other output uses, texts
that a spreadsheet would run are neutralised, amounts are exact, every download streams, and the command keeps
its contract."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from openpyxl import load_workbook

from .. import fields as field_map
from ..exports import csv_sql, tabular
from ..selectors import operations as selectors
from .factories import OperationFactory

DANGEROUS = ["=1+1", "+32 2 123 45 67", "-5 %", "@SUM(A1)", "\tindent", "\rreturn"]


def parsed(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def database_csv(delimiter=",", language="nl") -> str:
    ctx = selectors.context(language)
    return b"".join(csv_sql.csv_chunks(selectors.public_operations(), ctx, delimiter=delimiter)).decode()


def python_csv(delimiter=",", language="nl") -> str:
    ctx = selectors.context(language)
    rows = selectors.published_rows(selectors.public_operations(), ctx)
    return b"".join(tabular.csv_chunks(rows, delimiter=delimiter)).decode()


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40
).map(lambda t: t.strip() or "x")
cents = st.integers(min_value=0, max_value=99_999_999_999)


class DatabaseCsvTest(TestCase):
    """Hypothesis: whatever the texts and amounts, the CSV the database writes is the CSV of the published rows."""

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        name=st.one_of(texts, st.sampled_from(DANGEROUS)),
        purpose=st.one_of(texts, st.sampled_from(DANGEROUS)),
        eligible=cents,
        eu_share_permille=st.integers(min_value=0, max_value=1000),
        extra=cents,
        rate=st.decimals(min_value=0, max_value=1, places=4),
    )
    def test_database_csv_equals_csv_of_published_rows(self, name, purpose, eligible, eu_share_permille, extra, rate):
        eligible_amount = Decimal(eligible) / 100
        eu = (eligible_amount * eu_share_permille / 1000).quantize(Decimal("0.01"))
        OperationFactory(
            name=name,
            name_nl=name,
            purpose=purpose,
            purpose_nl=purpose,
            total_cost=eligible_amount + Decimal(extra) / 100,
            total_eligible_cost=eligible_amount,
            eu_contribution=eu,
            own_contribution=eligible_amount - eu,
            other_public_funding=Decimal("0.00"),
            cofinancing_rate=rate,
        )
        for delimiter in (",", ";"):
            assert parsed(database_csv(delimiter), delimiter) == parsed(python_csv(delimiter), delimiter)


@pytest.mark.django_db
def test_csv_neutralises_formula_texts_and_keeps_amounts_exact(make_op):
    make_op(
        name='=HYPERLINK("http://evil")',
        name_nl='=HYPERLINK("http://evil")',
        purpose='Twee regels, met "aanhalingstekens"\nen een komma',
        purpose_nl='Twee regels, met "aanhalingstekens"\nen een komma',
        beneficiary_name="@Kwaadaardig vzw",
        total_cost=Decimal("1234567.89"),
        total_eligible_cost=Decimal("1000000.01"),
        eu_contribution=Decimal("750000.01"),
        own_contribution=Decimal("250000.00"),
        cofinancing_rate=Decimal("0.7500"),
    )
    header, row = parsed(database_csv())
    cell = dict(zip(header, row, strict=True))
    assert cell["operation_name"] == '\'=HYPERLINK("http://evil")'
    assert cell["beneficiary_name"] == "'@Kwaadaardig vzw"
    assert cell["purpose_and_achievements"] == 'Twee regels, met "aanhalingstekens"\nen een komma'
    assert cell["total_cost"] == "1234567.89"
    assert cell["total_eligible_cost"] == "1000000.01"
    assert cell["union_cofinancing_rate"] == "0.7500"
    header, row = parsed(database_csv(";"), ";")
    cell = dict(zip(header, row, strict=True))
    assert cell["total_cost"] == "1234567,89"
    assert cell["union_cofinancing_rate"] == "0,7500"


@pytest.mark.django_db
def test_every_formula_prefix_is_neutralised_in_csv_and_xlsx(make_op):
    for n, text in enumerate(DANGEROUS):
        make_op(code=f"AMIF-VLG-2026-{n + 1:04d}", name=text, name_nl=text)
    rows = parsed(database_csv())[1:]
    assert [row[field_map.PUBLISHED_KEYS.index("operation_name")] for row in rows] == ["'" + t for t in DANGEROUS]
    stream = tabular.xlsx_tempfile(selectors.published_rows(selectors.public_operations(), selectors.context("nl")))
    sheet = load_workbook(stream, read_only=True)["operations"]
    names = [
        row[field_map.PUBLISHED_KEYS.index("operation_name")] for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    # XML reads a carriage return back as a line feed; what matters is the apostrophe in front.
    assert names == ["'" + t.replace("\r", "\n") for t in DANGEROUS]


@pytest.mark.django_db
def test_xlsx_keeps_amounts_as_numbers_and_dates_as_dates(make_op):
    make_op(total_cost=Decimal("100000.05"))
    stream = tabular.xlsx_tempfile(selectors.published_rows(selectors.public_operations(), selectors.context("nl")))
    sheet = load_workbook(stream)["operations"]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["total_cost"].value == pytest.approx(100000.05)
    assert row["total_cost"].number_format == "#,##0.00"
    assert row["start_date"].is_date


@pytest.mark.django_db
def test_texts_are_in_the_requested_language_with_the_binding_text_as_fallback(make_op):
    make_op(name="Samen op weg", name_nl="Samen op weg", name_fr="Ensemble", name_en="")
    column = field_map.PUBLISHED_KEYS.index("operation_name")
    assert parsed(database_csv(language="fr"))[1][column] == "Ensemble"
    assert parsed(database_csv(language="en"))[1][column] == "Samen op weg"


@pytest.mark.django_db
def test_export_command_writes_one_header_and_one_row_per_operation(make_op, tmp_path):
    for n in range(3):
        make_op(code=f"AMIF-VLG-2026-{n + 1:04d}")
    target = tmp_path / "list.csv"
    call_command("export_operations", "--format", "csv", "--output", str(target), stderr=io.StringIO())
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["unique_operation_code"] for row in rows] == [
        "AMIF-VLG-2026-0001",
        "AMIF-VLG-2026-0002",
        "AMIF-VLG-2026-0003",
    ]
    assert all(row["total_cost"] == "100000.00" and row["union_cofinancing_rate"] == "0.7500" for row in rows)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv-semicolon", "xlsx", "json", "360giving"])
def test_export_command_writes_every_format(make_op, tmp_path, fmt):
    make_op()
    target = tmp_path / f"list.{fmt}"
    call_command("export_operations", "--format", fmt, "--output", str(target), stderr=io.StringIO())
    content = target.read_bytes()
    if fmt == "xlsx":
        assert load_workbook(io.BytesIO(content))["operations"].max_row == 2
    elif fmt == "csv-semicolon":
        assert content.startswith("\ufeff".encode()) and b";" in content.splitlines()[0]
    else:
        data = json.loads(content)
        assert len(data["grants"] if fmt == "360giving" else data["operations"]) == 1


@pytest.mark.django_db
def test_360giving_export_of_nothing_is_refused(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="at least one grant"):
        call_command("export_operations", "--format", "360giving", "--output", str(tmp_path / "x.json"))


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "csv-semicolon", "json", "360giving", "xlsx"])
def test_downloads_stream(client, make_op, fmt):
    make_op()
    response = client.get(f"/list-of-operations/download.{fmt}")
    assert response.status_code == 200
    assert response.streaming
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content)


@pytest.mark.django_db
def test_download_applies_the_filters_of_the_page(client, make_op):
    make_op(code="AMIF-VLG-2026-0001", name_nl="Buddy's in Gent")
    make_op(code="AMIF-VLG-2026-0002", name_nl="Taalcafé Leuven")
    response = client.get("/list-of-operations/download.csv?q=taalcafe")
    rows = parsed(b"".join(response.streaming_content).decode())
    assert [row[0] for row in rows[1:]] == ["AMIF-VLG-2026-0002"]


@pytest.mark.django_db
def test_csv_export_reads_the_database_in_blocks(make_op, monkeypatch):
    """Memory stays flat: the export never holds more than a block of rows (SQLite) or of bytes (COPY)."""
    monkeypatch.setattr(csv_sql, "BLOCK_ROWS", 2)
    for n in range(5):
        make_op(code=f"AMIF-VLG-2026-{n + 1:04d}")
    chunks = list(csv_sql.csv_chunks(selectors.public_operations(), selectors.context("nl")))
    if connection.vendor == "sqlite":
        assert len(chunks) == 1 + 3  # the header, then blocks of two rows
    assert len(parsed(b"".join(chunks).decode())) == 6


@pytest.mark.django_db
def test_selection_date_is_the_day_in_brussels(make_op):
    make_op(selected_at=dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC))  # 00:30 on 1 July in Brussels
    row = next(selectors.published_rows(selectors.public_operations(), selectors.context("nl")))
    assert row["selection_date"] == dt.date(2026, 7, 1)
    assert parsed(database_csv())[1][field_map.PUBLISHED_KEYS.index("selection_date")] == "2026-07-01"


@pytest.mark.django_db
def test_csv_dates_are_iso_whatever_the_servers_date_style(make_op):
    make_op(start_date=dt.date(2026, 3, 1), selected_at=dt.datetime(2026, 2, 2, 9, 0, tzinfo=dt.UTC))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # undone with the test's transaction
            cursor.execute("SET DateStyle TO 'German, DMY'")
    cell = dict(zip(*parsed(database_csv()), strict=True))
    assert (cell["start_date"], cell["selection_date"]) == ("2026-03-01", "2026-02-02")


@pytest.mark.django_db
def test_cancelled_operations_are_not_listed(make_op):
    make_op(code="AMIF-VLG-2026-0001")
    make_op(code="AMIF-VLG-2026-0002", status="cancelled")
    assert [row[0] for row in parsed(database_csv())[1:]] == ["AMIF-VLG-2026-0001"]


def test_json_chunks_write_amounts_as_decimal_strings():
    rows = [{"unique_operation_code": "X", "total_cost": Decimal("10.50"), "start_date": dt.date(2026, 1, 2)}]
    data = json.loads(
        b"".join(tabular.json_chunks(rows, {"t": 1}, keys=["unique_operation_code", "total_cost", "start_date"]))
    )
    assert data["operations"] == [{"unique_operation_code": "X", "total_cost": "10.50", "start_date": "2026-01-02"}]


@pytest.mark.django_db
def test_export_command_shows_a_progress_bar_on_a_terminal(make_op, tmp_path, monkeypatch):
    import sys

    for n in range(3):
        make_op(code=f"AMIF-VLG-2026-{n + 1:04d}")

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    call_command("export_operations", "--format", "json", "--output", str(tmp_path / "list.json"))
    assert "3/3" in terminal.getvalue()  # tqdm's counter reached every operation
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    call_command("export_operations", "--format", "csv", "--output", str(tmp_path / "l.csv"), "--no-progress")
    assert "3/3" not in quiet.getvalue()
