"""An application for a call and the parts of its form (activities, target groups, locations, partners,
indicator targets). Budget lines and attachments live in their own modules."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.core.fields import MoneyField, RateField
from subsidia.reference.models import Indicator, NutsArea

from ..constants import ApplicationStatus, OrganisationType
from .organisations import Organisation


class Application(models.Model):
    call = models.ForeignKey(
        "calls.Call", on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant organisation"),
    )
    # Given at submission: the call's reference and a sequence number within the call.
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    title = models.CharField(_("project title"), max_length=200)
    acronym = models.CharField(_("short name"), max_length=30, blank=True)
    summary = models.TextField(_("summary"), blank=True, max_length=3000)
    objectives = models.TextField(_("objectives"), blank=True, max_length=6000)
    target_group_description = models.TextField(_("who the project reaches and how"), blank=True, max_length=4000)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # Budget and co-financing plan: the totals are kept in step with the budget lines by the budget service.
    total_eligible_cost = MoneyField(_("total eligible cost"), default=0)
    cofinancing_rate = RateField(_("co-financing rate requested"))
    eu_grant_requested = MoneyField(_("EU grant requested"), default=0)
    own_contribution = MoneyField(_("own contribution"), default=0)
    other_public_funding = MoneyField(_("other public funding"), default=0)
    other_public_funding_source = models.CharField(_("source of the other public funding"), max_length=300, blank=True)
    draft_budget = models.BooleanField(
        _("draft budget for a lump sum"),
        default=False,
        help_text=_(
            "The budget is a draft budget from which the managing authority sets a lump sum "
            "(CPR art. 53(3)(b)); only for operations up to the threshold of art. 53(2)."
        ),
    )
    declared_on_honour = models.BooleanField(_("declaration on honour"), default=False)
    declared_no_double_funding = models.BooleanField(_("no double funding"), default=False)
    declared_not_completed = models.BooleanField(_("operation not completed"), default=False)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("declared by"),
    )
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("last changed at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [("export_application", "Can export submitted applications")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"),
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="application_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(start_date__lte=F("end_date")),
                name="application_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(total_eligible_cost__gte=0)
                & Q(eu_grant_requested__gte=0)
                & Q(own_contribution__gte=0)
                & Q(other_public_funding__gte=0),
                name="application_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(cofinancing_rate__gte=0) & Q(cofinancing_rate__lte=1),
                name="application_rate_fraction",
            ),
            # What was submitted is complete: the plan adds up to the total, the declarations were made.
            models.CheckConstraint(
                condition=Q(status="draft")
                | (
                    Q(eu_grant_requested=F("total_eligible_cost") - F("own_contribution") - F("other_public_funding"))
                    & Q(total_eligible_cost__gt=0)
                    & Q(submitted_at__isnull=False)
                    & ~Q(reference="")
                    & Q(declared_on_honour=True)
                    & Q(declared_no_double_funding=True)
                    & Q(declared_not_completed=True)
                ),
                name="application_submitted_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | Q(withdrawn_at__isnull=False),
                name="application_withdrawn_dated",
            ),
        ]

    def __str__(self):
        return f"{self.reference or _('draft')} · {self.title}"

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def plan_gap(self):
        """What the co-financing plan still lacks (positive) or has too much (negative)."""
        return self.total_eligible_cost - self.eu_grant_requested - self.own_contribution - self.other_public_funding


class Activity(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("activity"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    deliverables = models.TextField(_("deliverables"), blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "start_date", "position", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(condition=Q(start_date__lte=F("end_date")), name="activity_dates_ordered"),
        ]

    def __str__(self):
        return self.title


class TargetGroup(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="target_groups")
    name = models.CharField(_("target group"), max_length=200)
    expected_people = models.PositiveIntegerField(_("people expected to take part"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class Location(models.Model):
    """Where the project takes place: a Belgian postcode, placed in its NUTS area."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="locations")
    postcode = models.CharField(_("postcode"), max_length=4)
    municipality = models.CharField(_("municipality"), max_length=100)
    nuts = models.ForeignKey(NutsArea, on_delete=models.PROTECT, verbose_name=_("NUTS area"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "postcode"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(fields=["application", "postcode", "municipality"], name="location_unique"),
        ]

    def __str__(self):
        return f"{self.postcode} {self.municipality}"


class Partner(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("partner"), max_length=200)
    organisation_type = models.CharField(_("type of organisation"), max_length=30, choices=OrganisationType.choices)
    enterprise_number = models.CharField(_("enterprise number (KBO/BCE)"), max_length=10, blank=True)
    other_identifier = models.CharField(_("other identifier"), max_length=60, blank=True)
    country = models.CharField(_("country"), max_length=2, default="BE")
    role = models.TextField(_("role in the project"), max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(
                condition=~Q(enterprise_number="") | ~Q(other_identifier=""), name="partner_has_identifier"
            ),
        ]

    def __str__(self):
        return self.name


class IndicatorTarget(models.Model):
    """A target for one AMIF indicator of the call's specific objective. Indicators on persons are broken down
    by age bracket and by gender (AMIF Annex VIII); each breakdown adds up to the target."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="indicator_targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, verbose_name=_("indicator"))
    target = models.PositiveIntegerField(_("target"))
    by_age_and_gender = models.BooleanField(default=False)
    age_under_18 = models.PositiveIntegerField(_("under 18"), default=0)
    age_18_60 = models.PositiveIntegerField(_("18 to 60"), default=0)
    age_over_60 = models.PositiveIntegerField(_("over 60"), default=0)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    non_binary = models.PositiveIntegerField(_("non-binary or not stated"), default=0)
    history = HistoricalRecords()

    AGE_FIELDS = ("age_under_18", "age_18_60", "age_over_60")
    GENDER_FIELDS = ("women", "men", "non_binary")

    class Meta:
        ordering = ["application", "indicator__id"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(fields=["application", "indicator"], name="indicator_target_unique"),
            models.CheckConstraint(
                condition=Q(by_age_and_gender=False)
                | (
                    Q(target=F("age_under_18") + F("age_18_60") + F("age_over_60"))
                    & Q(target=F("women") + F("men") + F("non_binary"))
                ),
                name="indicator_target_breakdown_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(by_age_and_gender=True)
                | (Q(age_under_18=0) & Q(age_18_60=0) & Q(age_over_60=0) & Q(women=0) & Q(men=0) & Q(non_binary=0)),
                name="indicator_target_no_breakdown_without_persons",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.target}"
