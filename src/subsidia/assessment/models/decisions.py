"""The selection decision: the ranking frozen into lines, prepared by an officer, approved by an authorising
officer who did not prepare it. Approved lines commit EU money against the call's budget; what a decision leaves
unused is released back to the allocation."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.applications.models import Application
from subsidia.calls.models import Call
from subsidia.core.canonical import sha256_text
from subsidia.core.fields import MoneyField, RateField

from ..constants import FUNDED, DecisionKind, DecisionStatus, LetterKind, Outcome
from ..fields import PointsField


class SelectionDecision(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="selection_decisions")
    number = models.PositiveSmallIntegerField(_("number"))
    reference = models.CharField(_("reference"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DecisionKind.choices, default=DecisionKind.INITIAL)
    status = models.CharField(
        _("status"), max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.PREPARED
    )
    # What the call still had when the decision was prepared, and what the decision commits of it.
    budget_available = MoneyField(_("budget available"))
    eu_total = MoneyField(_("EU contribution selected"))
    reasons = models.TextField(_("reasons"), blank=True, max_length=20000)
    # SHA-256 of the lines' canonical content: what the authorising officer approves is what was prepared.
    content_hash = models.CharField(_("content hash"), max_length=64)
    prepared_at = models.DateTimeField(_("prepared at"))
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("returned or withdrawn at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    close_reason = models.TextField(_("reason"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "-number"]
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")
        constraints = [
            models.UniqueConstraint(fields=["call", "number"], name="decision_number_unique"),
            models.CheckConstraint(condition=Q(status__in=DecisionStatus.values), name="decision_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=DecisionKind.values), name="decision_kind_valid"),
            models.CheckConstraint(
                condition=Q(eu_total__gte=0) & Q(eu_total__lte=F("budget_available")),
                name="decision_within_budget",
            ),
            models.CheckConstraint(
                condition=~Q(status=DecisionStatus.APPROVED)
                | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
                name="decision_approval_recorded",
            ),
            # Four eyes: whoever prepared the decision never approves it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("prepared_by")),
                name="decision_four_eyes",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == DecisionStatus.PREPARED


class SelectionLine(models.Model):
    """One application in a decision: its rank, scores and outcome, frozen when the decision was prepared."""

    decision = models.ForeignKey(SelectionDecision, on_delete=models.PROTECT, related_name="lines")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="selection_lines")
    rank = models.PositiveIntegerField(_("rank"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    reserve_position = models.PositiveIntegerField(_("place on the reserve list"), null=True, blank=True)
    total_points = PointsField(_("total score"))
    # [{"criterion": id, "position": n, "points": "23.50"}, …] as consolidated when prepared.
    scores = models.JSONField(_("scores per criterion"), default=list)
    flagged = models.BooleanField(_("assessors disagreed"), default=False)
    requested_eu = MoneyField(_("EU grant requested"))
    eu_amount = MoneyField(_("EU grant awarded"), null=True, blank=True)
    total_eligible_cost = MoneyField(_("total eligible cost"))
    total_cost = MoneyField(_("total cost"))
    cofinancing_rate = RateField(_("co-financing rate"), null=True, blank=True)
    # Set when the decision is approved: the grant counts against the call's budget (until declined).
    committed = models.BooleanField(_("committed"), default=False)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    declined_reason = models.TextField(_("reason for declining"), blank=True, max_length=4000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "rank"]
        verbose_name = _("line of a selection decision")
        verbose_name_plural = _("lines of selection decisions")
        constraints = [
            models.UniqueConstraint(fields=["decision", "application"], name="line_application_unique"),
            models.UniqueConstraint(fields=["decision", "rank"], name="line_rank_unique"),
            # An application is granted once, whatever the number of decisions.
            models.UniqueConstraint(fields=["application"], condition=Q(committed=True), name="line_granted_once"),
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="line_outcome_valid"),
            models.CheckConstraint(
                condition=(
                    Q(outcome__in=FUNDED)
                    & Q(eu_amount__gt=0)
                    & Q(eu_amount__lte=F("requested_eu"))
                    & Q(cofinancing_rate__isnull=False)
                )
                | (~Q(outcome__in=FUNDED) & Q(eu_amount__isnull=True)),
                name="line_amount_matches_outcome",
            ),
            models.CheckConstraint(
                condition=Q(outcome=Outcome.RESERVE) | Q(reserve_position__isnull=True),
                name="line_reserve_position_only_on_reserve",
            ),
            models.CheckConstraint(condition=Q(committed=False) | Q(outcome__in=FUNDED), name="line_commits_funded"),
            models.CheckConstraint(
                condition=Q(declined_at__isnull=True) | Q(committed=True), name="line_declines_a_grant"
            ),
        ]

    def __str__(self):
        return f"{self.decision.reference} #{self.rank} {self.application.reference}"

    @property
    def is_funded(self) -> bool:
        return self.outcome in FUNDED

    @property
    def is_active_grant(self) -> bool:
        return self.committed and self.declined_at is None


class BudgetRelease(models.Model):
    """EU budget of a call that a decision left unused (or a declined grant nobody on the reserve list takes):
    it goes back to the allocation of the call's objective, region and modality."""

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="budget_releases")
    decision = models.ForeignKey(
        SelectionDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="releases"
    )
    amount = MoneyField(_("amount released"))
    reason = models.CharField(_("reason"), max_length=300)
    released_at = models.DateTimeField(_("released at"))
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["call", "released_at", "id"]
        verbose_name = _("budget released")
        verbose_name_plural = _("budget released")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="release_positive")]

    def __str__(self):
        return f"{self.call.reference} · {self.amount}"


class ImmutableLetter(RuntimeError):
    """A notified letter cannot be changed or deleted."""


class DecisionLetter(models.Model):
    """What was notified to an applicant, frozen as canonical JSON (RFC 8785) with its SHA-256. The PDF is
    rendered from it in the binding language or a translation, so every rendering says the same."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="decision_letters")
    decision = models.ForeignKey(
        SelectionDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    reference = models.CharField(_("reference"), max_length=80, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    content = models.TextField(_("content (canonical JSON)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    language = models.CharField(_("binding language"), max_length=5)

    class Meta:
        ordering = ["-issued_at", "reference"]
        verbose_name = _("decision letter")
        verbose_name_plural = _("decision letters")
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "application"], condition=Q(decision__isnull=False), name="letter_once_per_decision"
            ),
            models.UniqueConstraint(
                fields=["application"], condition=Q(kind=LetterKind.INELIGIBLE), name="letter_ineligible_once"
            ),
            models.CheckConstraint(condition=Q(kind__in=LetterKind.values), name="letter_kind_valid"),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableLetter("a notified letter is never changed")
        if sha256_text(self.content) != self.sha256:
            raise ImmutableLetter("the hash does not match the content")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableLetter("a notified letter is never deleted")

    def verify(self) -> bool:
        return sha256_text(self.content) == self.sha256
