"""Declarations of conflicts of interest: the member's seat is recused from the item or procedure."""

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation

from .. import selectors
from ..constants import MeetingStatus, ProcedureStatus
from ..models import AgendaItem, ConflictDeclaration, Member, WrittenProcedure
from ._common import blank, require


def conflict_declare(
    user,
    member: Member,
    *,
    agenda_item: AgendaItem | None = None,
    written_procedure: WrittenProcedure | None = None,
    reason: str,
) -> ConflictDeclaration:
    """The member (or the secretariat on their behalf, as said in the meeting) declares an interest.

    The seat is then left out of the item's quorum and vote and named in the minutes; in a written procedure
    it can no longer vote. A substitute's declaration recuses the seat they stand in for.
    """
    require(user, "committee.declare_conflict", member)
    if (agenda_item is None) == (written_procedure is None):
        raise RuleViolation(_("Declare a conflict for one agenda item or one written procedure."))
    if blank(reason):
        raise RuleViolation(errors={"reason": _("Say how the member's organisation is concerned.")})
    with transaction.atomic():
        member = Member.objects.select_for_update(of=("self",)).select_related("substitute_for").get(pk=member.pk)
        if agenda_item is not None:
            agenda_item = (
                AgendaItem.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=agenda_item.pk)
            )
            committee_id, day = agenda_item.meeting.committee_id, selectors.meeting_day(agenda_item.meeting)
            if agenda_item.meeting.status == MeetingStatus.CANCELLED:
                raise Conflict(_("The meeting was cancelled."), code="meeting_cancelled")
            if agenda_item.decided:
                raise Conflict(
                    _("The item is already decided; a conflict is declared before the decision."),
                    code="item_decided",
                )
            existing = ConflictDeclaration.objects.filter(member=member, agenda_item=agenda_item)
        else:
            written_procedure = WrittenProcedure.objects.select_for_update().get(pk=written_procedure.pk)
            committee_id, day = written_procedure.committee_id, clock.today()
            if written_procedure.status != ProcedureStatus.OPEN or clock.now() >= written_procedure.deadline:
                raise Conflict(_("The written procedure is no longer open."), code="procedure_closed")
            if written_procedure.votes.filter(seat=member.seat_holder).exists():
                raise Conflict(
                    _("A vote was already cast for this seat; a conflict is declared before voting."),
                    code="already_voted",
                )
            existing = ConflictDeclaration.objects.filter(member=member, written_procedure=written_procedure)
        if member.committee_id != committee_id or not member.active_on(day):
            raise RuleViolation(
                _("%(member)s does not sit on this committee on %(day)s.")
                % {"member": member.name, "day": day.isoformat()}
            )
        if existing.exists():
            raise Conflict(
                _("%(member)s already declared a conflict here.") % {"member": member.name},
                code="already_declared",
            )
        declaration = ConflictDeclaration.objects.create(
            member=member,
            agenda_item=agenda_item,
            written_procedure=written_procedure,
            reason=reason.strip()[:500],
            declared_at=clock.now(),
            recorded_by=user,
        )
        subject = agenda_item if agenda_item is not None else written_procedure
        audit.record(
            user,
            "conflict.declared",
            declaration,
            data={
                "member": member.name,
                "organisation": member.organisation,
                "reason": declaration.reason,
                "subject": f"{subject._meta.label_lower}:{subject.pk}",
            },
        )
    return declaration
