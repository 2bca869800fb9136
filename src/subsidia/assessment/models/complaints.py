"""Complaints about the selection (CPR art. 69(7)): registered with the date received, handled by someone who
took no part in the decision, answered in writing with the date."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.applications.models import Application

from ..constants import ComplaintChannel, ComplaintOutcome, ComplaintStatus
from .decisions import DecisionLetter, SelectionDecision


class Complaint(models.Model):
    reference = models.CharField(_("reference"), max_length=80, unique=True)
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="complaints")
    decision = models.ForeignKey(
        SelectionDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    letter = models.ForeignKey(DecisionLetter, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    channel = models.CharField(_("received through"), max_length=20, choices=ComplaintChannel.choices)
    received_at = models.DateTimeField(_("received at"))
    subject = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("complaint"), max_length=20000)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Received within the time limit stated in the letter (a late complaint is still registered and answered).
    within_time_limit = models.BooleanField(_("received within the time limit"), default=True)
    answer_due_on = models.DateField(_("answer due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.REGISTERED
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taken_up_at = models.DateTimeField(_("taken up at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ComplaintOutcome.choices, blank=True)
    answer = models.TextField(_("answer"), blank=True, max_length=20000)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ComplaintStatus.values), name="complaint_status_valid"),
            models.CheckConstraint(condition=Q(channel__in=ComplaintChannel.values), name="complaint_channel_valid"),
            models.CheckConstraint(
                condition=~Q(status=ComplaintStatus.ANSWERED)
                | (
                    ~Q(answer="")
                    & Q(outcome__in=ComplaintOutcome.values)
                    & Q(answered_at__isnull=False)
                    & Q(answered_by__isnull=False)
                ),
                name="complaint_answer_recorded",
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(answered_at__gte=F("received_at")),
                name="complaint_answered_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(registered_at__gte=F("received_at")), name="complaint_registered_after_receipt"
            ),
        ]

    def __str__(self):
        return self.reference
