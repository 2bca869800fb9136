"""A programme (CCI), its versions (the original and each amendment) and the allocations of each version."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.core.approvals import Approvable
from subsidia.core.canonical import jsonable
from subsidia.core.fields import MoneyField, RateField
from subsidia.reference.models import Fund, ImplementationModality, NutsArea, SpecificObjective, Translated

from .constants import OPEN_STATUSES, ProgrammeStatus, RegionKind, VersionStatus

# CCI of a programme: year, member state, fund code, "PR" type, sequence, e.g. 2021BE65AMPR001.
CCI_PATTERN = re.compile(r"^(?P<year>20\d\d)(?P<country>[A-Z]{2})(?P<fund>\d\d)(?P<type>[A-Z]{2}PR)(?P<seq>\d{3})$")


def validate_cci(value: str) -> None:
    if not CCI_PATTERN.match(value or ""):
        raise ValidationError(
            _("A CCI code has the form 2021BE65AMPR001: year, country code, fund number, programme type, sequence."),
            code="invalid_cci",
        )


class Region(Translated, models.Model):
    """A region or delegated body that receives an envelope (Flanders, Wallonia, the federal level, …)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=RegionKind.choices)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    nuts = models.ForeignKey(NutsArea, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("NUTS area"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region or delegated body")
        verbose_name_plural = _("regions and delegated bodies")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.tr("name")


class Programme(models.Model):
    cci = models.CharField(_("CCI code"), max_length=15, unique=True, validators=[validate_cci])
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, verbose_name=_("fund"))
    member_state = models.CharField(_("member state"), max_length=2)
    # The version in force: the latest adopted one, or the first draft before any adoption.
    current_version = models.OneToOneField(
        "ProgrammeVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Figures made up for demonstration."))
    created_at = models.DateTimeField(_("created at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["cci"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return f"{self.cci} {self.title}"

    @property
    def title(self):
        return self.current_version.title if self.current_version_id else ""

    @property
    def status(self) -> str:
        version = self.current_version
        if version is None or version.status == VersionStatus.DRAFT:
            return ProgrammeStatus.DRAFT
        if version.status == VersionStatus.SUBMITTED:
            return ProgrammeStatus.SUBMITTED
        return ProgrammeStatus.AMENDED if version.number > 1 else ProgrammeStatus.ADOPTED

    def get_status_display(self):
        return ProgrammeStatus(self.status).label

    @property
    def period(self):
        return f"{self.fund.period_start}-{self.fund.period_end}"

    def open_version(self):
        return self.versions.filter(status__in=OPEN_STATUSES).order_by("-number").first()


class ProgrammeVersion(Translated, Approvable, models.Model):
    """The original programme (version 1) or an amendment. Earlier versions stay readable, unchanged."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    based_on = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    title_nl = models.CharField(_("title (Dutch)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    eligibility_start = models.DateField(_("expenditure eligible from"))
    eligibility_end = models.DateField(_("expenditure eligible until"))
    amendment_reason = models.TextField(_("reason for the amendment"), blank=True)
    justification_min_share_so1 = models.TextField(
        _("justification: share of objective 1 below the minimum"), blank=True
    )
    justification_min_share_so2 = models.TextField(
        _("justification: share of objective 2 below the minimum"), blank=True
    )
    justification_operating_support = models.TextField(
        _("justification: operating support above the maximum share"), blank=True
    )
    commission_decision_number = models.CharField(_("Commission decision number"), max_length=40, blank=True)
    commission_decision_date = models.DateField(_("Commission decision date"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted to the Commission on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    # What the committee approves for an amendment: the budget and the rules around it, not the title's wording.
    approval_fields = (
        "eligibility_start",
        "eligibility_end",
        "amendment_reason",
        "justification_min_share_so1",
        "justification_min_share_so2",
        "justification_operating_support",
    )

    class Meta:
        ordering = ["programme", "number"]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programme_version_number_unique"),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
                name="programme_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(eligibility_start__lte=models.F("eligibility_end")), name="programme_eligibility_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in VersionStatus]), name="programme_version_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status="adopted")
                | (Q(commission_decision_date__isnull=False) & ~Q(commission_decision_number="")),
                name="adopted_version_has_decision",
            ),
        ]

    def __str__(self):
        return f"{self.programme.cci} v{self.number}"

    @property
    def title(self):
        return self.tr("title")

    @property
    def is_amendment(self) -> bool:
        return self.number > 1

    @property
    def is_editable(self) -> bool:
        return self.status == VersionStatus.DRAFT

    def approval_label(self) -> str:
        return str(_("Amendment %(number)s of programme %(cci)s") % {"number": self.number, "cci": self.programme.cci})

    def approval_content(self) -> dict:
        content = super().approval_content()
        content["allocations"] = [
            jsonable(row)
            for row in self.allocations.order_by(
                "specific_objective__code", "region__code", "implementation_modality__code", "year"
            ).values(
                "specific_objective__code",
                "region__code",
                "implementation_modality__code",
                "year",
                "eu_contribution",
                "national_contribution",
                "cofinancing_rate",
            )
        ]
        return content


class Allocation(models.Model):
    """EU and national money for one objective × region × implementation modality × year of a version."""

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="allocations")
    specific_objective = models.ForeignKey(
        SpecificObjective, on_delete=models.PROTECT, verbose_name=_("specific objective")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region or delegated body"))
    implementation_modality = models.ForeignKey(
        ImplementationModality, on_delete=models.PROTECT, verbose_name=_("implementation modality")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    eu_contribution = MoneyField(_("EU contribution"))
    national_contribution = MoneyField(_("national contribution"))
    # Derived: EU ÷ (EU + national), half-up to four decimals; the cap is checked on the exact amounts.
    cofinancing_rate = RateField(_("co-financing rate"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "specific_objective__position", "region__code", "implementation_modality__code", "year"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "specific_objective", "region", "implementation_modality", "year"],
                name="allocation_unique_cell",
            ),
            models.CheckConstraint(condition=Q(eu_contribution__gte=0), name="allocation_eu_not_negative"),
            models.CheckConstraint(condition=Q(national_contribution__gte=0), name="allocation_national_not_negative"),
            models.CheckConstraint(
                condition=Q(cofinancing_rate__gte=0) & Q(cofinancing_rate__lte=1), name="allocation_rate_fraction"
            ),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="allocation_year_sane"),
        ]

    def __str__(self):
        cell = f"SO{self.specific_objective.code} {self.region.code} {self.implementation_modality.code} {self.year}"
        return f"{self.version} {cell}"

    @property
    def total(self):
        return self.eu_contribution + self.national_contribution
