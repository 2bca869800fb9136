"""Papers shared with the committee (CPR art. 38(4)): checked uploads, stored out of the web root."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation

from .. import uploads
from ..constants import MeetingStatus
from ..models import AgendaItem, Meeting, Paper
from ._common import blank, require


def paper_upload(
    user,
    meeting: Meeting,
    upload,
    *,
    title: str,
    agenda_item: AgendaItem | None = None,
    is_public: bool = False,
) -> Paper:
    require(user, "committee.manage", meeting)
    checked = uploads.check(upload)
    if blank(title):
        raise RuleViolation(errors={"title": _("Give the paper a title.")})
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise RuleViolation(errors={"agenda_item": _("Choose an item of this meeting's agenda.")})
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status == MeetingStatus.CANCELLED:
            raise Conflict(_("The meeting was cancelled."), code="meeting_cancelled")
        paper = Paper(
            meeting=meeting,
            agenda_item=agenda_item,
            title=title.strip(),
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            is_public=bool(is_public),
            uploaded_at=clock.now(),
            uploaded_by=user,
        )
        # The stored name is ours: nothing of the uploader's name reaches the file system.
        paper.file.save(f"{meeting.pk}/{uuid.uuid4().hex}.{checked.extension}", upload, save=False)
        try:
            paper.save()
            audit.record(
                user,
                "paper.uploaded",
                paper,
                after={
                    "title": paper.title,
                    "file": checked.name,
                    "sha256": checked.sha256,
                    "size": checked.size,
                    "is_public": paper.is_public,
                },
                data={"meeting": meeting.reference},
            )
        except Exception:
            paper.file.delete(save=False)
            raise
    return paper


def paper_set_public(user, paper: Paper, *, is_public: bool) -> Paper:
    """Publish a paper on the public committee page, or take it off (confidential: CPR art. 69(5))."""
    require(user, "committee.manage", paper)
    with transaction.atomic():
        paper = Paper.objects.select_for_update().get(pk=paper.pk)
        before = {"is_public": paper.is_public}
        paper.is_public = bool(is_public)
        paper.save(update_fields=["is_public"])
        audit.record(
            user,
            "paper.published" if paper.is_public else "paper.unpublished",
            paper,
            before=before,
            after={"is_public": paper.is_public},
        )
    return paper
