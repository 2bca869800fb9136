"""Written procedures: a proposal put to the voting members in writing, with a deadline."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.core.approval_models import ApprovalRequest

from ..constants import APPROVING_OUTCOMES, Outcome, ProcedureResult, ProcedureStatus, VoteChoice
from .committee import Committee, Member


class WrittenProcedure(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="written_procedures")
    reference = models.CharField(_("reference"), max_length=40, help_text=_("For example WP-2025-01."))
    title = models.CharField(_("title"), max_length=300)
    proposal = models.TextField(_("proposal"))
    approval_request = models.ForeignKey(
        ApprovalRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approval request"),
    )
    # What the members approve when the proposal carries: a plain approval, or one with conditions.
    proposed_outcome = models.CharField(
        _("proposed decision"),
        max_length=30,
        default=Outcome.APPROVED,
        choices=[(o.value, o.label) for o in APPROVING_OUTCOMES],
    )
    conditions = models.TextField(_("conditions"), blank=True)
    tacit = models.BooleanField(
        _("tacit approval"),
        default=False,
        help_text=_("A voting member who has not answered by the deadline is counted as approving."),
    )
    started_at = models.DateTimeField(_("started at"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=ProcedureStatus.choices, default=ProcedureStatus.OPEN)
    # Frozen at closing, from the result computed at that moment.
    result = models.CharField(_("result"), max_length=20, choices=ProcedureResult.choices, blank=True)
    votes_for = models.PositiveIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    abstentions = models.PositiveIntegerField(_("abstentions"), default=0)
    tacit_votes = models.PositiveIntegerField(_("counted as approving (tacit)"), default=0)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "-started_at"]
        verbose_name = _("written procedure")
        verbose_name_plural = _("written procedures")
        constraints = [
            models.UniqueConstraint(fields=["committee", "reference"], name="procedure_reference_unique"),
            models.CheckConstraint(condition=Q(deadline__gt=F("started_at")), name="procedure_deadline_after_start"),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ProcedureStatus]), name="procedure_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(proposed_outcome="approved_with_conditions") | ~Q(conditions=""),
                name="procedure_conditions_stated",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | (~Q(result="") & Q(closed_at__isnull=False)),
                name="procedure_closed_has_result",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.title}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("committee:procedure", args=[self.pk])


class WrittenProcedureVote(models.Model):
    """One vote per seat: cast by the member, or by their substitute when the member has not voted."""

    procedure = models.ForeignKey(WrittenProcedure, on_delete=models.PROTECT, related_name="votes")
    seat = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("seat of"))
    cast_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="written_votes")
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(_("cast at"))
    # The member voting online, or the secretariat entering a vote the member sent in writing (by e-mail).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        ordering = ["procedure", "cast_at"]
        verbose_name = _("vote in a written procedure")
        verbose_name_plural = _("votes in written procedures")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "seat"], name="procedure_one_vote_per_seat"),
            models.CheckConstraint(condition=Q(choice__in=[c.value for c in VoteChoice]), name="vote_choice_valid"),
        ]

    def __str__(self):
        return f"{self.procedure.reference}: {self.seat.name} — {self.choice}"
