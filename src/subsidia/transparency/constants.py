"""Statuses of publication restrictions and the allowed transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RestrictionStatus(models.TextChoices):
    # Prepared by an officer; nothing is withheld until an authorising officer confirms (four eyes).
    PREPARED = "prepared", _("Awaiting confirmation")
    ACTIVE = "active", _("In force")
    REJECTED = "rejected", _("Refused")
    # Still in force: lifting it publishes the withheld data again, so that too needs a second person.
    LIFT_PREPARED = "lift_prepared", _("In force, lifting awaits confirmation")
    LIFTED = "lifted", _("Lifted")


RESTRICTION_TRANSITIONS = {
    RestrictionStatus.PREPARED: {RestrictionStatus.ACTIVE, RestrictionStatus.REJECTED},
    RestrictionStatus.ACTIVE: {RestrictionStatus.LIFT_PREPARED},
    RestrictionStatus.LIFT_PREPARED: {RestrictionStatus.LIFTED, RestrictionStatus.ACTIVE},
    RestrictionStatus.REJECTED: set(),
    RestrictionStatus.LIFTED: set(),
}

# A restriction withholds while in one of these statuses.
IN_FORCE = (RestrictionStatus.ACTIVE, RestrictionStatus.LIFT_PREPARED)
# At most one restriction per operation is open (not refused, not lifted).
OPEN = (RestrictionStatus.PREPARED, RestrictionStatus.ACTIVE, RestrictionStatus.LIFT_PREPARED)
