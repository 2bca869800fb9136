"""Statuses, kinds and the allowed transitions of surveys, invitations, responses and priorities."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PriorityStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ADOPTED = "adopted", _("Adopted in the programme")


PRIORITY_TRANSITIONS = {
    PriorityStatus.PROPOSED: {PriorityStatus.ADOPTED},
    # Back to "proposed" only when a programme amendment drops it; the officer records that.
    PriorityStatus.ADOPTED: {PriorityStatus.PROPOSED},
}
