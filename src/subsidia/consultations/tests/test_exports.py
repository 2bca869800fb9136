"""Results as XLSX (opened with openpyxl) and as a PDF report (its text read back with pdftotext)."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .. import services
from ..constants import QuestionKind, StakeholderType
from .factories import complete_answers, invite, survey_with_questions

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered():
    survey = survey_with_questions(title_en="Survey on buddies", title_fr="Enquête sur le parrainage")
    for stakeholder_type in [StakeholderType.LOCAL_GOVERNMENT] * 5 + [StakeholderType.CIVIL_SOCIETY] * 5:
        _invitation, token = invite(survey, stakeholder_type=stakeholder_type)
        answers = complete_answers(survey)
        answers[survey.questions.get(kind=QuestionKind.FREE_TEXT).pk] = '=HYPERLINK("http://evil")'
        services.response_save(token, answers, submit=True)
    return survey


def test_the_spreadsheet_holds_summary_results_and_written_answers(client, officer, answered):
    client.force_login(officer)
    response = client.get(reverse("consultations:results-export", args=[answered.pk, "xlsx"]) + "?lang=en")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('results-en.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Summary", "Results", "Written answers"]
    summary = list(workbook["Summary"].iter_rows(values_only=True))
    assert summary[0][0] == "Survey on buddies"
    assert ("All respondents", None, 10) in [tuple(r[:3]) for r in summary]
    results = list(workbook["Results"].iter_rows(values_only=True))
    header = results[0]
    assert header[:5] == ("No.", "Question", "Kind", "Group of respondents", "Answer")
    ranking_rows = [r for r in results[1:] if r[2] == "Ranking of priorities" and r[3] == "All respondents"]
    assert [r[header.index("Borda points")] for r in ranking_rows] == [20, 10, 0]
    shares = [
        r[header.index("Share (%)")] for r in results[1:] if r[2] == "Single choice" and r[3] == "All respondents"
    ]
    assert shares[0] == 100
    texts = list(workbook["Written answers"].iter_rows(values_only=True))
    assert len(texts) == 1 + 10  # every group is large enough: texts listed per group
    assert all(str(row[3]).startswith("'=") for row in texts[1:])  # formulas neutralised


def test_the_pdf_report_is_tagged_and_carries_the_data_date(client, member, answered):
    client.force_login(member)
    response = client.get(reverse("consultations:results-export", args=[answered.pk, "pdf"]) + "?lang=fr")
    assert response.status_code == 200
    content = response.content
    assert content.startswith(b"%PDF")
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        pytest.skip("poppler-utils (pdftotext, pdfinfo) are not installed")
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout.decode()
    assert "Tagged:          yes" in info
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    assert "Enquête sur le parrainage" in text
    assert text.count("Données au") + text.count("Data as of") >= 1
    assert "Borda" in text


def test_exports_are_refused_to_applicants(client, applicant, answered):
    client.force_login(applicant)
    for fmt in ("xlsx", "pdf"):
        assert client.get(reverse("consultations:results-export", args=[answered.pk, fmt])).status_code == 404
