"""The operation's budget by cost category and year, and its indicator targets, copied from the submitted
application at selection and changed only by an approved amendment."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.applications.models.budget import LINE_CATEGORIES
from subsidia.core.fields import MoneyField
from subsidia.reference.models import Indicator

from .operations import Operation


class OperationBudgetLine(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("cost category"), max_length=20, choices=LINE_CATEGORIES)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = MoneyField(_("amount"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["operation", "year", "category"]
        verbose_name = _("budget line of an operation")
        verbose_name_plural = _("budget lines of operations")
        constraints = [
            models.UniqueConstraint(fields=["operation", "category", "year"], name="operation_budget_line_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="operation_budget_amount_not_negative"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="operation_budget_year"),
        ]

    def __str__(self):
        return f"{self.operation.code} {self.year} {self.category} {self.amount}"


class BreakdownMixin(models.Model):
    """Age bracket and gender of the persons counted (AMIF Annex VIII), each adding up to the total."""

    age_under_18 = models.PositiveIntegerField(_("under 18"), default=0)
    age_18_60 = models.PositiveIntegerField(_("18 to 60"), default=0)
    age_over_60 = models.PositiveIntegerField(_("over 60"), default=0)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    non_binary = models.PositiveIntegerField(_("non-binary or not stated"), default=0)

    AGE_FIELDS = ("age_under_18", "age_18_60", "age_over_60")
    GENDER_FIELDS = ("women", "men", "non_binary")
    BREAKDOWN_FIELDS = AGE_FIELDS + GENDER_FIELDS

    class Meta:
        abstract = True

    @staticmethod
    def breakdown_checks(total: str, prefix: str) -> list:
        return [
            models.CheckConstraint(
                condition=Q(by_age_and_gender=False)
                | (
                    Q(**{total: F("age_under_18") + F("age_18_60") + F("age_over_60")})
                    & Q(**{total: F("women") + F("men") + F("non_binary")})
                ),
                name=f"{prefix}_breakdown_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(by_age_and_gender=True)
                | (Q(age_under_18=0) & Q(age_18_60=0) & Q(age_over_60=0) & Q(women=0) & Q(men=0) & Q(non_binary=0)),
                name=f"{prefix}_no_breakdown_without_persons",
            ),
        ]


class OperationIndicatorTarget(BreakdownMixin):
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="indicator_targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, verbose_name=_("indicator"))
    target = models.PositiveIntegerField(_("target"))
    by_age_and_gender = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["operation", "indicator__id"]
        verbose_name = _("indicator target of an operation")
        verbose_name_plural = _("indicator targets of operations")
        constraints = [
            models.UniqueConstraint(fields=["operation", "indicator"], name="operation_target_unique"),
            *BreakdownMixin.breakdown_checks("target", "operation_target"),
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.target}"
