"""Written procedures: the proposal goes to the voting members in writing; the result follows from the votes
and the deadline at the moment of asking; closing it records the decision in the gate."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.core import approvals, audit, clock, formatting
from subsidia.core.approval_models import ApprovalRequest
from subsidia.core.exceptions import Conflict, PermissionDenied, RuleViolation

from .. import notifications, selectors
from ..constants import APPROVING_OUTCOMES, Outcome, ProcedureResult, ProcedureStatus, VoteChoice
from ..models import Committee, Member, WrittenProcedure, WrittenProcedureVote
from ._common import blank, check_request_free, check_still_pending, require


def taken_in_procedure(procedure: WrittenProcedure) -> str:
    with translation.override(settings.SUBSIDIA_OFFICIAL_LANGUAGE):
        return _("Written procedure %(reference)s of the monitoring committee, closed on %(date)s") % {
            "reference": procedure.reference,
            "date": formatting.date(procedure.decision_date, format="long"),
        }


def written_procedure_start(
    user,
    committee: Committee,
    *,
    reference: str,
    title: str,
    proposal: str,
    deadline: dt.datetime,
    tacit: bool = False,
    approval_request: ApprovalRequest | None = None,
    proposed_outcome: str = Outcome.APPROVED,
    conditions: str = "",
) -> WrittenProcedure:
    require(user, "committee.manage", committee)
    now = clock.now()
    errors = {}
    reference = (reference or "").strip()
    if not reference:
        errors["reference"] = _("Give the procedure a reference, e.g. WP-2025-01.")
    elif WrittenProcedure.objects.filter(committee=committee, reference=reference).exists():
        errors["reference"] = _("Another written procedure of this committee has this reference.")
    if blank(title):
        errors["title"] = _("Give the procedure a title.")
    if blank(proposal):
        errors["proposal"] = _("Write the proposal the members vote on.")
    if proposed_outcome not in [o.value for o in APPROVING_OUTCOMES]:
        errors["proposed_outcome"] = _("The proposal is an approval, with or without conditions.")
    elif proposed_outcome == Outcome.APPROVED_WITH_CONDITIONS and blank(conditions):
        errors["conditions"] = _("State the conditions of the proposed approval.")
    elif proposed_outcome == Outcome.APPROVED and not blank(conditions):
        errors["conditions"] = _("Only an approval with conditions has conditions.")
    if not isinstance(deadline, dt.datetime) or deadline.tzinfo is None:
        errors["deadline"] = _("Enter the date and time of the deadline.")
    else:
        earliest = now + dt.timedelta(days=committee.written_procedure_min_days)
        if deadline < earliest:
            errors["deadline"] = _(
                "The rules of procedure give members at least %(days)s days: the deadline is %(earliest)s or later."
            ) % {"days": committee.written_procedure_min_days, "earliest": formatting.datetime(earliest)}
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        if approval_request is not None:
            approval_request = ApprovalRequest.objects.select_for_update().get(pk=approval_request.pk)
            check_request_free(approval_request)
        if not selectors.voting_seats(committee, clock.today()).exists():
            raise Conflict(_("The committee has no voting members today."), code="no_voting_members")
        procedure = WrittenProcedure.objects.create(
            committee=committee,
            reference=reference,
            title=title.strip(),
            proposal=proposal,
            approval_request=approval_request,
            proposed_outcome=proposed_outcome,
            conditions=(conditions or "").strip(),
            tacit=bool(tacit),
            started_at=now,
            started_by=user,
            deadline=deadline,
        )
        audit.record(
            user,
            "written_procedure.started",
            procedure,
            after={
                "reference": reference,
                "title": procedure.title,
                "deadline": deadline,
                "tacit": procedure.tacit,
                "proposed_outcome": proposed_outcome,
            },
            data={"content_hash": approval_request.content_hash if approval_request else ""},
        )
        notifications.later(notifications.procedure_started, procedure.pk)
    return procedure


def written_procedure_vote(
    user, procedure: WrittenProcedure, *, choice: str, member: Member | None = None
) -> WrittenProcedureVote:
    """A voting member (or their substitute, if the member has not voted) votes once, before the deadline.

    With ``member``, the secretariat enters a vote that member sent in writing (e-mail, letter); the same
    rules apply and the vote records who entered it.
    """
    if choice not in VoteChoice.values:
        raise RuleViolation(errors={"choice": _("Vote for, against, or abstain.")})
    with transaction.atomic():
        procedure = (
            WrittenProcedure.objects.select_for_update(of=("self",)).select_related("committee").get(pk=procedure.pk)
        )
        now = clock.now()
        today = clock.today()
        if member is not None:
            require(user, "committee.manage", procedure)
            member = Member.objects.select_related("substitute_for").get(pk=member.pk)
            if member.committee_id != procedure.committee_id or not member.active_on(today):
                raise RuleViolation(
                    errors={"member": _("%(member)s does not sit on this committee today.") % {"member": member.name}}
                )
        else:
            member = selectors.membership_on(user, procedure.committee, today)
            if member is None:
                raise PermissionDenied(_("Only members of this committee vote in its written procedures."))
        if procedure.status != ProcedureStatus.OPEN:
            raise Conflict(
                _("This written procedure is %(status)s; votes are no longer accepted.")
                % {"status": procedure.get_status_display().lower()},
                code="procedure_not_open",
            )
        if now >= procedure.deadline:
            raise Conflict(
                _("The deadline (%(deadline)s) has passed; votes are no longer accepted.")
                % {"deadline": formatting.datetime(procedure.deadline)},
                code="deadline_passed",
            )
        if not member.votes:
            raise Conflict(
                _("This seat is advisory (CPR art. 39(2)): it takes part without a vote."),
                code="advisory_seat",
            )
        seat = member.seat_holder
        if seat.pk not in {s.pk for s in selectors.procedure_seats(procedure)}:
            raise Conflict(
                _("This seat does not vote in this procedure: it was not held when the procedure started."),
                code="not_a_seat",
            )
        if seat.pk in selectors.procedure_recused(procedure):
            raise Conflict(
                _("A conflict of interest was declared for this seat: it is recused from this vote."),
                code="recused",
            )
        previous = procedure.votes.filter(seat=seat).select_related("cast_by").first()
        if previous is not None:
            raise Conflict(
                _("A vote was already cast for this seat (by %(name)s on %(when)s); a vote counts once.")
                % {"name": previous.cast_by.name, "when": formatting.datetime(previous.cast_at)},
                code="already_voted",
            )
        try:
            with transaction.atomic():
                vote = WrittenProcedureVote.objects.create(
                    procedure=procedure, seat=seat, cast_by=member, choice=choice, cast_at=now, recorded_by=user
                )
        except IntegrityError as exc:
            raise Conflict(
                _("A vote was already cast for this seat; a vote counts once."), code="already_voted"
            ) from exc
        audit.record(
            user,
            "written_procedure.voted",
            vote,
            data={
                "procedure": procedure.reference,
                "seat": seat.pk,
                "cast_by": member.pk,
                "choice": choice,
                "entered_by_secretariat": member.user_id != getattr(user, "pk", None),
            },
        )
    return vote


def written_procedure_close(user, procedure: WrittenProcedure) -> WrittenProcedure:
    """Freeze the result once it is final; an approval or rejection of a request goes into the gate."""
    require(user, "committee.manage", procedure)
    with transaction.atomic():
        procedure = (
            WrittenProcedure.objects.select_for_update(of=("self",)).select_related("committee").get(pk=procedure.pk)
        )
        if procedure.status != ProcedureStatus.OPEN:
            raise Conflict(
                _("This written procedure is already %(status)s.") % {"status": procedure.get_status_display().lower()},
                code="procedure_not_open",
            )
        tally = selectors.written_procedure_result(procedure)
        if not tally.final:
            raise Conflict(
                _("Voting continues until %(deadline)s: %(voted)s of %(eligible)s voting members have voted.")
                % {
                    "deadline": formatting.datetime(procedure.deadline),
                    "voted": tally.responses,
                    "eligible": tally.eligible,
                },
                code="voting_continues",
            )
        req = procedure.approval_request
        if req is not None and tally.result != ProcedureResult.NO_QUORUM:
            req = ApprovalRequest.objects.select_for_update().get(pk=req.pk)
            check_still_pending(req)
        procedure.status = ProcedureStatus.CLOSED
        procedure.result = tally.result
        procedure.votes_for, procedure.votes_against = tally.votes_for, tally.votes_against
        procedure.abstentions, procedure.tacit_votes = tally.abstentions, tally.tacit_votes
        procedure.decision_date = tally.decided_on
        procedure.closed_at = clock.now()
        procedure.closed_by = user
        procedure.save()
        audit.record(
            user,
            "written_procedure.closed",
            procedure,
            before={"status": ProcedureStatus.OPEN},
            after={"status": ProcedureStatus.CLOSED, "result": tally.result},
            data={
                "votes_for": tally.votes_for,
                "votes_against": tally.votes_against,
                "abstentions": tally.abstentions,
                "tacit_votes": tally.tacit_votes,
                "eligible": tally.eligible,
                "recused": [m.name for m in tally.recused],
                "decision_date": tally.decided_on,
            },
        )
        if req is not None and tally.result in (ProcedureResult.APPROVED, ProcedureResult.REJECTED):
            outcome = procedure.proposed_outcome if tally.result == ProcedureResult.APPROVED else Outcome.REJECTED
            approvals.record_decision(
                user,
                req,
                outcome=outcome,
                decision_date=tally.decided_on,
                reference=procedure.reference,
                taken_in=taken_in_procedure(procedure),
                votes_for=tally.counted_for,
                votes_against=tally.votes_against,
                abstentions=tally.abstentions,
                conditions=procedure.conditions if outcome == Outcome.APPROVED_WITH_CONDITIONS else "",
                source=procedure,
            )
        notifications.later(notifications.procedure_closed, procedure.pk)
    return procedure


def written_procedure_cancel(user, procedure: WrittenProcedure, *, reason: str) -> WrittenProcedure:
    require(user, "committee.manage", procedure)
    if blank(reason):
        raise RuleViolation(errors={"reason": _("Say why the procedure is cancelled.")})
    with transaction.atomic():
        procedure = WrittenProcedure.objects.select_for_update().get(pk=procedure.pk)
        if procedure.status != ProcedureStatus.OPEN:
            raise Conflict(_("Only an open procedure can be cancelled."), code="procedure_not_open")
        procedure.status = ProcedureStatus.CANCELLED
        procedure.cancelled_reason = reason.strip()[:300]
        procedure.save(update_fields=["status", "cancelled_reason"])
        audit.record(
            user,
            "written_procedure.cancelled",
            procedure,
            before={"status": ProcedureStatus.OPEN},
            after={"status": ProcedureStatus.CANCELLED},
            data={"reason": reason},
        )
    return procedure
