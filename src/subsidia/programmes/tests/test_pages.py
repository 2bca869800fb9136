"""Programme pages: the public budget in three languages, the officer pages, the exports."""

import csv
import io
import re

import openpyxl
import pytest

from subsidia.programmes.models import Programme


@pytest.fixture
def programme(programme_demo):
    return Programme.objects.get(cci="2021BE65AMPR001")


@pytest.mark.parametrize(
    ("language", "eu_total", "heading"),
    [
        ("nl", "€\xa0233.000.000,00", "Begroting per specifieke doelstelling en jaar"),
        ("fr", "233\u202f000\u202f000,00\xa0€", "Budget par objectif spécifique et par année"),
        ("en", "€233,000,000.00", "Budget per specific objective and year"),
    ],
)
def test_public_budget_page_shows_the_same_totals_in_each_language(client, programme, language, eu_total, heading):
    response = client.get(f"/budget/{programme.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert eu_total in html
    assert heading in html
    assert "<svg" in html


def test_public_budget_page_needs_no_login_and_labels_demo_data(client, programme):
    html = client.get(f"/budget/{programme.pk}/").content.decode()
    assert 'id="demo-notice"' in html


def test_officer_pages_need_a_staff_role(client, programme, applicant):
    assert client.get("/programmes/").status_code == 302  # to the login page
    client.force_login(applicant)
    assert client.get(f"/programmes/{programme.pk}/").status_code == 403


def test_officer_sees_the_programme_and_its_versions(client, programme, officer):
    client.force_login(officer)
    assert client.get("/programmes/").status_code == 200
    response = client.get(f"/programmes/{programme.pk}/versions/1/")
    assert response.status_code == 200
    assert "allocations" in response.content.decode()


def test_csv_export_sums_to_the_programme_total(client, programme):
    response = client.get(f"/programmes/{programme.pk}/versions/1/budget.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    eu_column = header.index(next(h for h in header if h.startswith("EU")))
    from decimal import Decimal

    assert sum(Decimal(r[eu_column]) for r in body) == Decimal("233000000.00")


def test_semicolon_csv_uses_decimal_commas(client, programme):
    response = client.get(f"/programmes/{programme.pk}/versions/1/budget.semicolon.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert re.search(r";\d+,\d\d;", text)


def test_xlsx_export_has_the_budget_and_regions(client, programme):
    response = client.get(f"/programmes/{programme.pk}/versions/1/budget.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == 2
    sheet = workbook[workbook.sheetnames[0]]
    assert sheet["A1"].value == "2021BE65AMPR001"


def test_an_officer_creating_a_bad_allocation_sees_the_error_next_to_the_field(client, officer, programme):
    from subsidia.programmes import services

    client.force_login(officer)
    version = services.programme_amend(officer, programme, reason="test")
    response = client.post(
        f"/programmes/{programme.pk}/versions/{version.number}/allocations/new/",
        {
            "specific_objective": version.allocations.first().specific_objective_id,
            "region": version.allocations.first().region_id,
            "implementation_modality": version.allocations.first().implementation_modality_id,
            "year": 2099,
            "eu_contribution": "100",
            "national_contribution": "-1",
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
