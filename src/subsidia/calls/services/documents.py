"""Documents published with a call (guide for applicants, forms): checked by content, stored outside the web
root under a name derived from their hash, and part of what the committee approves."""

import hashlib
import mimetypes
import re

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import RuleViolation

from ..constants import DOCUMENT_LANGUAGES, AttachmentType
from ..models import Call, CallDocument
from .cleaning import text
from .parts import _next_position, editing

SAFE_NAME = re.compile(r"^[\w\- .()]{1,150}\.[A-Za-z0-9]{2,5}$")
MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}


def sniff(upload) -> tuple[str, bytes]:
    """The file's real type from its content (never from its name) and its bytes."""
    content = b"".join(upload.chunks()) if hasattr(upload, "chunks") else upload.read()
    kind = filetype.guess(content[:8192] if content[:4] != b"PK\x03\x04" else content)
    return (kind.extension if kind else ""), content


def check_upload(upload, errors: dict, key: str = "file"):
    """Name, size and content of an upload; returns (extension, content) or None with a message."""
    if upload is None:
        errors[key] = _("Choose a file.")
        return None
    name = str(getattr(upload, "name", "") or "")
    size = getattr(upload, "size", None) or 0
    if size > settings.SUBSIDIA_MAX_UPLOAD_BYTES:
        errors[key] = _("The file is larger than %(mb)s MB.") % {"mb": settings.SUBSIDIA_MAX_UPLOAD_BYTES // 2**20}
        return None
    if not SAFE_NAME.match(name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]):
        errors[key] = _("Give the file a plain name with an extension, such as guide.pdf.")
        return None
    extension, content = sniff(upload)
    if not content:
        errors[key] = _("The file is empty.")
        return None
    claimed = name.rsplit(".", 1)[-1].lower()
    claimed = "jpg" if claimed == "jpeg" else claimed
    if extension not in AttachmentType.values:
        errors[key] = _("Only %(types)s files are accepted.") % {"types": ", ".join(AttachmentType.values)}
        return None
    if claimed != extension:
        errors[key] = _("The file's content is %(real)s, which does not match its name (.%(claimed)s).") % {
            "real": extension.upper(),
            "claimed": claimed,
        }
        return None
    return extension, content


def document_add(user, call: Call, *, upload, language: str = "", position=None, **titles) -> CallDocument:
    errors: dict = {}
    values = {k: text(CallDocument, titles, k, errors) for k in ("title_nl", "title_fr", "title_en")}
    if not any(values.values()):
        errors["title_nl"] = _("Give the document a title.")
    if language not in ("", *dict(DOCUMENT_LANGUAGES)):
        errors["language"] = _("Choose one of the options.")
    checked = check_upload(upload, errors)
    if errors:
        raise RuleViolation(errors=errors)
    extension, content = checked
    digest = hashlib.sha256(content).hexdigest()
    with editing(user, call) as call:
        if call.documents.filter(sha256=digest).exists():
            raise RuleViolation(errors={"file": _("This file is already attached to the call.")})
        document = CallDocument(
            call=call,
            position=position or _next_position(call.documents.all()),
            language=language,
            filename=str(upload.name).rsplit("/", 1)[-1][:200],
            content_type=MIME.get(extension) or mimetypes.types_map.get("." + extension, "application/octet-stream"),
            size=len(content),
            sha256=digest,
            uploaded_at=clock.now(),
            uploaded_by=user,
            **values,
        )
        document.file.save(digest, ContentFile(content), save=False)
        document.save()
        audit.record(
            user,
            "call_document.added",
            document,
            after={
                "filename": document.filename,
                "sha256": digest,
                "size": document.size,
                "language": language,
                **values,
            },
            data={"call": call.reference},
        )
    return document


def document_delete(user, document: CallDocument) -> None:
    with editing(user, document.call) as call:
        document = CallDocument.objects.select_for_update().get(pk=document.pk, call=call)
        before = {"filename": document.filename, "sha256": document.sha256}
        key = ("calls.calldocument", str(document.pk))
        stored = document.file.name
        document.delete()
        audit.record(user, "call_document.deleted", key, before=before, data={"call": call.reference})
        storage = CallDocument._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(stored))
