"""Publication restrictions (four eyes) and dated snapshots of the published list of operations.

The live list is computed at every request from ``projects.Operation`` through the field map (``fields.py``);
nothing here is needed for it to be correct. A snapshot freezes the rows as published on a date (CPR art.
49(3): the list is updated at least every four months) so that every publication stays downloadable.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.core.fields import MoneyField

from .constants import IN_FORCE, OPEN, RestrictionStatus


class PublicationRestriction(models.Model):
    """Withholds an operation's beneficiary and location from every public output, on a written legal ground
    (for instance a shelter for victims of trafficking). Its amounts still count in every total."""

    operation = models.ForeignKey(
        "projects.Operation",
        on_delete=models.PROTECT,
        related_name="publication_restrictions",
        verbose_name=_("operation"),
    )
    legal_ground = models.TextField(
        _("legal ground"),
        help_text=_("The written legal ground for withholding the beneficiary and the location."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RestrictionStatus.choices, default=RestrictionStatus.PREPARED
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("prepared by")
    )
    prepared_at = models.DateTimeField(_("prepared at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed or refused by"),
    )
    decided_at = models.DateTimeField(_("confirmed or refused at"), null=True, blank=True)
    decision_note = models.TextField(_("reason for refusal"), blank=True)
    lift_reason = models.TextField(_("reason for lifting"), blank=True)
    lift_prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifting prepared by"),
    )
    lift_prepared_at = models.DateTimeField(_("lifting prepared at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lifted by"),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-prepared_at", "-id"]
        verbose_name = _("publication restriction")
        verbose_name_plural = _("publication restrictions")
        indexes = [models.Index(fields=["operation", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["operation"],
                condition=Q(status__in=[s.value for s in OPEN]),
                name="restriction_one_open_per_operation",
            ),
            models.CheckConstraint(condition=Q(status__in=RestrictionStatus.values), name="restriction_status_valid"),
            models.CheckConstraint(condition=~Q(legal_ground=""), name="restriction_has_legal_ground"),
            # Four eyes, in the database as well as in the services.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("prepared_by")),
                name="restriction_decided_by_other",
            ),
            models.CheckConstraint(
                condition=Q(lifted_by__isnull=True) | ~Q(lifted_by=F("lift_prepared_by")),
                name="restriction_lifted_by_other",
            ),
            models.CheckConstraint(
                condition=Q(status=RestrictionStatus.PREPARED) | Q(decided_by__isnull=False),
                name="restriction_decided_has_decider",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[s.value for s in IN_FORCE]) | Q(decided_at__isnull=False),
                name="restriction_in_force_confirmed",
            ),
            models.CheckConstraint(
                condition=~Q(status=RestrictionStatus.LIFTED) | Q(lifted_by__isnull=False),
                name="restriction_lifted_has_lifter",
            ),
        ]

    def __str__(self):
        return f"{self.operation_id}: {self.get_status_display()}"

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE


class PublicationSnapshot(models.Model):
    """The list of operations as published on a date: its rows are frozen through the field map, with the
    withholding of that moment applied (and later restrictions and name removals applied to it too)."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    published_at = models.DateTimeField(_("published at"))
    data_date = models.DateField(_("date of last update"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
        help_text=_("Empty when the scheduled task published it."),
    )
    language = models.CharField(_("language"), max_length=5)
    field_keys = models.JSONField(_("fields"), default=list)
    operations = models.PositiveIntegerField(_("operations"))
    total_cost = MoneyField(_("total cost"))
    total_eligible_cost = MoneyField(_("total eligible cost"))
    eu_contribution = MoneyField(_("EU contribution"))
    note = models.TextField(_("note"), blank=True)
    # Rows were changed after publication (a restriction confirmed later, names removed after two years).
    redacted_at = models.DateTimeField(_("withheld data removed at"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("publication of the list of operations")
        verbose_name_plural = _("publications of the list of operations")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="snapshot_number_positive"),
            models.CheckConstraint(
                condition=Q(total_cost__gte=0) & Q(total_eligible_cost__gte=0) & Q(eu_contribution__gte=0),
                name="snapshot_totals_not_negative",
            ),
        ]

    def __str__(self):
        return f"#{self.number} ({self.data_date})"


class SnapshotRow(models.Model):
    """One operation as published in a snapshot: ``data`` maps the field map's keys to the published values
    (amounts as decimal strings). ``row_hash`` lets the difference between two publications be found by
    the database."""

    snapshot = models.ForeignKey(PublicationSnapshot, on_delete=models.CASCADE, related_name="rows")
    operation = models.ForeignKey(
        "projects.Operation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    code = models.CharField(_("operation code"), max_length=40)
    data = models.JSONField()
    row_hash = models.CharField(max_length=64)
    total_cost = MoneyField(_("total cost"))
    eu_contribution = MoneyField(_("EU contribution"))
    natural_person = models.BooleanField(default=False)
    first_published_on = models.DateField()
    restricted = models.BooleanField(default=False)
    name_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["snapshot", "code"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "code"], name="snapshot_row_code_unique"),
            models.CheckConstraint(
                condition=Q(total_cost__gte=0) & Q(eu_contribution__gte=0), name="snapshot_row_amounts"
            ),
        ]
        indexes = [
            models.Index(
                fields=["natural_person", "first_published_on"],
                condition=Q(natural_person=True, name_removed_at__isnull=True),
                name="snapshot_row_names_due",
            ),
            models.Index(fields=["operation"], name="snapshot_row_operation"),
        ]

    def __str__(self):
        return f"{self.snapshot_id}/{self.code}"
