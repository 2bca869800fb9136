"""Budget lines by cost category and year, and the flat rates an application applies."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.calls.constants import CostCategory, CostOptionKind, FlatRate
from subsidia.core.fields import MoneyField, RateField

from ..constants import ALL_OTHER_COSTS
from .applications import Application

LINE_CATEGORIES = [*CostCategory.choices, (ALL_OTHER_COSTS, _("All costs other than direct staff costs"))]


class BudgetLine(models.Model):
    """An entered line (real costs, a unit cost or a lump sum of the call) or a computed flat-rate line.

    Flat-rate lines are written by the budget service whenever an entered line or a flat rate changes, so the
    totals are database sums over one table.
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("cost category"), max_length=20, choices=LINE_CATEGORIES)
    cost_option = models.CharField(_("cost option"), max_length=20, choices=CostOptionKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    # Unit costs: how many units at the call's amount per unit. Lump sums: how many at the call's amount.
    call_option = models.ForeignKey(
        "calls.CostOption",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit cost or lump sum of the call"),
    )
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit_amount = MoneyField(_("amount per unit"), null=True, blank=True)
    flat_rate = models.CharField(_("flat rate"), max_length=40, choices=FlatRate.choices, blank=True)
    rate = RateField(_("rate"), null=True, blank=True)
    amount = MoneyField(_("amount"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "year", "category", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount_not_negative"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="budget_line_year_sane"),
            models.CheckConstraint(condition=Q(cost_option__in=CostOptionKind.values), name="budget_line_option_valid"),
            models.CheckConstraint(
                condition=(Q(cost_option="flat_rate") & ~Q(flat_rate="") & Q(rate__isnull=False))
                | (~Q(cost_option="flat_rate") & Q(flat_rate="")),
                name="budget_line_flat_rate_named",
            ),
            models.CheckConstraint(
                condition=~Q(cost_option__in=["unit_cost", "lump_sum"])
                | (Q(quantity__gt=0) & Q(unit_amount__isnull=False)),
                name="budget_line_units_counted",
            ),
            models.UniqueConstraint(
                fields=["application", "year", "flat_rate"],
                condition=~Q(flat_rate=""),
                name="budget_line_one_flat_rate_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_category_display()} {self.amount}"

    @property
    def is_computed(self) -> bool:
        return self.cost_option == CostOptionKind.FLAT_RATE


class AppliedFlatRate(models.Model):
    """A flat rate of the call that this application applies, at the call's rate."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="flat_rates")
    kind = models.CharField(_("flat rate"), max_length=40, choices=FlatRate.choices)
    rate = RateField(_("rate"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "kind"]
        verbose_name = _("flat rate applied")
        verbose_name_plural = _("flat rates applied")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="applied_flat_rate_unique"),
            models.CheckConstraint(condition=Q(kind__in=FlatRate.values), name="applied_flat_rate_kind_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.rate}"
