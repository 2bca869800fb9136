"""Decisions taken in a meeting, recorded by the secretariat and, for an approval request, into the gate."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.core import approvals, audit, clock, formatting
from subsidia.core.approval_models import ApprovalRequest
from subsidia.core.exceptions import Conflict, RuleViolation

from .. import notifications, selectors
from ..constants import ItemKind, MeetingStatus, Outcome
from ..models import AgendaItem
from ..quorum import carried
from ._common import check_still_pending, require


def taken_in_meeting(item: AgendaItem) -> str:
    """How the gate names where the decision was taken, in the official (binding) language."""
    with translation.override(settings.SUBSIDIA_OFFICIAL_LANGUAGE):
        return _("Monitoring committee meeting %(reference)s of %(date)s, item %(position)s") % {
            "reference": item.meeting.reference,
            "date": formatting.date(item.meeting.starts_at, format="long"),
            "position": item.position,
        }


def _vote_errors(outcome, votes_for, votes_against, abstentions, conditions) -> dict:
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Choose approved, approved with conditions or rejected.")
    for key, value in (
        ("votes_for", votes_for),
        ("votes_against", votes_against),
        ("abstentions", abstentions),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[key] = _("Enter a whole number of votes, zero or more.")
    if errors:
        return errors
    if outcome == Outcome.APPROVED_WITH_CONDITIONS and not (conditions or "").strip():
        errors["conditions"] = _("State the conditions of the approval.")
    if outcome != Outcome.APPROVED_WITH_CONDITIONS and (conditions or "").strip():
        errors["conditions"] = _("Only an approval with conditions has conditions.")
    if outcome == Outcome.REJECTED and carried(votes_for, votes_against):
        errors["outcome"] = _("With more votes for than against, the proposal was not rejected.")
    elif outcome != Outcome.REJECTED and not carried(votes_for, votes_against):
        errors["outcome"] = _("An approval needs more votes for than against.")
    return errors


def agenda_item_decide(
    user,
    item: AgendaItem,
    *,
    outcome: str,
    votes_for: int,
    votes_against: int = 0,
    abstentions: int = 0,
    conditions: str = "",
) -> AgendaItem:
    """Record the committee's decision on an item. Refused without quorum for this item (recused seats count
    neither as present nor as eligible); an item carrying an approval request records it in the gate."""
    require(user, "committee.manage", item.meeting)
    errors = _vote_errors(outcome, votes_for, votes_against, abstentions, conditions)
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        item = (
            AgendaItem.objects.select_for_update(of=("self",))
            .select_related("meeting", "meeting__committee")
            .get(pk=item.pk)
        )
        meeting = item.meeting
        if item.kind != ItemKind.DECISION:
            raise Conflict(_("This item is for information; nothing is decided on it."), code="information_item")
        if item.decided:
            raise Conflict(_("This item is already decided."), code="item_decided")
        if meeting.status == MeetingStatus.CANCELLED:
            raise Conflict(_("The meeting was cancelled."), code="meeting_cancelled")
        if meeting.starts_at > clock.now():
            raise Conflict(_("The meeting has not started yet."), code="meeting_not_started")
        quorum = selectors.item_quorum(item)
        if not quorum.attendance_recorded:
            raise Conflict(_("Record who attended first: the quorum depends on it."), code="no_attendance")
        if not quorum.met:
            raise Conflict(
                _(
                    "No quorum for this item: %(present)s of %(eligible)s "
                    "voting members present (not counting "
                    "%(recused)s recused); at least %(required)s are needed. The decision cannot be taken."
                )
                % {
                    "present": len(quorum.present),
                    "eligible": len(quorum.eligible),
                    "recused": len(quorum.recused),
                    "required": quorum.required,
                },
                code="no_quorum",
            )
        if votes_for + votes_against + abstentions > len(quorum.present):
            raise RuleViolation(
                errors={
                    "votes_for": _(
                        "%(cast)s votes were counted but only %(present)s voting members present may vote on this item."
                    )
                    % {"cast": votes_for + votes_against + abstentions, "present": len(quorum.present)}
                }
            )
        req = item.approval_request
        if req is not None:
            req = ApprovalRequest.objects.select_for_update().get(pk=req.pk)
            check_still_pending(req)
        item.outcome = outcome
        item.votes_for, item.votes_against, item.abstentions = votes_for, votes_against, abstentions
        item.conditions = (conditions or "").strip()
        item.seats_eligible, item.seats_present = len(quorum.eligible), len(quorum.present)
        item.quorum_required = quorum.required
        item.decided_at = clock.now()
        item.decided_by = user
        item.save()
        audit.record(
            user,
            "agenda_item.decided",
            item,
            before={"outcome": ""},
            after={
                "outcome": outcome,
                "votes_for": votes_for,
                "votes_against": votes_against,
                "abstentions": abstentions,
                "conditions": item.conditions,
            },
            data={
                "meeting": meeting.reference,
                "seats_present": item.seats_present,
                "seats_eligible": item.seats_eligible,
                "quorum_required": item.quorum_required,
                "recused": [s.recused_by.name for s in quorum.recused],
            },
        )
        if req is not None:
            approvals.record_decision(
                user,
                req,
                outcome=outcome,
                decision_date=selectors.meeting_day(meeting),
                reference=item.reference,
                taken_in=taken_in_meeting(item),
                votes_for=votes_for,
                votes_against=votes_against,
                abstentions=abstentions,
                conditions=item.conditions,
                source=item,
            )
        notifications.later(notifications.item_decided, item.pk)
    return item
