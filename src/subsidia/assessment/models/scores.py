"""Scores per award criterion: each assessor's, and the consensus a lead assessor enters when the call says so."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.applications.models import Application
from subsidia.calls.models import AwardCriterion

from ..constants import ConsensusStatus
from ..fields import PointsField
from .assessors import Assignment

# A final score has its points and a written justification; a draft may still lack either.
FINAL_COMPLETE = Q(final=False) | (Q(points__isnull=False) & ~Q(justification=""))
POINTS_IN_RANGE = Q(points__isnull=True) | (Q(points__gte=0) & Q(points__lte=F("max_points")))


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.PROTECT, related_name="+")
    points = PointsField(_("points"), null=True, blank=True)
    # The criterion's maximum when scored: the database itself keeps the points within it.
    max_points = PointsField(_("maximum points"))
    justification = models.TextField(_("justification"), blank=True, max_length=6000)
    final = models.BooleanField(_("submitted"), default=False)
    updated_at = models.DateTimeField(_("last changed at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["assignment", "criterion__position"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_unique"),
            models.CheckConstraint(condition=POINTS_IN_RANGE, name="score_points_in_range"),
            models.CheckConstraint(condition=FINAL_COMPLETE, name="score_final_complete"),
        ]

    def __str__(self):
        return f"{self.assignment} · {self.criterion_id}: {self.points}"


class Consensus(models.Model):
    """The lead assessor's consensus scores for one application (calls with consensus consolidation)."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="consensus")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=ConsensusStatus.choices, default=ConsensusStatus.DRAFT
    )
    note = models.TextField(_("how the assessors reached consensus"), blank=True, max_length=6000)
    updated_at = models.DateTimeField(_("last changed at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consensus")
        verbose_name_plural = _("consensus scores")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ConsensusStatus.values), name="consensus_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=ConsensusStatus.SUBMITTED) | Q(submitted_at__isnull=False),
                name="consensus_submitted_dated",
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} · {self.get_status_display()}"


class ConsensusScore(models.Model):
    consensus = models.ForeignKey(Consensus, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(AwardCriterion, on_delete=models.PROTECT, related_name="+")
    points = PointsField(_("points"), null=True, blank=True)
    max_points = PointsField(_("maximum points"))
    justification = models.TextField(_("justification"), blank=True, max_length=6000)
    final = models.BooleanField(_("submitted"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["consensus", "criterion__position"]
        verbose_name = _("consensus score")
        verbose_name_plural = _("consensus scores")
        constraints = [
            models.UniqueConstraint(fields=["consensus", "criterion"], name="consensus_score_unique"),
            models.CheckConstraint(condition=POINTS_IN_RANGE, name="consensus_points_in_range"),
            models.CheckConstraint(condition=FINAL_COMPLETE, name="consensus_final_complete"),
        ]

    def __str__(self):
        return f"{self.consensus} · {self.criterion_id}: {self.points}"
