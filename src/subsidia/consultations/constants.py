"""Statuses, kinds and the allowed transitions of surveys, invitations, responses and priorities."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The scale question is a five-point scale: a survey design choice, not a rule of the fund.
SCALE_MIN = 1
SCALE_MAX = 5
# Text answers are read by people; longer than this is a document, not an answer.
FREE_TEXT_MAX_LENGTH = 5000
# Number answers: at most ten digits before and four after the decimal point.
NUMBER_MAX_DIGITS = 14
NUMBER_DECIMAL_PLACES = 4
# The smallest group of respondents whose answers are shown apart (statistical disclosure control).
MIN_GROUP_SIZE = 5


class SurveyStatus(models.TextChoices):
    """The stored status; whether a published survey is open is computed from its dates when asked."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class SurveyPhase(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    RANKING = "ranking", _("Ranking of priorities")
    SCALE = "scale", _("Scale 1-5")
    NUMBER = "number", _("Number")
    FREE_TEXT = "free_text", _("Free text")


CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE, QuestionKind.RANKING)


class StakeholderType(models.TextChoices):
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    MIGRANT_LED = "migrant_led", _("Migrant-led organisation")
    SOCIAL_PARTNER = "social_partner", _("Social partner")
    PUBLIC_BODY = "public_body", _("Public body")
    OTHER = "other", _("Other")


class InvitationStatus(models.TextChoices):
    """Computed from the invitation's dates and its response; never stored."""

    SENT = "sent", _("Sent")
    OPENED = "opened", _("Opened")
    DRAFT = "draft", _("Answer in progress")
    ANSWERED = "answered", _("Answered")


class PriorityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted in the programme")


PRIORITY_TRANSITIONS = {
    PriorityStatus.PROPOSED: {PriorityStatus.ADOPTED},
    # Back to "proposed" only when a programme amendment drops it; the officer records that.
    PriorityStatus.ADOPTED: {PriorityStatus.PROPOSED},
}

LANGUAGES = (("nl", _("Dutch")), ("fr", _("French")), ("en", _("English")))
