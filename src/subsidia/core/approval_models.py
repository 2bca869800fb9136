"""The generic approval gate: a request pinned to the hash of an object's substantive content, and a decision.

The committee app records decisions here; stages ask ``approvals.is_approved(obj)`` before using an object.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the committee")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApprovalRequest(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("object type"))
    object_id = models.CharField(_("object id"), max_length=64)
    object_label = models.CharField(_("object"), max_length=300)
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    # The exact canonical JSON (RFC 8785) that was put to the committee; kept as text so it hashes again.
    content = models.TextField(_("content submitted"))
    status = models.CharField(
        _("status"), max_length=30, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    note = models.TextField(_("note to the committee"), blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        indexes = [models.Index(fields=["content_type", "object_id", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in ApprovalStatus]), name="approval_status_valid"
            ),
            # Two officers submitting at once must not leave two requests awaiting the committee.
            models.UniqueConstraint(
                fields=["content_type", "object_id"], condition=models.Q(status="pending"),
                name="approval_one_pending_per_object",
            ),
        ]

    def __str__(self):
        return f"{self.object_label} [{self.content_hash[:12]}] {self.get_status_display()}"

    @property
    def object_type(self) -> str:
        return f"{self.content_type.app_label}.{self.content_type.model}"

    @property
    def decision_or_none(self):
        try:
            return self.decision
        except ApprovalDecision.DoesNotExist:
            return None


class ApprovalDecision(models.Model):
    """The committee's decision on one request (taken in a quorate meeting or a written procedure)."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
        REJECTED = "rejected", _("Rejected")

    request = models.OneToOneField(ApprovalRequest, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    decision_date = models.DateField(_("decision date"))
    reference = models.CharField(_("reference"), max_length=120)
    votes_for = models.PositiveIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    abstentions = models.PositiveIntegerField(_("abstentions"), default=0)
    taken_in = models.CharField(_("taken in"), max_length=200, help_text=_("meeting or written procedure"))
    # The meeting agenda item or written procedure that took the decision (the committee app's rows).
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("taken in (type)"),
    )
    source_id = models.CharField(_("taken in (id)"), max_length=64, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    # "Approved with conditions": an officer amends the object, another (authorising) officer confirms that
    # the new content meets the conditions; the new content's hash is then recorded against the decision.
    conditions_prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("amended content prepared by"),
    )
    conditions_prepared_at = models.DateTimeField(_("amended content prepared at"), null=True, blank=True)
    conditions_prepared_hash = models.CharField(_("hash of the amended content"), max_length=64, blank=True)
    conditions_fulfilled_hash = models.CharField(
        _("hash of the content meeting the conditions"), max_length=64, blank=True
    )
    conditions_fulfilled_content = models.TextField(_("content meeting the conditions"), blank=True)
    conditions_fulfilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("conditions confirmed by"),
    )
    conditions_fulfilled_at = models.DateTimeField(_("conditions confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval decision")
        verbose_name_plural = _("approval decisions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome="approved_with_conditions") | ~models.Q(conditions=""),
                name="approval_conditions_stated",
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="approved_with_conditions")
                | models.Q(conditions_fulfilled_hash=""),
                name="approval_fulfilment_only_with_conditions",
            ),
            # Four eyes, also in the database: who confirms the conditions did not prepare the amendment.
            models.CheckConstraint(
                condition=~models.Q(conditions_fulfilled_by=models.F("conditions_prepared_by")),
                name="approval_conditions_four_eyes",
            ),
            models.CheckConstraint(
                condition=models.Q(votes_for__gte=0)
                & models.Q(votes_against__gte=0)
                & models.Q(abstentions__gte=0),
                name="approval_votes_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.reference}: {self.get_outcome_display()}"
