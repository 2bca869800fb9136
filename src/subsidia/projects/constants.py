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


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # The beneficiary's signatory signed; an authorising officer still has to confirm it.
    SIGNED = "signed", _("Signed by the beneficiary")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Superseded by a later version")
    CANCELLED = "cancelled", _("Cancelled")


AGREEMENT_TRANSITIONS = {
    AgreementStatus.DRAFT: {AgreementStatus.SIGNED, AgreementStatus.CANCELLED},
    AgreementStatus.SIGNED: {AgreementStatus.IN_FORCE, AgreementStatus.CANCELLED},
    AgreementStatus.IN_FORCE: {AgreementStatus.SUPERSEDED, AgreementStatus.CANCELLED},
    AgreementStatus.SUPERSEDED: set(),
    AgreementStatus.CANCELLED: set(),
}
OPEN_AGREEMENT_STATUSES = (AgreementStatus.DRAFT, AgreementStatus.SIGNED)


class AmendmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


AMENDMENT_TRANSITIONS = {
    AmendmentStatus.DRAFT: {AmendmentStatus.SUBMITTED, AmendmentStatus.WITHDRAWN},
    AmendmentStatus.SUBMITTED: {AmendmentStatus.APPROVED, AmendmentStatus.REJECTED, AmendmentStatus.DRAFT},
    AmendmentStatus.APPROVED: set(),
    AmendmentStatus.REJECTED: set(),
    AmendmentStatus.WITHDRAWN: set(),
}
OPEN_AMENDMENT_STATUSES = (AmendmentStatus.DRAFT, AmendmentStatus.SUBMITTED)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    # Sent back to the beneficiary with a note; it becomes a draft they can correct.
    RETURNED = "returned", _("Returned for correction")


REPORT_TRANSITIONS = {
    ReportStatus.DRAFT: {ReportStatus.SUBMITTED},
    ReportStatus.RETURNED: {ReportStatus.SUBMITTED},
    ReportStatus.SUBMITTED: {ReportStatus.ACCEPTED, ReportStatus.RETURNED},
    ReportStatus.ACCEPTED: set(),
}
EDITABLE_REPORT_STATUSES = (ReportStatus.DRAFT, ReportStatus.RETURNED)
