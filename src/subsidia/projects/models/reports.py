"""Progress reports: per half-year (the values of indicators go to the Commission by 31 January and 31 July,
CPR art. 42(1) and 42(2)(b)), a narrative and the indicator values achieved in the period."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import ReportStatus
from .budget import BreakdownMixin, OperationIndicatorTarget
from .operations import Operation


class ProgressReport(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="progress_reports")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due_date = models.DateField(_("due on"))
    # The report of the operation's last period; an amendment that moves the end date makes a later one final.
    is_final = models.BooleanField(_("final report"), default=False)
    narrative = models.TextField(_("progress made, problems met and what was done about them"), max_length=10000)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default="draft")
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("note of the managing authority"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["operation", "period_start"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.UniqueConstraint(fields=["operation", "period_start"], name="progress_report_one_per_period"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="progress_report_period"),
            models.CheckConstraint(condition=Q(status__in=ReportStatus.values), name="progress_report_status"),
            models.CheckConstraint(
                condition=Q(status__in=["draft"]) | Q(submitted_at__isnull=False),
                name="progress_report_submitted_dated",
            ),
            # The beneficiary's report is accepted by someone at the managing authority, never by its author.
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=F("submitted_by")),
                name="progress_report_reviewed_by_other",
            ),
        ]

    def __str__(self):
        return f"{self.operation.code} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"


class ReportedValue(BreakdownMixin):
    """The value of one indicator achieved during the report's period (not cumulative: sums give the total)."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(OperationIndicatorTarget, on_delete=models.PROTECT, related_name="reported_values")
    value = models.PositiveIntegerField(_("achieved in the period"))
    by_age_and_gender = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "target__indicator__id"]
        verbose_name = _("reported indicator value")
        verbose_name_plural = _("reported indicator values")
        constraints = [
            models.UniqueConstraint(fields=["report", "target"], name="reported_value_unique"),
            *BreakdownMixin.breakdown_checks("value", "reported_value"),
        ]

    def __str__(self):
        return f"{self.target.indicator.code}: {self.value}"
