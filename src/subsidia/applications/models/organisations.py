"""Organisations that apply, and the people who act for them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.reference.models import NutsArea
from subsidia.reference.postcodes import format_enterprise_number

from ..constants import LegalForm, MemberRole, OrganisationType


class Organisation(models.Model):
    legal_name = models.CharField(_("legal name"), max_length=200)
    legal_form = models.CharField(_("legal form"), max_length=30, choices=LegalForm.choices)
    organisation_type = models.CharField(_("type of organisation"), max_length=30, choices=OrganisationType.choices)
    # Ten digits without dots; blank only for de facto associations and foreign organisations.
    enterprise_number = models.CharField(_("enterprise number (KBO/BCE)"), max_length=10, blank=True)
    other_identifier = models.CharField(
        _("other identifier"),
        max_length=60,
        blank=True,
        help_text=_(
            "For an organisation without a Belgian enterprise number: a foreign registration number, "
            "or for a de facto association the name of its representative."
        ),
    )
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    vat_recoverable = models.BooleanField(
        _("VAT is recoverable"),
        default=False,
        help_text=_("Recoverable VAT is not an eligible cost; budget amounts then exclude VAT."),
    )
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city or municipality"), max_length=100)
    country = models.CharField(_("country"), max_length=2, default="BE")
    nuts = models.ForeignKey(NutsArea, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("NUTS area"))
    # False when the applicant chose the NUTS area because the postcode could not be placed.
    nuts_from_postcode = models.BooleanField(default=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("registered at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        through_fields=("organisation", "user"),
        related_name="organisations",
        verbose_name=_("members"),
    )
    history = HistoricalRecords(excluded_fields=["members"])

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise_number"],
                condition=~Q(enterprise_number=""),
                name="organisation_enterprise_unique",
            ),
            models.CheckConstraint(
                condition=~Q(enterprise_number="") | ~Q(other_identifier=""),
                name="organisation_has_identifier",
            ),
            models.CheckConstraint(
                condition=Q(organisation_type__in=OrganisationType.values), name="organisation_type_valid"
            ),
            models.CheckConstraint(condition=Q(legal_form__in=LegalForm.values), name="organisation_legal_form_valid"),
            # A Belgian address is always placed in a NUTS area (derived from the postcode or chosen).
            models.CheckConstraint(condition=~Q(country="BE") | Q(nuts__isnull=False), name="organisation_be_has_nuts"),
        ]

    def __str__(self):
        return self.legal_name

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number) if self.enterprise_number else ""

    @property
    def identifier(self) -> str:
        return self.enterprise_number_display or self.other_identifier

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}" + ("" if self.country == "BE" else f" ({self.country})")


class Membership(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    added_at = models.DateTimeField(_("added at"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "user__username"]
        verbose_name = _("member of an organisation")
        verbose_name_plural = _("members of organisations")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique"),
            models.CheckConstraint(condition=Q(role__in=MemberRole.values), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} ({self.get_role_display()})"
