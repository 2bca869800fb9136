"""Statuses of operations and of their parts, and the allowed transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OperationStatus(models.TextChoices):
    # Selected by an approved decision; the grant agreement is not yet signed.
    SELECTED = "selected", _("Selected")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    # The beneficiary declined, or the selection was withdrawn, before any agreement was signed.
    CANCELLED = "cancelled", _("Cancelled")
    # Ended early after the agreement was signed.
    TERMINATED = "terminated", _("Terminated")


OPERATION_TRANSITIONS = {
    OperationStatus.SELECTED: {OperationStatus.ACTIVE, OperationStatus.CANCELLED},
    OperationStatus.ACTIVE: {OperationStatus.COMPLETED, OperationStatus.TERMINATED},
    OperationStatus.COMPLETED: set(),
    OperationStatus.CANCELLED: set(),
    OperationStatus.TERMINATED: set(),
}

# Operations that received (or still hold) support: what the list of operations and the totals count.
SUPPORTED_STATUSES = (
    OperationStatus.SELECTED,
    OperationStatus.ACTIVE,
    OperationStatus.COMPLETED,
    OperationStatus.TERMINATED,
)
