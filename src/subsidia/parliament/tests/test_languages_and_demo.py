"""The register and the pack in Dutch and French; the demo question and its answer pack from the demo data."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from openpyxl import load_workbook

from subsidia.core.models import AuditEvent

from .. import answerpack, demo
from ..answerpack import xlsx
from ..constants import QuestionStatus
from ..models import WrittenQuestion
from .factories import WrittenQuestionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "status"),
    [("nl", "Schriftelijke parlementaire vragen", "Ontvangen"), ("fr", "Questions parlementaires écrites", "Reçue")],
)
def test_the_register_speaks_dutch_and_french(client, officer, language, title, status):
    WrittenQuestionFactory()
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/manage/parliament/questions/").content.decode()
    assert title in page
    assert status in page


def test_the_demo_question_is_in_preparation_and_cites_question_290(programme_demo):
    demo.load(lambda *_: None)
    question = WrittenQuestion.objects.get(number=demo.NUMBER, title=demo.TITLE)
    assert question.status == QuestionStatus.IN_PREPARATION
    assert question.region.code == "VLG"
    assert question.programme.cci == demo.PROGRAMME
    [cited] = question.earlier_links.all()
    assert (cited.number, str(cited.asked_on)) == ("290", "2020-06-19")
    assert "290" in question.question_text and question.answer_text
    demo.load(lambda *_: None)  # idempotent
    assert WrittenQuestion.objects.filter(number=demo.NUMBER).count() == 1
    actions = set(AuditEvent.objects.filter(object_type="parliament.writtenquestion").values_list("action", flat=True))
    assert actions == {
        "written_question.registered",
        "written_question.link_added",
        "written_question.preparation_started",
        "written_question.updated",
    }


def test_the_demo_answer_pack_matches_the_published_list_and_the_programme_page(request, tmp_path):
    request.getfixturevalue("demo")
    from subsidia.transparency.selectors import operations as published
    from subsidia.transparency.selectors.overview import overview

    question = WrittenQuestion.objects.get(
        number="412", title=__import__("subsidia.parliament.demo", fromlist=["TITLE"]).TITLE
    )
    path = tmp_path / "pack.xlsx"
    call_command("answer_pack", str(question.pk), "--format", "xlsx", "--output", str(path))
    workbook = load_workbook(path, read_only=True)
    sheet = workbook[workbook.sheetnames[-2]]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[1])
    assert header[:1] == ["unique_operation_code"] and "total_cost" in header
    data = [dict(zip(header, r, strict=True)) for r in rows[2:]]
    expected = list(
        published.published_rows(
            published.public_operations().filter(programme=question.programme, region=question.region),
            published.context("nl"),
        )
    )
    assert [r["unique_operation_code"] for r in data] == [r["unique_operation_code"] for r in expected]
    pack = answerpack.build(question)
    [line] = [line for line in overview(question.programme).by_region if line.code == "VLG"]
    assert pack.projects.totals["eu_contribution"] == line.committed_eu
    assert pack.projects.totals["total_cost"] == line.committed_total_cost
    assert load_workbook(io.BytesIO(xlsx.render(pack)), read_only=True).sheetnames[0] == "Samenvatting"
