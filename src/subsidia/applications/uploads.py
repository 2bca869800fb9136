"""Checking an uploaded file before it is stored: its name, its size and what its content really is.

The type is sniffed from the content (``filetype``), never taken from the name or the browser's claim; the
name's extension must agree with the content, so an executable renamed ``.pdf`` is refused.
"""

import hashlib
import io
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from subsidia.calls.constants import AttachmentType

MAX_NAME_LENGTH = 150
# Which sniffed types each accepted extension may be. Office files are zip containers: ``filetype`` may
# only see the zip, so their inner parts are checked too.
EXTENSIONS = {
    AttachmentType.PDF: ("pdf",),
    AttachmentType.DOCX: ("docx",),
    AttachmentType.ODT: ("odt",),
    AttachmentType.XLSX: ("xlsx",),
    AttachmentType.ODS: ("ods",),
    AttachmentType.JPG: ("jpg",),
    AttachmentType.PNG: ("png",),
}
ALIASES = {"jpeg": AttachmentType.JPG}
CONTENT_TYPES = {
    AttachmentType.PDF: "application/pdf",
    AttachmentType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    AttachmentType.ODT: "application/vnd.oasis.opendocument.text",
    AttachmentType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    AttachmentType.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    AttachmentType.JPG: "image/jpeg",
    AttachmentType.PNG: "image/png",
}
_OPENDOCUMENT = {
    AttachmentType.ODT: b"application/vnd.oasis.opendocument.text",
    AttachmentType.ODS: b"application/vnd.oasis.opendocument.spreadsheet",
}
_OOXML = {AttachmentType.DOCX: "word/", AttachmentType.XLSX: "xl/"}
FORBIDDEN_NAME_CHARACTERS = set('/\\:*?"<>|')


class UploadError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    name: str
    file_type: str
    content_type: str
    size: int
    sha256: str
    content: bytes


def clean_name(name: str) -> str:
    """The name as shown to people: NFC, no directory part, no control characters, not hidden, not long."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise UploadError(_("The file has no name."))
    if any(c in FORBIDDEN_NAME_CHARACTERS for c in name) or name in {".", ".."}:
        raise UploadError(_('A file name cannot contain / \\ : * ? " < > or |.'))
    if any(unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co"} for c in name):
        raise UploadError(_("The file name contains control characters."))
    if name.startswith("."):
        raise UploadError(_("The file name cannot start with a dot."))
    if len(name) > MAX_NAME_LENGTH:
        raise UploadError(_("The file name is longer than %(n)s characters.") % {"n": MAX_NAME_LENGTH})
    return name


def extension_type(name: str) -> str | None:
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        return None
    extension = extension.lower()
    extension = ALIASES.get(extension, extension)
    return extension if extension in AttachmentType.values else None


def _zip_is(content: bytes, kind: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            if kind in _OPENDOCUMENT:
                return "mimetype" in names and archive.read("mimetype").strip() == _OPENDOCUMENT[kind]
            return "[Content_Types].xml" in names and any(n.startswith(_OOXML[kind]) for n in names)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False


def sniff(content: bytes, claimed: str) -> bool:
    """Whether the content really is of type ``claimed`` (an ``AttachmentType``)."""
    guess = filetype.guess(content[:8192])
    extension = guess.extension if guess else None
    if extension in EXTENSIONS[claimed]:
        if claimed in _OOXML or claimed in _OPENDOCUMENT:
            return _zip_is(content, claimed)
        return True
    if extension == "zip" and (claimed in _OOXML or claimed in _OPENDOCUMENT):
        return _zip_is(content, claimed)
    return False


def check_upload(upload, *, accepted: list[str]) -> CheckedFile:
    """Read and check an uploaded file (a Django ``UploadedFile`` or any object with ``name``, ``size`` and
    ``chunks()``/``read()``). Raises ``UploadError`` with a message for the applicant."""
    limit = settings.SUBSIDIA_MAX_UPLOAD_BYTES
    name = clean_name(getattr(upload, "name", ""))
    declared = getattr(upload, "size", None)
    if declared is not None and declared > limit:
        raise UploadError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(declared), "limit": filesizeformat(limit)}
        )
    chunks = upload.chunks() if hasattr(upload, "chunks") else [upload.read()]
    buffer = bytearray()
    for chunk in chunks:
        buffer.extend(chunk)
        if len(buffer) > limit:
            raise UploadError(_("The file is larger than the limit of %(limit)s.") % {"limit": filesizeformat(limit)})
    content = bytes(buffer)
    if not content:
        raise UploadError(_("The file is empty."))
    kind = extension_type(name)
    allowed = ", ".join(sorted(accepted))
    if kind is None or kind not in accepted:
        raise UploadError(_("Files of this kind are not accepted here; accepted: %(types)s.") % {"types": allowed})
    if not sniff(content, kind):
        raise UploadError(
            _(
                "The content of “%(name)s” is not a %(type)s file, whatever its name says. Upload the "
                "document itself "
                "(accepted: %(types)s)."
            )
            % {"name": name, "type": AttachmentType(kind).label, "types": allowed}
        )
    return CheckedFile(
        name=name,
        file_type=kind,
        content_type=CONTENT_TYPES[kind],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )
