"""Every change to the register of written questions: permission, rules, transaction, one audit event."""

from .attachments import attachment_add, attachment_remove
from .links import link_add, link_remove
from .questions import (
    question_answer,
    question_create,
    question_reopen,
    question_start_preparation,
    question_update,
)

__all__ = [
    "attachment_add",
    "attachment_remove",
    "link_add",
    "link_remove",
    "question_answer",
    "question_create",
    "question_reopen",
    "question_start_preparation",
    "question_update",
]
