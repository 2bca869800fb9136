"""Documents kept with a question: the upload is checked (type sniffed from its content, size, name) with
the committee's upload rules, stored under a name of our own, and removed with an audit event."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.committee import uploads
from subsidia.core import audit, clock

from ..models import QuestionAttachment, WrittenQuestion
from .common import blank, refuse_if, require


def attachment_add(user, question: WrittenQuestion, upload, *, title: str) -> QuestionAttachment:
    require(user, "parliament.manage_writtenquestion", question)
    checked = uploads.check(upload)
    if blank(title):
        refuse_if({"title": [_("Give the document a title.")]})
    with transaction.atomic():
        question = WrittenQuestion.objects.select_for_update().get(pk=question.pk)
        attachment = QuestionAttachment(
            question=question,
            title=title.strip()[:300],
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_at=clock.now(),
            uploaded_by=user,
        )
        # The stored name is ours: nothing of the uploader's file name reaches the file system.
        attachment.file.save(f"{question.pk}/{uuid.uuid4().hex}.{checked.extension}", upload, save=False)
        try:
            attachment.save()
            audit.record(
                user,
                "written_question.attachment_added",
                question,
                after={"title": attachment.title, "file": checked.name, "sha256": checked.sha256, "size": checked.size},
                data={"attachment": attachment.pk},
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment


def attachment_remove(user, attachment: QuestionAttachment) -> None:
    require(user, "parliament.manage_writtenquestion", attachment.question)
    with transaction.atomic():
        attachment = QuestionAttachment.objects.select_for_update().get(pk=attachment.pk)
        stored = attachment.file.name
        storage = attachment.file.storage
        before = {"title": attachment.title, "file": attachment.original_name, "sha256": attachment.sha256}
        question = attachment.question
        pk = attachment.pk
        attachment.delete()
        audit.record(user, "written_question.attachment_removed", question, before=before, data={"attachment": pk})
        # The file goes only once the removal is committed; a rollback keeps both.
        transaction.on_commit(lambda: storage.delete(stored))
