"""Admissibility and eligibility: each submitted application against the call's checklist and the programme-level
checks (CPR art. 73(2)); a "no" always carries its reason, and a refusal is confirmed by a second officer."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.applications.models import Application
from subsidia.calls.models import EligibilityCriterion

from ..constants import CheckStatus, ProgrammeCheck


class EligibilityCheck(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="eligibility_check", verbose_name=_("application")
    )
    status = models.CharField(_("status"), max_length=30, choices=CheckStatus.choices, default=CheckStatus.DRAFT)
    started_at = models.DateTimeField(_("started at"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The officer who concluded: eligible, or proposing a refusal.
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reasons = models.TextField(_("reasons for the decision"), blank=True, max_length=10000)
    # The second officer who confirmed a refusal (four eyes).
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    return_note = models.TextField(_("why it was sent back"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application__reference"]
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=CheckStatus.values), name="check_status_valid"),
            models.CheckConstraint(
                condition=Q(status=CheckStatus.DRAFT) | (Q(concluded_by__isnull=False) & Q(concluded_at__isnull=False)),
                name="check_concluded_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[CheckStatus.INELIGIBILITY_PROPOSED, CheckStatus.INELIGIBLE]) | ~Q(reasons=""),
                name="refusal_has_reasons",
            ),
            # Four eyes in the database too: the confirming officer is never the one who proposed the refusal.
            models.CheckConstraint(
                condition=~Q(status=CheckStatus.INELIGIBLE)
                | (Q(confirmed_by__isnull=False) & ~Q(confirmed_by=F("concluded_by"))),
                name="refusal_confirmed_by_another",
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} · {self.get_status_display()}"


class CheckAnswer(models.Model):
    """One line of the checklist: a call criterion or a programme-level check, met or not (with the reason)."""

    eligibility_check = models.ForeignKey(EligibilityCheck, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(
        EligibilityCriterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    programme_check = models.CharField(
        _("programme-level check"), max_length=30, choices=ProgrammeCheck.choices, blank=True
    )
    met = models.BooleanField(_("met"))
    reason = models.TextField(_("reason"), blank=True, max_length=4000)
    answered_at = models.DateTimeField(_("answered at"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["eligibility_check", "criterion__position", "id"]
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [
            models.CheckConstraint(
                condition=(Q(criterion__isnull=False) & Q(programme_check=""))
                | (Q(criterion__isnull=True) & Q(programme_check__in=ProgrammeCheck.values)),
                name="answer_one_subject",
            ),
            models.CheckConstraint(condition=Q(met=True) | ~Q(reason=""), name="answer_no_has_reason"),
            models.UniqueConstraint(
                fields=["eligibility_check", "criterion"],
                condition=Q(criterion__isnull=False),
                name="answer_criterion_unique",
            ),
            models.UniqueConstraint(
                fields=["eligibility_check", "programme_check"],
                condition=~Q(programme_check=""),
                name="answer_programme_check_unique",
            ),
        ]

    def __str__(self):
        return f"{self.subject}: {'✓' if self.met else '✗'}"

    @property
    def subject(self) -> str:
        return self.criterion.text if self.criterion_id else str(ProgrammeCheck(self.programme_check).label)
