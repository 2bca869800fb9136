"""Core data: the tamper-evident audit trail and the generic approval gate."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .approval_models import ApprovalDecision, ApprovalRequest  # noqa: F401


class AuditEvent(models.Model):
    """One named domain event (``programme.adopted``), chained by SHA-256 to the one before it.

    Every value of the event is a *leaf* hashed with its own random salt; the payload hash covers the leaf
    hashes, and the chain hash covers the previous chain hash and this payload hash. Personal data can then
    be redacted (value and salt removed) while the leaf hash, and so the whole chain, still verifies.
    """

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    leaves = models.JSONField(default=dict, help_text="leaf key -> {h: sha256, s: salt or null when redacted}")
    payload_hash = models.CharField(max_length=64)
    previous_hash = models.CharField(max_length=64)
    chain_hash = models.CharField(max_length=64, unique=True)
    redacted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"])]
        constraints = [models.CheckConstraint(condition=models.Q(sequence__gte=1), name="audit_sequence_positive")]

    def __str__(self):
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"


class AuditChainHead(models.Model):
    """The single row locked while an event is appended, so concurrent writers never fork the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_singleton")]

    def __str__(self):
        return f"audit chain head at #{self.last_sequence}"
