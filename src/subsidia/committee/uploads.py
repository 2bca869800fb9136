"""Checking an uploaded paper: type sniffed from its content (never trusted from the name or the browser),
size within ``SUBSIDIA_MAX_UPLOAD_BYTES``, a safe name whose extension matches the content."""

import hashlib
import os
import unicodedata
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from subsidia.core.exceptions import RuleViolation

# Sniffed extension → accepted name extensions and the type the file is served as.
ALLOWED = {
    "pdf": ({"pdf"}, "application/pdf"),
    "docx": ({"docx"}, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ({"xlsx"}, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pptx": ({"pptx"}, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "odt": ({"odt"}, "application/vnd.oasis.opendocument.text"),
    "ods": ({"ods"}, "application/vnd.oasis.opendocument.spreadsheet"),
    "odp": ({"odp"}, "application/vnd.oasis.opendocument.presentation"),
    "png": ({"png"}, "image/png"),
    "jpg": ({"jpg", "jpeg"}, "image/jpeg"),
}
MAX_NAME = 150


@dataclass
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def safe_name(raw: str) -> str:
    base = os.path.basename((raw or "").replace("\\", "/"))
    base = unicodedata.normalize("NFKC", base)
    base = "".join(ch for ch in base if ch.isprintable())
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = get_valid_filename(stem.strip(" .")) if stem.strip(" .") else ""
    ext = get_valid_filename(ext) if ext else ""
    stem = stem[: MAX_NAME - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


def check(upload) -> CheckedUpload:
    """Refuse with a clear message (400) anything that is not an allowed document."""
    limit = settings.SUBSIDIA_MAX_UPLOAD_BYTES
    if upload is None:
        raise RuleViolation(errors={"file": _("Choose a file.")})
    size = upload.size or 0
    if size == 0:
        raise RuleViolation(errors={"file": _("The file is empty.")})
    if size > limit:
        raise RuleViolation(
            errors={
                "file": _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": _human(size), "limit": _human(limit)}
            }
        )
    name = safe_name(upload.name)
    stem, _dot, given_ext = name.rpartition(".")
    if not stem or not given_ext:
        raise RuleViolation(errors={"file": _("The file name needs a name and an extension, e.g. agenda.pdf.")})
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    allowed_names = ", ".join(sorted({e for names, _type in ALLOWED.values() for e in names}))
    if kind is None or kind.extension not in ALLOWED:
        raise RuleViolation(
            errors={
                "file": _("The content of the file is not an accepted document type (accepted: %(types)s).")
                % {"types": allowed_names}
            }
        )
    extensions, content_type = ALLOWED[kind.extension]
    if given_ext.lower() not in extensions:
        raise RuleViolation(
            errors={
                "file": _(
                    "The file is named .%(given)s but its content is %(actual)s; rename it or upload the right file."
                )
                % {"given": given_ext.lower(), "actual": kind.extension.upper()}
            }
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(
        name=name, extension=kind.extension, content_type=content_type, size=size, sha256=digest.hexdigest()
    )
