"""Conflict-of-interest declarations and assessor assignments.

Whoever decides on an application — the officer checking eligibility, each assessor, the authorising officer —
declares for that application first. A declared conflict removes them from it for good.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.applications.models import Application

from ..constants import ACTIVE_ASSIGNMENT, AssignmentStatus, Capacity
from ..fields import PointsField


class Declaration(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coi_declarations")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="coi_declarations", verbose_name=_("application")
    )
    capacity = models.CharField(_("capacity"), max_length=30, choices=Capacity.choices)
    has_conflict = models.BooleanField(_("conflict of interest"))
    conflict_reason = models.TextField(_("nature of the conflict"), blank=True, max_length=2000)
    # The exact text the person declared, in the language they read it in.
    statement = models.TextField(_("text of the declaration"))
    language = models.CharField(_("language"), max_length=5)
    declared_at = models.DateTimeField(_("declared at"))

    class Meta:
        ordering = ["application", "declared_at", "id"]
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            # One declaration per person and file binds them in every capacity; a conflict is declared once,
            # by turning the existing declaration into a conflict (never back).
            models.UniqueConstraint(fields=["user", "application"], name="declaration_unique"),
            models.CheckConstraint(
                condition=Q(has_conflict=False) | ~Q(conflict_reason=""), name="conflict_has_reason"
            ),
            models.CheckConstraint(condition=Q(capacity__in=Capacity.values), name="declaration_capacity_valid"),
        ]

    def __str__(self):
        return f"{self.user} · {self.application.reference} · {'conflict' if self.has_conflict else 'no conflict'}"


class Assignment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="assignments")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessment_assignments"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.ASSIGNED
    )
    is_lead = models.BooleanField(_("lead assessor"), default=False)
    assigned_at = models.DateTimeField(_("assigned at"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("no conflict declared at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("scores submitted at"), null=True, blank=True)
    # The assessor's weighted total as submitted, computed by the database; the disagreement flag compares them.
    assessor_total = PointsField(_("assessor's total"), null=True, blank=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removal_reason = models.TextField(_("reason for removal"), blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "assigned_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["assessor", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=AssignmentStatus.values), name="assignment_status_valid"),
            models.UniqueConstraint(
                fields=["application", "assessor"],
                condition=Q(status__in=ACTIVE_ASSIGNMENT),
                name="assignment_active_unique",
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(is_lead=True, status__in=ACTIVE_ASSIGNMENT),
                name="assignment_one_lead",
            ),
            models.CheckConstraint(
                condition=~Q(status=AssignmentStatus.SUBMITTED)
                | (Q(submitted_at__isnull=False) & Q(assessor_total__isnull=False) & Q(accepted_at__isnull=False)),
                name="assignment_submitted_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[AssignmentStatus.CONFLICT, AssignmentStatus.WITHDRAWN])
                | Q(removed_at__isnull=False),
                name="assignment_removal_dated",
            ),
        ]

    def __str__(self):
        return f"{self.application.reference} · {self.assessor}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_ASSIGNMENT
