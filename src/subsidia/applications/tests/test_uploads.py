"""Attachments: the type sniffed from the content, the size limit, the name; stored outside the web root."""

import io
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from subsidia.applications import services
from subsidia.applications.models import Attachment
from subsidia.applications.uploads import UploadError, check_upload
from subsidia.core.exceptions import RuleViolation
from subsidia.core.models import AuditEvent

from .factories import PDF_BYTES, CallFactory, OrganisationFactory, pdf_upload

WINDOWS_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
ELF_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_pdf_is_accepted_and_hashed():
    checked = check_upload(upload("statuten.pdf", PDF_BYTES), accepted=["pdf"])
    assert checked.file_type == "pdf"
    assert checked.content_type == "application/pdf"
    assert len(checked.sha256) == 64


@pytest.mark.parametrize("content", [WINDOWS_EXECUTABLE, ELF_EXECUTABLE, PNG_BYTES, b"just some text"])
def test_content_that_is_not_a_pdf_is_refused_whatever_its_name(content):
    with pytest.raises(UploadError) as refused:
        check_upload(upload("begroting.pdf", content), accepted=["pdf"])
    assert "begroting.pdf" in refused.value.message


def test_docx_is_recognised_inside_its_zip_container_and_a_plain_zip_is_not():
    assert check_upload(upload("brief.docx", docx_bytes()), accepted=["docx"]).file_type == "docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", WINDOWS_EXECUTABLE)
    with pytest.raises(UploadError):
        check_upload(upload("brief.docx", buffer.getvalue()), accepted=["docx"])


def test_real_xlsx_from_openpyxl_is_accepted():
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    assert check_upload(upload("begroting.xlsx", buffer.getvalue()), accepted=["xlsx"]).file_type == "xlsx"


def test_type_not_accepted_for_this_document_is_refused():
    with pytest.raises(UploadError) as refused:
        check_upload(upload("logo.png", PNG_BYTES), accepted=["pdf"])
    assert "pdf" in refused.value.message


def test_file_larger_than_the_limit_is_refused(settings):
    settings.SUBSIDIA_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(UploadError) as refused:
        check_upload(upload("groot.pdf", PDF_BYTES + b"0" * 1000), accepted=["pdf"])
    assert "limit" in refused.value.message


def test_file_that_lies_about_its_size_is_still_stopped_at_the_limit(settings):
    settings.SUBSIDIA_MAX_UPLOAD_BYTES = 1000
    lying = upload("groot.pdf", PDF_BYTES + b"0" * 5000)
    lying.size = 10
    with pytest.raises(UploadError):
        check_upload(lying, accepted=["pdf"])


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "map/statuten.pdf",
        "C:\\temp\\x.pdf",
        ".verborgen.pdf",
        "naam\x07.pdf",
        "a" * 160 + ".pdf",
        "",
        "statuten",
        "statuten.exe",
        "statuten.pdf\u202egpj.exe",
    ],
)
def test_bad_file_names_are_refused(name):
    # Django's upload handler already drops directory parts; the check does not rely on it.
    raw = SimpleNamespace(name=name, size=len(PDF_BYTES), read=lambda: PDF_BYTES)
    with pytest.raises(UploadError):
        check_upload(raw, accepted=["pdf"])


def test_empty_file_is_refused():
    with pytest.raises(UploadError):
        check_upload(upload("leeg.pdf", b""), accepted=["pdf"])


@pytest.fixture
def draft(applicant):
    organisation = OrganisationFactory(signatory=applicant)
    return services.application_create(applicant, organisation=organisation, call=CallFactory(), title="Samen")


@pytest.mark.django_db
def test_attachment_is_stored_under_media_root_with_a_random_name(applicant, draft):
    requirement = draft.call.required_attachments.get(is_mandatory=True)
    attachment = services.attachment_add(
        applicant, draft, upload=pdf_upload("Statuten 2024.pdf"), requirement=requirement
    )
    path = Path(settings.MEDIA_ROOT) / attachment.stored_name
    assert path.read_bytes() == PDF_BYTES
    assert "Statuten" not in attachment.stored_name
    assert attachment.original_name == "Statuten 2024.pdf"
    assert AuditEvent.objects.filter(action="application.attachment_added").count() == 1
    services.attachment_delete(applicant, attachment)
    assert not Attachment.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_deleted_attachment_file_is_removed_after_commit(reload_reference, applicant):
    organisation = OrganisationFactory(signatory=applicant)
    draft = services.application_create(applicant, organisation=organisation, call=CallFactory(), title="Samen")
    attachment = services.attachment_add(applicant, draft, upload=pdf_upload())
    path = Path(settings.MEDIA_ROOT) / attachment.stored_name
    services.attachment_delete(applicant, attachment)
    assert not path.exists()


@pytest.mark.django_db
def test_executable_renamed_pdf_is_refused_by_the_service_and_nothing_is_stored(applicant, draft):
    before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    with pytest.raises(RuleViolation) as refused:
        services.attachment_add(
            applicant,
            draft,
            upload=upload("statuten.pdf", WINDOWS_EXECUTABLE),
            requirement=draft.call.required_attachments.first(),
        )
    assert "upload" in refused.value.errors
    assert not Attachment.objects.exists()
    assert set(Path(settings.MEDIA_ROOT).rglob("*")) == before


@pytest.mark.django_db
def test_requirement_limits_the_accepted_types(applicant, draft):
    statutes = draft.call.required_attachments.get(is_mandatory=True)  # pdf only
    with pytest.raises(RuleViolation):
        services.attachment_add(applicant, draft, upload=upload("statuten.docx", docx_bytes()), requirement=statutes)
    letter = draft.call.required_attachments.get(is_mandatory=False)  # pdf, docx, odt
    assert services.attachment_add(applicant, draft, upload=upload("brief.docx", docx_bytes()), requirement=letter)


@pytest.mark.django_db
def test_requirement_of_another_call_is_refused(applicant, draft):
    other = CallFactory().required_attachments.first()
    with pytest.raises(RuleViolation) as refused:
        services.attachment_add(applicant, draft, upload=pdf_upload(), requirement=other)
    assert "requirement" in refused.value.errors
