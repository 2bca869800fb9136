"""The selection methodology the monitoring committee approves (CPR art. 40(2)(a)): how the call's applications
are selected, and how the procedure honours each principle of CPR art. 73(1)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.calls.models import Call
from subsidia.core.approvals import Approvable
from subsidia.reference.models import Translated

from ..constants import Principle


def official(obj, field: str) -> str:
    return getattr(obj, f"{field}_{settings.SUBSIDIA_OFFICIAL_LANGUAGE}", "") or ""


class SelectionMethodology(Translated, Approvable, models.Model):
    call = models.OneToOneField(
        Call, on_delete=models.PROTECT, related_name="selection_methodology", verbose_name=_("call")
    )
    procedure_nl = models.TextField(_("selection procedure (Dutch)"), blank=True)
    procedure_fr = models.TextField(_("selection procedure (French)"), blank=True)
    procedure_en = models.TextField(_("selection procedure (English)"), blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("selection methodology")
        verbose_name_plural = _("selection methodologies")

    def __str__(self):
        return str(self.approval_label())

    @property
    def procedure(self):
        return self.tr("procedure")

    def approval_label(self) -> str:
        return str(_("Selection methodology of call %(reference)s") % {"reference": self.call.reference})

    def approval_content(self) -> dict:
        """The binding texts, each principle's statement, and the call's rules the assessment applies (criteria,
        thresholds, assessors, consolidation, tie-break), so the committee approves them together."""
        call = self.call
        call_content = call.approval_content()
        return {
            "call": call.reference,
            "language": settings.SUBSIDIA_OFFICIAL_LANGUAGE,
            "procedure": official(self, "procedure"),
            "principles": {p.principle: official(p, "text") for p in self.principles.all()},
            "rules": {
                key: call_content[key]
                for key in (
                    "award_criteria",
                    "eligibility_criteria",
                    "overall_threshold",
                    "tie_break_final",
                    "number_of_assessors",
                    "consolidation",
                    "disagreement_gap",
                    "partial_funding_allowed",
                    "budget",
                )
            },
        }


class MethodologyPrinciple(Translated, models.Model):
    """How the procedure honours one principle of CPR art. 73(1)."""

    methodology = models.ForeignKey(SelectionMethodology, on_delete=models.CASCADE, related_name="principles")
    principle = models.CharField(_("principle"), max_length=30, choices=Principle.choices)
    text_nl = models.TextField(_("how it is ensured (Dutch)"), blank=True)
    text_fr = models.TextField(_("how it is ensured (French)"), blank=True)
    text_en = models.TextField(_("how it is ensured (English)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["methodology", "id"]
        verbose_name = _("principle of the methodology")
        verbose_name_plural = _("principles of the methodology")
        constraints = [
            models.UniqueConstraint(fields=["methodology", "principle"], name="methodology_principle_unique"),
            models.CheckConstraint(
                condition=models.Q(principle__in=Principle.values), name="methodology_principle_valid"
            ),
        ]

    def __str__(self):
        return self.get_principle_display()

    @property
    def text(self):
        return self.tr("text")
