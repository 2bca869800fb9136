"""Meeting papers: type sniffed from content, size limit, safe names, served only through a checking view."""

import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from subsidia.core.exceptions import RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.core.tests.factories import UserFactory

from .. import services, uploads
from ..models import Paper
from .factories import MeetingFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


@pytest.fixture
def meeting(committee):
    return MeetingFactory(committee=committee)


def upload(officer, meeting, name, content, **kwargs):
    kwargs.setdefault("title", "Selection methodology")
    return services.paper_upload(officer, meeting, SimpleUploadedFile(name, content), **kwargs)


def test_a_pdf_is_stored_under_media_root_with_our_name(officer, meeting):
    paper = upload(officer, meeting, "methodologie selectie.pdf", PDF)
    assert paper.content_type == "application/pdf" and paper.size == len(PDF)
    assert paper.sha256 == hashlib.sha256(PDF).hexdigest()
    assert paper.original_name == "methodologie_selectie.pdf"
    stored = Path(paper.file.path)
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT)) and stored.read_bytes() == PDF
    assert "methodologie" not in stored.name
    assert AuditEvent.objects.filter(action="paper.uploaded", object_id=str(paper.pk)).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agenda.pdf", b"MZ\x90\x00" + b"\x00" * 200),  # a Windows executable named .pdf
        ("agenda.pdf", b"just some text, not a document"),
        ("agenda.html", b"<html><script>alert(1)</script></html>"),
        ("agenda.png", PDF),  # the name says PNG, the content is PDF
        ("agenda", PDF),
        ("agenda.pdf", b""),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(officer, meeting, name, content):
    stored_before = set(Path(settings.MEDIA_ROOT).rglob("*"))
    with pytest.raises(RuleViolation) as exc:
        upload(officer, meeting, name, content)
    assert exc.value.errors["file"][0]
    assert not Paper.objects.exists()
    assert set(Path(settings.MEDIA_ROOT).rglob("*")) == stored_before


def test_a_file_over_the_size_limit_is_refused(officer, meeting):
    with override_settings(SUBSIDIA_MAX_UPLOAD_BYTES=len(PDF) - 1), pytest.raises(RuleViolation) as exc:
        upload(officer, meeting, "big.pdf", PDF)
    assert "limit" in exc.value.message
    assert not Paper.objects.exists()


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\an\\nota.pdf", "nota.pdf"),
        ("ver slag (def).PDF", "ver_slag_def.PDF"),
        ("a" * 400 + ".pdf", "a" * 146 + ".pdf"),
    ],
)
def test_names_are_made_safe(raw, safe):
    assert uploads.safe_name(raw) == safe


def test_only_officers_upload(meeting, member):
    with pytest.raises(Exception) as exc:
        upload(member, meeting, "a.pdf", PDF)
    assert exc.type.__name__ == "PermissionDenied"


def test_papers_are_served_only_to_the_committee_and_staff(client, officer, auditor, member, meeting, seats):
    paper = upload(officer, meeting, "nota.png", PNG, title="Confidential note")
    url = f"/committee/papers/{paper.pk}/"
    assert client.get(url).status_code == 404  # the public does not even learn it exists
    client.force_login(UserFactory(role="committee_member"))  # a member of no committee
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(role="applicant"))
    assert client.get(url).status_code == 403
    for user in (member, auditor, officer):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PNG
        assert response["Content-Type"] == "image/png"
        assert "attachment" in response["Content-Disposition"]


def test_a_published_paper_is_public(client, officer, meeting):
    paper = upload(officer, meeting, "nota.pdf", PDF, is_public=True)
    assert client.get(f"/committee/papers/{paper.pk}/").status_code == 200
    services.paper_set_public(officer, paper, is_public=False)
    assert client.get(f"/committee/papers/{paper.pk}/").status_code == 404


def test_upload_page_refuses_a_bad_file_without_error(client, officer, meeting):
    client.force_login(officer)
    response = client.post(
        f"/committee/meetings/{meeting.pk}/papers/",
        {"title": "x", "file": SimpleUploadedFile("x.pdf", b"not a pdf")},
        follow=True,
    )
    assert response.status_code == 200
    assert not Paper.objects.exists()
    assert any("accepted" in str(m) or "aanvaard" in str(m) for m in response.context["messages"])
