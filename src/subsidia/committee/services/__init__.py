"""Every change in the committee: permission, rules, transaction, one audit event. See docs/committee.md."""

from .conflicts import conflict_declare
from .decisions import agenda_item_decide
from .meetings import (
    meeting_add_agenda_item,
    meeting_cancel,
    meeting_create,
    meeting_invite,
    meeting_minutes_approve,
    meeting_minutes_save,
    meeting_record_attendance,
    meeting_update,
)
from .members import committee_create, committee_update, member_add, member_update
from .papers import paper_set_public, paper_upload
from .procedures import (
    written_procedure_cancel,
    written_procedure_close,
    written_procedure_start,
    written_procedure_vote,
)
from .rules_of_procedure import rules_create_version, rules_update, was_approved

__all__ = [
    "agenda_item_decide",
    "committee_create",
    "committee_update",
    "conflict_declare",
    "meeting_add_agenda_item",
    "meeting_cancel",
    "meeting_create",
    "meeting_invite",
    "meeting_minutes_approve",
    "meeting_minutes_save",
    "meeting_record_attendance",
    "meeting_update",
    "member_add",
    "member_update",
    "paper_set_public",
    "paper_upload",
    "rules_create_version",
    "rules_update",
    "was_approved",
    "written_procedure_cancel",
    "written_procedure_close",
    "written_procedure_start",
    "written_procedure_vote",
]
