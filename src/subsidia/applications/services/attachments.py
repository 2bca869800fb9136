"""Attaching documents to a draft. Files go under MEDIA_ROOT with a random name and are read back only
through a view that checks permission; what the applicant called the file is kept for display."""

import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.calls.constants import AttachmentType
from subsidia.core import audit, clock
from subsidia.core.exceptions import RuleViolation

from ..models import Application, Attachment
from ..uploads import UploadError, check_upload
from .common import text
from .drafts import editable, touch

# Supporting documents not asked for by the call may be any accepted office, PDF or image format.
ANY_DOCUMENT = list(AttachmentType.values)
AUDITED = ("requirement", "description", "original_name", "file_type", "size", "sha256")


def _requirement(application, value):
    if value in (None, ""):
        return None
    pk = getattr(value, "pk", value)
    try:
        requirement = application.call.required_attachments.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        requirement = None
    if requirement is None:
        raise RuleViolation(errors={"requirement": _("Choose one of the documents the call asks for.")})
    return requirement


def discard_on_commit(attachment: Attachment) -> None:
    name = attachment.stored_name
    transaction.on_commit(lambda: default_storage.delete(name))


def attachment_add(user, application: Application, *, upload, requirement=None, description: str = "") -> Attachment:
    with transaction.atomic():
        application = editable(user, application)
        requirement = _requirement(application, requirement)
        errors: dict = {}
        description = text(description, max_length=200, field="description", errors=errors)
        if errors:
            raise RuleViolation(errors=errors)
        accepted = requirement.accepted_types if requirement else ANY_DOCUMENT
        try:
            checked = check_upload(upload, accepted=accepted)
        except UploadError as exc:
            raise RuleViolation(errors={"upload": exc.message}) from exc
        stored = default_storage.save(
            f"applications/{application.pk}/{uuid.uuid4().hex}.{checked.file_type}",
            ContentFile(checked.content),
        )
        try:
            attachment = Attachment.objects.create(
                application=application,
                requirement=requirement,
                description=description,
                original_name=checked.name,
                stored_name=stored,
                file_type=checked.file_type,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                uploaded_at=clock.now(),
                uploaded_by=user,
            )
            touch(application)
            audit.record(
                user,
                "application.attachment_added",
                application,
                after=audit.snapshot(attachment, AUDITED),
                data={"attachment": attachment.pk},
            )
        except BaseException:
            default_storage.delete(stored)
            raise
    return attachment


def attachment_delete(user, attachment: Attachment) -> None:
    with transaction.atomic():
        application = editable(user, attachment.application)
        attachment = Attachment.objects.get(pk=attachment.pk, application=application)
        before = audit.snapshot(attachment, AUDITED)
        pk = attachment.pk
        discard_on_commit(attachment)
        attachment.delete()
        touch(application)
        audit.record(user, "application.attachment_removed", application, before=before, data={"attachment": pk})


def open_file(attachment: Attachment):
    return default_storage.open(attachment.stored_name, "rb")
