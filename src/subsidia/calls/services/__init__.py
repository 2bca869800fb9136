"""Every change to calls, their parts and the calendar of planned calls (permission, rules, lock, audit)."""

from .calendar import calendar_confirm, planned_call_delete, planned_call_save
from .documents import check_upload, document_add, document_delete
from .lifecycle import (
    call_archive,
    call_create,
    call_mark_decided,
    call_note_decision,
    call_publish,
    call_return_to_draft,
    call_start_assessment,
    call_submit_for_approval,
    call_update,
    call_withdraw,
    on_approval_decided,
)
from .parts import (
    award_criterion_delete,
    award_criterion_save,
    cost_option_delete,
    cost_option_save,
    eligibility_criterion_delete,
    eligibility_criterion_save,
    required_attachment_delete,
    required_attachment_save,
)

__all__ = [
    "award_criterion_delete",
    "award_criterion_save",
    "calendar_confirm",
    "call_archive",
    "call_create",
    "call_mark_decided",
    "call_note_decision",
    "call_publish",
    "call_return_to_draft",
    "call_start_assessment",
    "call_submit_for_approval",
    "call_update",
    "call_withdraw",
    "check_upload",
    "cost_option_delete",
    "cost_option_save",
    "document_add",
    "document_delete",
    "eligibility_criterion_delete",
    "eligibility_criterion_save",
    "on_approval_decided",
    "planned_call_delete",
    "planned_call_save",
    "required_attachment_delete",
    "required_attachment_save",
]
