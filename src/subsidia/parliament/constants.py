"""Statuses of a written parliamentary question and the transitions between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PREPARATION = "in_preparation", _("Answer in preparation")
    ANSWERED = "answered", _("Answered")


QUESTION_TRANSITIONS = {
    QuestionStatus.RECEIVED: {QuestionStatus.IN_PREPARATION},
    QuestionStatus.IN_PREPARATION: {QuestionStatus.ANSWERED},
    # An answer sent with an error is corrected by the minister (an erratum): the officer reopens it, with a reason.
    QuestionStatus.ANSWERED: {QuestionStatus.IN_PREPARATION},
}

# While the answer is being written the question and its draft answer can still change; once answered, only
# reopening (with a reason, audited) allows a correction.
EDITABLE_STATUSES = (QuestionStatus.RECEIVED, QuestionStatus.IN_PREPARATION)

# The fields of a question an officer edits; the status and the answer date change only through transitions.
EDITABLE_FIELDS = (
    "assembly",
    "session",
    "number",
    "asked_on",
    "member_name",
    "member_group",
    "minister_name",
    "minister_portfolio",
    "title",
    "question_text",
    "answer_text",
    "programme",
    "region",
    "official_url",
)


class PackFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    XLSX = "xlsx", "XLSX"
