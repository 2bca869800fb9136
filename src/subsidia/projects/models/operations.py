"""An operation selected for support (CPR art. 2(4)): the record the list of operations (art. 49(3)), the
answers to parliament and finance read. Amounts are fixed at selection and change only through an approved
amendment."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.core.fields import MoneyField, RateField
from subsidia.reference.models import (
    ActionType,
    Fund,
    ImplementationModality,
    InterventionField,
    NutsArea,
    SpecificObjective,
)

from ..constants import OperationStatus

LANGUAGES = ("nl", "fr", "en")


class Operation(models.Model):
    # e.g. AMIF-VLG-2026-0001: fund, region, year of selection, a gap-free sequence (services.codes).
    code = models.CharField(_("operation code"), max_length=40, unique=True)
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="operations", verbose_name=_("programme")
    )
    region = models.ForeignKey(
        "programmes.Region",
        on_delete=models.PROTECT,
        related_name="operations",
        verbose_name=_("region or delegated body"),
    )
    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="operations", verbose_name=_("call"))
    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="operation",
        verbose_name=_("application"),
    )
    beneficiary = models.ForeignKey(
        "applications.Organisation",
        on_delete=models.PROTECT,
        related_name="operations",
        verbose_name=_("beneficiary"),
    )
    # As at selection: the list of operations shows the name under which support was granted.
    beneficiary_name = models.CharField(_("beneficiary name"), max_length=200)
    beneficiary_is_natural_person = models.BooleanField(
        _("beneficiary is a natural person"),
        default=False,
        help_text=_("CPR art. 49(3)(b): the name is published only as that article allows."),
    )
    # The binding text (official language); the language fields hold it and its translations.
    name = models.CharField(_("operation name"), max_length=300)
    name_nl = models.CharField(_("name (Dutch)"), max_length=300, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    purpose = models.TextField(_("purpose and expected or actual achievements"))
    purpose_nl = models.TextField(_("purpose (Dutch)"), blank=True)
    purpose_fr = models.TextField(_("purpose (French)"), blank=True)
    purpose_en = models.TextField(_("purpose (English)"), blank=True)
    # Art. 49(3)(e) "actual achievements": written when the operation is completed (from its final report).
    achievements = models.TextField(_("actual achievements"), blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("expected end date"))
    actual_end_date = models.DateField(_("actual end date"), null=True, blank=True)
    total_cost = MoneyField(_("total cost"))
    total_eligible_cost = MoneyField(_("total eligible cost"))
    eu_contribution = MoneyField(_("EU contribution"))
    cofinancing_rate = RateField(_("EU co-financing rate"))
    own_contribution = MoneyField(_("own contribution"), default=0)
    other_public_funding = MoneyField(_("other public funding"), default=0)
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, verbose_name=_("fund"))
    specific_objective = models.ForeignKey(
        SpecificObjective, on_delete=models.PROTECT, verbose_name=_("specific objective")
    )
    intervention_field = models.ForeignKey(
        InterventionField, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("intervention field")
    )
    action_type = models.ForeignKey(
        ActionType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("type of action")
    )
    implementation_modality = models.ForeignKey(
        ImplementationModality, on_delete=models.PROTECT, verbose_name=_("implementation modality")
    )
    priorities = models.ManyToManyField(
        "consultations.Priority", blank=True, related_name="operations", verbose_name=_("priorities served")
    )
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    nuts = models.ForeignKey(
        NutsArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("NUTS area")
    )
    country = models.CharField(_("country"), max_length=2, default="BE")
    location_text = models.CharField(_("location"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OperationStatus.choices, default=OperationStatus.SELECTED
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    selected_at = models.DateTimeField(_("selected at"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("last changed at"))
    history = HistoricalRecords(m2m_fields=[priorities])

    class Meta:
        ordering = ["code"]
        verbose_name = _("operation")
        verbose_name_plural = _("operations")
        indexes = [
            models.Index(fields=["call", "status"]),
            models.Index(fields=["specific_objective", "status"]),
            models.Index(fields=["region", "status"]),
            models.Index(fields=["beneficiary"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_cost__gte=0)
                & Q(total_eligible_cost__gte=0)
                & Q(eu_contribution__gte=0)
                & Q(own_contribution__gte=0)
                & Q(other_public_funding__gte=0),
                name="operation_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(eu_contribution__lte=F("total_eligible_cost"))
                & Q(total_eligible_cost__lte=F("total_cost")),
                name="operation_amounts_ordered",
            ),
            # The co-financing plan adds up: what the EU does not pay is paid by the beneficiary or others.
            models.CheckConstraint(
                condition=Q(
                    total_eligible_cost=F("eu_contribution") + F("own_contribution") + F("other_public_funding")
                ),
                name="operation_cofinancing_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(cofinancing_rate__gte=0) & Q(cofinancing_rate__lte=1), name="operation_rate_fraction"
            ),
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="operation_dates_ordered"),
            models.CheckConstraint(
                condition=Q(actual_end_date__isnull=True) | Q(actual_end_date__gte=F("start_date")),
                name="operation_actual_end_after_start",
            ),
            models.CheckConstraint(condition=Q(status__in=OperationStatus.values), name="operation_status_valid"),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(actual_end_date__isnull=False),
                name="operation_completed_has_end",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def text(self, field: str, language: str | None = None) -> str:
        """``field`` ("name" or "purpose") in ``language`` (default: the active one), else the binding text."""
        language = (language or translation.get_language() or settings.SUBSIDIA_OFFICIAL_LANGUAGE).split("-")[0]
        return getattr(self, f"{field}_{language}", "") or getattr(self, field)

    @property
    def display_name(self) -> str:
        return self.text("name")

    @property
    def display_purpose(self) -> str:
        return self.text("purpose")

    @property
    def expected_or_actual_end_date(self):
        """Art. 49(3)(g): the expected date of completion, or the actual one once known."""
        return self.actual_end_date or self.end_date


class OperationCodeSequence(models.Model):
    """The last number given under one code prefix; locked while a code is given, so codes are gap-free."""

    prefix = models.CharField(max_length=30, unique=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("operation code sequence")

    def __str__(self):
        return f"{self.prefix}-{self.last_number:04d}"
