"""The answer pack as XLSX (the command line and the API), PDF and pages: the contract columns, one row per
operation, the data date on every sheet and page, the languages."""

import io
import re
import subprocess
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from subsidia.core.money import CENT
from subsidia.transparency.selectors import operations as published

from .. import answerpack
from ..answerpack import pdf, xlsx
from . import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(officer, approver):
    return scenario.build(officer, approver)


def project_sheet(workbook):
    """The sheet whose header row holds the field map's keys, its header and its rows below it."""
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        for index, row in enumerate(rows):
            if "unique_operation_code" in row:
                return sheet, list(row), [r for r in rows[index + 1 :] if any(v is not None for v in r)]
    raise AssertionError("no per-project sheet")


def cents(value):
    return Decimal(str(value)).quantize(CENT)


def test_the_command_writes_an_xlsx_with_one_row_per_operation_matching_the_published_list(world, tmp_path):
    path = tmp_path / "pack.xlsx"
    call_command("answer_pack", str(world.question.pk), "--format", "xlsx", "--output", str(path))
    _sheet, header, rows = project_sheet(load_workbook(path, read_only=True))
    assert {"unique_operation_code", "total_cost", "eu_contribution", "beneficiary_name"} <= set(header)
    assert len(rows) == len(world.operations)
    published_rows = {
        r["unique_operation_code"]: r
        for r in published.published_rows(
            published.public_operations().filter(region__code="VLG"), published.context("nl")
        )
    }
    for row in rows:
        values = dict(zip(header, row, strict=True))
        expected = published_rows[values["unique_operation_code"]]
        for key in ("total_cost", "total_eligible_cost", "eu_contribution", "own_contribution", "other_public_funding"):
            assert cents(values[key]) == expected[key], key
        assert values["beneficiary_name"] == expected["beneficiary_name"]


def test_every_sheet_opens_with_the_data_date(world):
    pack = answerpack.build(world.question, language="en")
    workbook = load_workbook(io.BytesIO(xlsx.render(pack)), read_only=True)
    assert len(workbook.worksheets) >= 8
    for sheet in workbook.worksheets:
        first = next(sheet.iter_rows(values_only=True))
        assert first[0].startswith("Data as of "), sheet.title
        assert "(live data)" in first[0]


def test_the_workbook_speaks_the_packs_language(world):
    titles = {}
    for language in ("nl", "fr", "en"):
        pack = answerpack.build(world.question, language=language)
        titles[language] = load_workbook(io.BytesIO(xlsx.render(pack)), read_only=True).sheetnames
    assert titles["en"][0] == "Summary"
    assert titles["nl"][0] == "Samenvatting"
    assert titles["fr"][0] == "Résumé"
    # The per-project sheet keeps the field map's keys as column names in every language.
    for language in ("nl", "fr"):
        pack = answerpack.build(world.question, language=language)
        _sheet, header, _rows = project_sheet(load_workbook(io.BytesIO(xlsx.render(pack)), read_only=True))
        assert header[0] == "unique_operation_code"


def test_the_summary_sheet_carries_the_envelope_and_the_totals(world):
    pack = answerpack.build(world.question, language="en")
    sheet = load_workbook(io.BytesIO(xlsx.render(pack)), read_only=True)["Summary"]
    summary = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert cents(summary["EU contribution (envelope)"]) == Decimal("1000000.01")
    assert cents(summary["Total cost of the operations"]) == Decimal("213333.88")
    assert summary["Operations selected"] == 4
    assert summary["Operations with restricted publication"] == 1


def pdf_text(content: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return done.stdout.decode()


def test_the_pdf_shows_every_project_and_the_data_date_on_every_page(world):
    pack = answerpack.build(world.question, language="nl")
    text = pdf_text(pdf.render(pack))
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) >= 2
    for page in pages:
        assert "Gegevens op" in page or "Data as of" in page
    for op in world.operations:
        assert op.code in text
    assert "120.000,01" in text  # Dutch (Belgian) number formatting
    assert "Jan Janssens" in text  # a natural person's name while its publication period lasts
    assert "213.333,88" in text


def test_the_pdf_in_french(world):
    text = pdf_text(pdf.render(answerpack.build(world.question, language="fr")))
    assert "120 000,01" in re.sub(r"[\u202f\u00a0]", " ", text)
    assert "Données au" in text


def test_the_command_writes_a_pdf_and_refuses_bad_input(world, tmp_path):
    path = tmp_path / "pack.pdf"
    call_command("answer_pack", str(world.question.pk), "--format", "pdf", "--language", "en", "--output", str(path))
    assert path.read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="No written question"):
        call_command("answer_pack", "999999", "--format", "pdf", "--output", str(path))
    with pytest.raises(CommandError, match="No written question"):
        call_command("answer_pack", "abc", "--format", "pdf", "--output", str(path))
    with pytest.raises(CommandError, match="publication"):
        call_command("answer_pack", str(world.question.pk), "--format", "pdf", "--as-of", "77", "--output", str(path))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("answer_pack", str(world.question.pk), "--format", "pdf", "--output", "/no/such/dir/p.pdf")


def test_the_api_downloads_the_pack(world, api_as, officer):
    client = api_as(officer)
    url = f"/api/v1/parliamentary-questions/{world.question.pk}/answer-pack/"
    response = client.get(url, {"format": "xlsx", "language": "nl"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    _sheet, _header, rows = project_sheet(load_workbook(io.BytesIO(response.content), read_only=True))
    assert len(rows) == 4
    response = client.get(url, {"format": "pdf", "language": "fr"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    for bad in ({"format": "doc"}, {"language": "xx"}, {"as_of": "abc"}, {"as_of": "42"}):
        response = client.get(url, bad)
        assert response.status_code == 400, bad
        assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(("role", "status"), [("auditor", 200), ("applicant", 403)])
def test_the_pack_is_for_the_registers_readers(world, api_as, request, role, status):
    url = f"/api/v1/parliamentary-questions/{world.question.pk}/answer-pack/?format=xlsx"
    assert api_as(request.getfixturevalue(role)).get(url).status_code == status


def test_the_officers_page_shows_the_pack_and_links_the_downloads(world, client, officer):
    client.force_login(officer)
    base = f"/manage/parliament/questions/{world.question.pk}/answer-pack"
    response = client.get(f"{base}/", {"language": "en"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "AMIF-VLG-2026-0001" in page and "withheld (publication restricted)" in page
    assert f"{base}.pdf?language=en" in page
    assert client.get(f"{base}.xlsx", {"language": "fr"}).status_code == 200
    assert client.get(f"{base}/", {"language": "xx"}).status_code == 400
    assert client.get(f"{base}.doc").status_code == 404


@pytest.mark.parametrize(
    ("language", "summary", "data"),
    [("nl", "Samenvatting", "Gegevens op"), ("fr", "Résumé", "Données au"), ("en", "Summary", "Data as of")],
)
def test_the_officer_downloads_the_pack_in_each_language(world, client, officer, language, summary, data):
    client.force_login(officer)
    base = f"/manage/parliament/questions/{world.question.pk}/answer-pack"
    response = client.get(f"{base}.xlsx", {"language": language})
    assert response.status_code == 200
    assert f"-{language}-" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames[0] == summary
    response = client.get(f"{base}.pdf", {"language": language})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert all(data in page for page in text.split("\f") if page.strip())
    page = client.get(f"{base}/", {"language": language}).content.decode()
    assert f'lang="{language}"' in page and data in page
