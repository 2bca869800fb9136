"""Amendments to an operation: a new expected end date, a shift of the budget between categories and years,
or a new EU contribution, with the reason. Prepared by an officer, approved by an authorising officer who did
not prepare it; an approved amendment changes the operation and leads to a new version of the agreement."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.applications.models.budget import LINE_CATEGORIES
from subsidia.core.fields import MoneyField

from ..constants import OPEN_AMENDMENT_STATUSES, AmendmentStatus
from .operations import Operation


class Amendment(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="amendments")
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(_("status"), max_length=20, choices=AmendmentStatus.choices, default="draft")
    reason = models.TextField(_("reason"), max_length=4000)
    new_end_date = models.DateField(_("new expected end date"), null=True, blank=True)
    changes_budget = models.BooleanField(_("changes the budget"), default=False)
    new_eu_contribution = MoneyField(_("new EU contribution"), null=True, blank=True)
    # The figures before and after, fixed when the amendment is approved (what changed, for the record).
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(_("prepared at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["operation", "number"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(fields=["operation", "number"], name="amendment_number_unique"),
            models.UniqueConstraint(
                fields=["operation"],
                condition=Q(status__in=OPEN_AMENDMENT_STATUSES),
                name="amendment_one_open_per_operation",
            ),
            models.CheckConstraint(condition=Q(status__in=AmendmentStatus.values), name="amendment_status_valid"),
            models.CheckConstraint(
                condition=Q(new_eu_contribution__isnull=True) | Q(new_eu_contribution__gte=0),
                name="amendment_eu_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("prepared_by")),
                name="amendment_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "rejected"]) | Q(decided_at__isnull=False),
                name="amendment_decided_dated",
            ),
        ]

    def __str__(self):
        return f"{self.operation.code} A{self.number}"


class AmendmentBudgetLine(models.Model):
    """A line of the whole new budget the amendment proposes (when it changes the budget)."""

    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("cost category"), max_length=20, choices=LINE_CATEGORIES)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = MoneyField(_("amount"))

    class Meta:
        ordering = ["amendment", "year", "category"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "category", "year"], name="amendment_line_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="amendment_line_amount_not_negative"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="amendment_line_year"),
        ]

    def __str__(self):
        return f"{self.amendment} {self.year} {self.category} {self.amount}"
