"""Meetings: planning, agenda, invitations, attendance, minutes."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.approval_models import ApprovalRequest
from subsidia.core.exceptions import Conflict, RuleViolation

from .. import notifications, selectors
from ..constants import ItemKind, MeetingStatus
from ..models import AgendaItem, Attendance, Committee, Meeting, Member
from ._common import blank, check_request_free, require

MEETING_FIELDS = ("reference", "title", "starts_at", "place", "online_url")
ITEM_FIELDS = ("title", "description", "kind", "approval_request", "concerned_organisations")


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update(of=("self",)).select_related("committee").get(pk=meeting.pk)


def _meeting_errors(meeting: Meeting) -> dict:
    errors = {}
    reference = (meeting.reference or "").strip()
    if not reference:
        errors["reference"] = _("Give the meeting a reference, e.g. MC-2025-01.")
    elif Meeting.objects.filter(committee=meeting.committee, reference=reference).exclude(pk=meeting.pk).exists():
        errors["reference"] = _("Another meeting of this committee has this reference.")
    if blank(meeting.title):
        errors["title"] = _("Give the meeting a title.")
    if not isinstance(meeting.starts_at, dt.datetime) or meeting.starts_at.tzinfo is None:
        errors["starts_at"] = _("Enter the date and time the meeting starts.")
    if blank(meeting.place) and blank(meeting.online_url):
        errors["place"] = _("Say where the meeting takes place, or give the link of the online meeting.")
    return errors


def meeting_create(
    user,
    committee: Committee,
    *,
    reference: str,
    title: str,
    starts_at: dt.datetime,
    place: str = "",
    online_url: str = "",
) -> Meeting:
    require(user, "committee.manage", committee)
    meeting = Meeting(
        committee=committee,
        reference=(reference or "").strip(),
        title=title,
        starts_at=starts_at,
        place=place or "",
        online_url=online_url or "",
        created_at=clock.now(),
        created_by=user,
    )
    with transaction.atomic():
        Committee.objects.select_for_update().get(pk=committee.pk)
        errors = _meeting_errors(meeting)
        if errors:
            raise RuleViolation(errors=errors)
        meeting.save()
        audit.record(
            user,
            "meeting.created",
            meeting,
            after=audit.snapshot(meeting, MEETING_FIELDS),
            data={"committee": committee.pk},
        )
    return meeting


def meeting_update(user, meeting: Meeting, **changes) -> Meeting:
    require(user, "committee.manage", meeting)
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in unknown})
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.status != MeetingStatus.PLANNED:
            raise Conflict(_("Only a planned meeting can be changed."), code="meeting_not_planned")
        before = audit.snapshot(meeting, changes)
        for key, value in changes.items():
            setattr(meeting, key, value.strip() if isinstance(value, str) else value)
        errors = _meeting_errors(meeting)
        if errors:
            raise RuleViolation(errors=errors)
        meeting.save()
        audit.record(user, "meeting.updated", meeting, before=before, after=audit.snapshot(meeting, changes))
    return meeting


def meeting_add_agenda_item(
    user,
    meeting: Meeting,
    *,
    title: str,
    description: str = "",
    kind: str = ItemKind.DECISION,
    approval_request: ApprovalRequest | None = None,
    concerned_organisations: str = "",
) -> AgendaItem:
    """Add an item; an item that carries an approval request puts that exact content to the committee."""
    require(user, "committee.manage", meeting)
    errors = {}
    if blank(title):
        errors["title"] = _("Give the item a title.")
    if kind not in ItemKind.values:
        errors["kind"] = _("Choose whether the item is for decision or for information.")
    elif approval_request is not None and kind != ItemKind.DECISION:
        errors["kind"] = _("An item that carries an approval request is for decision.")
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.status == MeetingStatus.CANCELLED:
            raise Conflict(_("The meeting was cancelled."), code="meeting_cancelled")
        if approval_request is not None:
            approval_request = ApprovalRequest.objects.select_for_update().get(pk=approval_request.pk)
            check_request_free(approval_request)
        position = (meeting.items.aggregate(n=Max("position"))["n"] or 0) + 1
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=title.strip(),
            description=description or "",
            kind=kind,
            approval_request=approval_request,
            concerned_organisations=concerned_organisations or "",
        )
        audit.record(
            user,
            "agenda_item.added",
            item,
            after=audit.snapshot(item, ("position", *ITEM_FIELDS)),
            data={
                "meeting": meeting.reference,
                "content_hash": approval_request.content_hash if approval_request else "",
            },
        )
    return item


def meeting_invite(user, meeting: Meeting) -> Meeting:
    """Send the invitation with the agenda to every member and substitute, each in their language."""
    require(user, "committee.manage", meeting)
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.status != MeetingStatus.PLANNED:
            raise Conflict(_("Only a planned meeting can be announced."), code="meeting_not_planned")
        if meeting.starts_at <= clock.now():
            raise Conflict(_("The meeting has already started."), code="meeting_started")
        if not meeting.items.exists():
            raise Conflict(_("Put at least one item on the agenda before inviting the members."), code="no_agenda")
        recipients = notifications.recipients(meeting.committee, selectors.meeting_day(meeting))
        meeting.invited_at = clock.now()
        meeting.save(update_fields=["invited_at"])
        audit.record(user, "meeting.invited", meeting, data={"recipients": len(recipients)})
        notifications.later(notifications.meeting_invitation, meeting.pk)
    return meeting


def meeting_cancel(user, meeting: Meeting, *, reason: str) -> Meeting:
    require(user, "committee.manage", meeting)
    if blank(reason):
        raise RuleViolation(errors={"reason": _("Say why the meeting is cancelled.")})
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.status != MeetingStatus.PLANNED:
            raise Conflict(_("Only a planned meeting can be cancelled."), code="meeting_not_planned")
        meeting.status = MeetingStatus.CANCELLED
        meeting.cancelled_reason = reason.strip()[:300]
        meeting.save(update_fields=["status", "cancelled_reason"])
        audit.record(
            user,
            "meeting.cancelled",
            meeting,
            before={"status": MeetingStatus.PLANNED},
            after={"status": MeetingStatus.CANCELLED},
            data={"reason": reason},
        )
        if meeting.invited_at:
            notifications.later(notifications.meeting_cancelled, meeting.pk)
    return meeting


def meeting_record_attendance(user, meeting: Meeting, *, present) -> Meeting:
    """Who attended (members and substitutes). The meeting is then held. Attendance is fixed once a decision
    relies on it."""
    require(user, "committee.manage", meeting)
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.status == MeetingStatus.CANCELLED:
            raise Conflict(_("The meeting was cancelled."), code="meeting_cancelled")
        if meeting.starts_at > clock.now():
            raise Conflict(_("Attendance is recorded once the meeting has begun."), code="meeting_not_started")
        if meeting.items.exclude(outcome="").exists():
            raise Conflict(
                _("Decisions were recorded with this attendance; it can no longer change."),
                code="attendance_fixed",
            )
        day = selectors.meeting_day(meeting)
        in_office = {m.pk: m for m in selectors.members_on(meeting.committee, day)}
        present_ids = set()
        for member in present:
            member_id = member.pk if isinstance(member, Member) else member
            if member_id not in in_office:
                raise RuleViolation(
                    errors={
                        "present": _("%(member)s is not a member of this committee on %(day)s.")
                        % {"member": member, "day": day.isoformat()}
                    }
                )
            present_ids.add(member_id)
        now = clock.now()
        for member_id in in_office:
            Attendance.objects.update_or_create(
                meeting=meeting,
                member_id=member_id,
                defaults={"present": member_id in present_ids, "recorded_at": now},
            )
        previous_status = meeting.status
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
        quorum = selectors.meeting_quorum(meeting)
        audit.record(
            user,
            "meeting.attendance_recorded",
            meeting,
            before={"status": previous_status},
            after={"status": meeting.status},
            data={
                "present": sorted(present_ids),
                "seats_present": len(quorum.present),
                "seats": len(quorum.seats),
                "quorum_required": quorum.required,
            },
        )
    return meeting


def meeting_minutes_save(user, meeting: Meeting, *, minutes: str) -> Meeting:
    require(user, "committee.manage", meeting)
    if blank(minutes):
        raise RuleViolation(errors={"minutes": _("Write the minutes.")})
    with transaction.atomic():
        meeting = _locked(meeting)
        if meeting.status != MeetingStatus.HELD:
            raise Conflict(_("Minutes are written for a meeting that took place."), code="meeting_not_held")
        if meeting.minutes_approved_on:
            raise Conflict(
                _("The committee approved these minutes; they can no longer change."), code="minutes_approved"
            )
        before = {"minutes": meeting.minutes}
        meeting.minutes = minutes
        meeting.save(update_fields=["minutes"])
        audit.record(user, "meeting.minutes_saved", meeting, before=before, after={"minutes": minutes})
    return meeting


def meeting_minutes_approve(user, meeting: Meeting, *, at_meeting: Meeting) -> Meeting:
    """The committee approves the minutes at a later, quorate meeting."""
    require(user, "committee.manage", meeting)
    with transaction.atomic():
        meeting = _locked(meeting)
        at_meeting = _locked(at_meeting)
        if not meeting.minutes.strip():
            raise Conflict(_("There are no minutes to approve yet."), code="no_minutes")
        if meeting.minutes_approved_on:
            raise Conflict(_("These minutes are already approved."), code="minutes_approved")
        if at_meeting.committee_id != meeting.committee_id or at_meeting.starts_at <= meeting.starts_at:
            raise RuleViolation(
                errors={"at_meeting": _("Minutes are approved at a later meeting of the same committee.")}
            )
        if at_meeting.status != MeetingStatus.HELD or not selectors.meeting_quorum(at_meeting).met:
            raise Conflict(_("The later meeting must have taken place with a quorum."), code="no_quorum")
        meeting.minutes_approved_on = selectors.meeting_day(at_meeting)
        meeting.minutes_approved_at_meeting = at_meeting
        meeting.save(update_fields=["minutes_approved_on", "minutes_approved_at_meeting"])
        audit.record(
            user,
            "meeting.minutes_approved",
            meeting,
            data={"at_meeting": at_meeting.reference, "approved_on": meeting.minutes_approved_on},
        )
    return meeting
