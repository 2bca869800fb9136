"""Decision letters as PDF: rendered from the frozen content in the binding language and in translation; only
the applicant's members and staff can download them."""

import shutil
import subprocess

import pytest

from subsidia.applications.models import Membership
from subsidia.core import clock
from subsidia.core.canonical import canonical_json, sha256_text
from subsidia.core.tests.factories import UserFactory

from ..constants import LetterKind
from ..exports import letter_context
from ..models import DecisionLetter
from . import factories as f


def make_letter(application, kind=LetterKind.SELECTED, **extra):
    content = {
        "kind": kind,
        "reference": f"L-{application.reference}",
        "application": {"reference": application.reference, "title": application.title},
        "organisation": {"legal_name": application.organisation.legal_name},
        "call": {"reference": application.call.reference, "title": {"nl": "Buddy's", "en": "Buddies"}},
        "scores": [
            {"position": 1, "title": {"nl": "Relevantie", "en": "Relevance"}, "points": "25.50", "max_points": "30.00"},
            {"position": 2, "title": "Quality", "points": "20.00", "max_points": "30.00"},
        ],
        "total_points": "45.50",
        "eu_amount": "50000.00",
        "reasons": "Ranked within the budget.",
        "complaint": {"days": 30},
        **extra,
    }
    text = canonical_json(content)
    return DecisionLetter.objects.create(
        application=application,
        kind=kind,
        reference=f"L-{application.reference}",
        issued_at=clock.now(),
        content=text,
        sha256=sha256_text(text),
        language="nl",
    )


@pytest.fixture
def letter(db):
    call = f.assessment_call()
    application = f.submitted(call)
    return make_letter(application)


def member_of(application):
    user = UserFactory(role="applicant")
    Membership.objects.create(
        user=user, organisation=application.organisation, role="signatory", added_at=clock.now(), added_by=user
    )
    return user


def pdf_text(content: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    return subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()


def test_context_reads_the_content(letter):
    context = letter_context(letter, "en")
    assert context["selected"] and context["binding"] is False
    assert [s["title"] for s in context["scores"]] == ["Relevance", "Quality"]
    assert context["complaint_days"] == 30


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_applicant_downloads_the_letter_in_each_language(client, letter, language):
    client.force_login(member_of(letter.application))
    response = client.get(f"/results/letters/{letter.pk}/{language}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert letter.application.reference in text
    assert "49" in text  # the publication notice, CPR art. 49(5)
    results = client.get(f"/results/{letter.application.pk}/?lang={language}")
    assert results.status_code == 200
    assert "25.50" in results.content.decode()


def test_others_cannot_download(client, letter):
    client.force_login(UserFactory(role="applicant"))
    assert client.get(f"/results/letters/{letter.pk}/nl.pdf").status_code == 404
    assert client.get(f"/results/{letter.application.pk}/").status_code == 404
    client.force_login(member_of(letter.application))
    assert client.get(f"/results/letters/{letter.pk}/de.pdf").status_code == 404


def test_ineligible_letter_lists_the_refusals(client, db):
    application = f.submitted(f.assessment_call())
    letter = make_letter(
        application,
        kind=LetterKind.INELIGIBLE,
        refusals=[{"text": "The applicant is a legal person.", "reason": "Een feitelijke vereniging."}],
    )
    client.force_login(member_of(application))
    text = pdf_text(client.get(f"/results/letters/{letter.pk}/en.pdf").content)
    assert "not eligible" in text and "feitelijke vereniging" in text
