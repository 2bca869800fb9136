"""The register and the pack in Dutch and French; the demo question and its answer pack from the demo data."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from openpyxl import load_workbook

from subsidia.core.models import AuditEvent

from .. import answerpack, demo, selectors
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
    assert "290" in question.question_text and question.answer_text
    # The earlier question is in the register, answered, and the demo question links to it.
    earlier = WrittenQuestion.objects.get(number=demo.EARLIER_NUMBER, title=demo.EARLIER_TITLE)
    assert (earlier.status, earlier.asked_on, earlier.session) == (
        QuestionStatus.ANSWERED,
        dt.date(2020, 6, 19),
        "2019-2020",
    )
    [cited] = selectors.earlier_questions(question)
    assert cited.registered == earlier and cited.link.earlier == earlier
    assert list(selectors.later_questions(earlier)) == [question]
    demo.load(lambda *_: None)  # idempotent
    assert WrittenQuestion.objects.filter(number__in=[demo.NUMBER, demo.EARLIER_NUMBER]).count() == 2
    actions = set(AuditEvent.objects.filter(object_type="parliament.writtenquestion").values_list("action", flat=True))
    assert actions == {
        "written_question.registered",
        "written_question.link_added",
        "written_question.preparation_started",
        "written_question.updated",
        "written_question.answered",
    }


def test_the_demo_texts_are_our_own_words_not_the_seed():
    """The demo question is modelled on the seed's written question; no sentence of the seed is copied."""
    # ../shared/seed next to the repository (src/subsidia/parliament/tests/ is four levels below it).
    source = Path(__file__).resolve().parents[5] / "shared" / "seed" / "written-question-amif-integration-flanders.txt"
    if not source.exists():
        pytest.skip("the seed is not available here")
    words = re.findall(r"\w+", source.read_text(encoding="utf-8").lower())
    seed_runs = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    for text in (demo.QUESTION, demo.DRAFT_ANSWER, demo.EARLIER_QUESTION, demo.EARLIER_ANSWER, demo.TITLE):
        ours = re.findall(r"\w+", text.lower())
        copied = {" ".join(ours[i : i + 8]) for i in range(len(ours) - 7)} & seed_runs
        assert not copied, copied


def test_the_demo_answer_pack_is_made_in_three_languages(programme_demo, tmp_path):
    demo.load(lambda *_: None)
    question = WrittenQuestion.objects.get(number=demo.NUMBER, title=demo.TITLE)
    for language, first in (("nl", "Samenvatting"), ("fr", "Résumé"), ("en", "Summary")):
        pack = answerpack.build(question, language=language)
        assert load_workbook(io.BytesIO(xlsx.render(pack)), read_only=True).sheetnames[0] == first
        assert pack.envelope.rows and pack.envelope.is_final
    path = tmp_path / "pack.pdf"
    call_command("answer_pack", str(question.pk), "--format", "pdf", "--output", str(path))
    assert path.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("nl", ["Antwoord beginnen voor te bereiden", "Antwoordpakket", "Datum van de vraag", "Documenten"]),
        ("fr", ["Commencer à préparer la réponse", "Dossier de réponse", "Date de la question", "Documents"]),
        ("en", ["Start preparing the answer", "Answer pack", "Date of the question", "Documents"]),
    ],
)
def test_the_question_page_speaks_each_language(client, officer, language, texts):
    question = WrittenQuestionFactory()
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/manage/parliament/questions/{question.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    for text in texts:
        assert text in page, text
