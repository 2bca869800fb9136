"""Documents kept with a question: the type is sniffed from the content, the size and name are checked, the
file is stored under our own name and served only to the register's readers."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from subsidia.core.exceptions import RuleViolation
from subsidia.core.models import AuditEvent

from .. import services
from ..models import QuestionAttachment
from .factories import WrittenQuestionFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_a_pdf_is_stored_under_media_root_with_our_name_and_audited(officer):
    question = WrittenQuestionFactory()
    attachment = services.attachment_add(officer, question, upload("../../vraag 412.pdf", PDF), title="De vraag")
    assert (attachment.content_type, attachment.size) == ("application/pdf", len(PDF))
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.original_name == "vraag_412.pdf"
    stored = Path(attachment.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "vraag" not in stored.name
    assert stored.read_bytes() == PDF
    event = AuditEvent.objects.get(action="written_question.attachment_added")
    assert event.after["sha256"] == attachment.sha256


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("vraag.pdf", b"MZ\x90\x00\x03 a program, not a document"),  # content is not a document
        ("vraag.pdf", b"plain text pretending"),
        ("vraag.png", PDF),  # the name says PNG, the content is PDF
        ("vraag", PDF),  # no extension
        ("vraag.pdf", b""),  # empty
    ],
)
def test_an_upload_that_is_not_what_it_claims_is_refused_and_nothing_is_stored(officer, name, content):
    question = WrittenQuestionFactory()
    with pytest.raises(RuleViolation) as refused:
        services.attachment_add(officer, question, upload(name, content), title="Stuk")
    assert refused.value.errors["file"][0]
    assert not QuestionAttachment.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(officer):
    question = WrittenQuestionFactory()
    with override_settings(SUBSIDIA_MAX_UPLOAD_BYTES=len(PDF) - 1), pytest.raises(RuleViolation) as refused:
        services.attachment_add(officer, question, upload("vraag.pdf", PDF), title="Stuk")
    assert "limit" in refused.value.errors["file"][0]
    assert not QuestionAttachment.objects.exists()


def test_a_document_needs_a_title(officer):
    with pytest.raises(RuleViolation) as refused:
        services.attachment_add(officer, WrittenQuestionFactory(), upload("tabel.png", PNG), title=" ")
    assert "title" in refused.value.errors


def test_an_auditor_cannot_upload(auditor):
    with pytest.raises(PermissionDenied):
        services.attachment_add(auditor, WrittenQuestionFactory(), upload("vraag.pdf", PDF), title="Stuk")


def test_removing_a_document_deletes_its_file_after_commit(officer, django_capture_on_commit_callbacks):
    attachment = services.attachment_add(officer, WrittenQuestionFactory(), upload("vraag.pdf", PDF), title="Stuk")
    path = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_remove(officer, attachment)
    assert not QuestionAttachment.objects.exists()
    assert not path.exists()
    assert AuditEvent.objects.filter(action="written_question.attachment_removed").count() == 1


@pytest.mark.parametrize(
    ("role", "status"), [("officer", 200), ("auditor", 200), ("approver", 200), ("applicant", 403)]
)
def test_documents_are_served_only_to_the_registers_readers(client, request, officer, role, status):
    attachment = services.attachment_add(officer, WrittenQuestionFactory(), upload("vraag.pdf", PDF), title="Stuk")
    client.force_login(request.getfixturevalue(role))
    response = client.get(f"/manage/parliament/questions/{attachment.question_id}/documents/{attachment.pk}/")
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["X-Content-Type-Options"] == "nosniff"
        assert 'filename="vraag.pdf"' in response["Content-Disposition"]


def test_anonymous_visitors_do_not_learn_that_a_document_exists(client, officer):
    attachment = services.attachment_add(officer, WrittenQuestionFactory(), upload("vraag.pdf", PDF), title="Stuk")
    response = client.get(f"/manage/parliament/questions/{attachment.question_id}/documents/{attachment.pk}/")
    assert response.status_code == 404
