"""The grant agreement: the document setting out the conditions for support of an operation (CPR art. 73(3)).

Each version freezes the operation's figures at preparation (canonical JSON with its SHA-256) so the PDF of a
signed version always shows what was signed, whatever changed later. A version enters into force when an
authorising officer who did not prepare it confirms the beneficiary's signature.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import OPEN_AGREEMENT_STATUSES, AgreementStatus
from .operations import Operation


class GrantAgreement(models.Model):
    operation = models.ForeignKey(Operation, on_delete=models.PROTECT, related_name="agreements")
    version = models.PositiveSmallIntegerField(_("version"))
    reference = models.CharField(_("reference"), max_length=50, unique=True)
    status = models.CharField(_("status"), max_length=20, choices=AgreementStatus.choices, default="draft")
    # The binding language (the deployment's official language when the version was prepared).
    language = models.CharField(_("binding language"), max_length=5)
    conditions_nl = models.TextField(_("special conditions (Dutch)"), blank=True)
    conditions_fr = models.TextField(_("special conditions (French)"), blank=True)
    conditions_en = models.TextField(_("special conditions (English)"), blank=True)
    amendment = models.OneToOneField(
        "Amendment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreement",
        verbose_name=_("amendment it puts into effect"),
    )
    content = models.TextField(_("frozen content (canonical JSON, RFC 8785)"))
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    prepared_at = models.DateTimeField(_("prepared at"))
    signatory_name = models.CharField(_("signed for the beneficiary by"), max_length=200, blank=True)
    signatory_function = models.CharField(_("function of the signatory"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signature_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signature_recorded_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("in force since"), null=True, blank=True)
    cancelled_reason = models.TextField(_("reason for cancellation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["operation", "version"]
        verbose_name = _("grant agreement")
        verbose_name_plural = _("grant agreements")
        constraints = [
            models.UniqueConstraint(fields=["operation", "version"], name="agreement_version_unique"),
            models.UniqueConstraint(
                fields=["operation"],
                condition=Q(status__in=OPEN_AGREEMENT_STATUSES),
                name="agreement_one_open_version",
            ),
            models.UniqueConstraint(
                fields=["operation"], condition=Q(status="in_force"), name="agreement_one_in_force"
            ),
            models.CheckConstraint(condition=Q(status__in=AgreementStatus.values), name="agreement_status_valid"),
            models.CheckConstraint(condition=Q(version__gte=1), name="agreement_version_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "cancelled"]) | (Q(signed_on__isnull=False) & ~Q(signatory_name="")),
                name="agreement_signed_has_signatory",
            ),
            # Four eyes in the database too: whoever prepared a version never confirms it.
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=models.F("prepared_by")),
                name="agreement_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["in_force", "superseded"]) | Q(confirmed_at__isnull=False),
                name="agreement_in_force_confirmed",
            ),
        ]

    def __str__(self):
        return self.reference

    def conditions(self, language: str | None = None) -> str:
        return getattr(self, f"conditions_{language or self.language}", "") or ""
