"""Every change to organisations and applications: permission, rules, transaction, one audit event."""

from .attachments import attachment_add, attachment_delete
from .budget import budget_line_add, budget_line_delete, budget_line_update, flat_rates_set, recompute
from .drafts import (
    application_create,
    application_declare,
    application_delete,
    application_update,
    cofinancing_balance,
)
from .organisations import (
    member_add,
    member_change_role,
    member_remove,
    organisation_register,
    organisation_update,
)
from .parts import part_add, part_delete, part_update
from .submission import application_submit, application_withdraw

__all__ = [
    "application_create",
    "application_declare",
    "application_delete",
    "application_submit",
    "application_update",
    "application_withdraw",
    "attachment_add",
    "attachment_delete",
    "budget_line_add",
    "budget_line_delete",
    "budget_line_update",
    "cofinancing_balance",
    "flat_rates_set",
    "member_add",
    "member_change_role",
    "member_remove",
    "organisation_register",
    "organisation_update",
    "part_add",
    "part_delete",
    "part_update",
    "recompute",
]
