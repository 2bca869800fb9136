"""Every change in a consultation: permission, rules, transaction, one audit event (see each module)."""

from .invitations import (
    Delivery,
    SendReport,
    hash_token,
    invitations_send,
    link_for,
    new_token,
    reminders_send,
)
from .priorities import (
    evidence_add,
    evidence_remove,
    priority_adopt,
    priority_create,
    priority_update,
    priority_withdraw_adoption,
)
from .register_import import ImportReport, organisations_import
from .responses import LinkError, check_usable, link_visit, resolve, response_save, submitted_response
from .retention import PurgeReport, purge_expired, purge_survey, retention_ends, surveys_due
from .stakeholders import organisation_create, organisation_update
from .surveys import (
    publication_problems,
    question_create,
    question_delete,
    question_move,
    question_update,
    survey_close,
    survey_create,
    survey_extend,
    survey_publish,
    survey_update,
)

__all__ = [
    "Delivery",
    "ImportReport",
    "LinkError",
    "PurgeReport",
    "SendReport",
    "check_usable",
    "evidence_add",
    "evidence_remove",
    "hash_token",
    "invitations_send",
    "link_for",
    "link_visit",
    "new_token",
    "organisation_create",
    "organisation_update",
    "organisations_import",
    "priority_adopt",
    "priority_create",
    "priority_update",
    "priority_withdraw_adoption",
    "publication_problems",
    "purge_expired",
    "purge_survey",
    "question_create",
    "question_delete",
    "question_move",
    "question_update",
    "reminders_send",
    "resolve",
    "response_save",
    "retention_ends",
    "submitted_response",
    "survey_close",
    "survey_create",
    "survey_extend",
    "survey_publish",
    "survey_update",
    "surveys_due",
]
