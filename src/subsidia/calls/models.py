"""A call for proposals with its criteria, cost options and attachments; the calendar of planned calls.

A call's budget is the EU contribution it makes available; the total eligible cost follows from its rate. The
committee approves the call's substantive content (``approval_content``), pinned by hash; whether a published
call is open is computed from its dates at the moment of asking (``effective_status``), never stored.
"""

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.consultations.models import Priority
from subsidia.core import clock
from subsidia.core.approvals import Approvable
from subsidia.core.fields import MoneyField, RateField
from subsidia.core.money import CENT, RATE_QUANTUM, round_half_up
from subsidia.programmes.models import Programme, Region
from subsidia.reference.models import (
    ActionType,
    ImplementationMeasure,
    ImplementationModality,
    InterventionField,
    NutsArea,
    SpecificObjective,
    Translated,
)

from .constants import (
    DOCUMENT_LANGUAGES,
    EDITABLE_STATUSES,
    PUBLIC_STATUSES,
    AttachmentType,
    CallStatus,
    ConsolidationMethod,
    CostCategory,
    CostOptionKind,
    EffectiveStatus,
    FlatRate,
    TieBreakFinal,
)

REFERENCE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._/-]{2,39}$")
POINTS = Decimal("0.01")


def validate_reference(value: str) -> None:
    if not REFERENCE_PATTERN.match(value or ""):
        raise ValidationError(
            _("A call reference has 3 to 40 capital letters, digits, dots, dashes or slashes, e.g. AMIF-VLG-2025-01."),
            code="invalid_reference",
        )


def official(obj, field: str) -> str:
    """The text of ``field`` in the deployment's official (binding) language."""
    return getattr(obj, f"{field}_{settings.SUBSIDIA_OFFICIAL_LANGUAGE}", "") or ""


def _utc(value: dt.datetime | None) -> str | None:
    # The same instant must hash the same whether it came from a form (Brussels) or the database (UTC).
    return value.astimezone(dt.UTC).isoformat() if value else None


def _amount(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(CENT))


def _points(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(POINTS))


class Call(Translated, Approvable, models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True, validators=[validate_reference])
    title_nl = models.CharField(_("title (Dutch)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_nl = models.TextField(_("summary (Dutch)"), blank=True)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    description_nl = models.TextField(_("call text (Dutch)"), blank=True)
    description_fr = models.TextField(_("call text (French)"), blank=True)
    description_en = models.TextField(_("call text (English)"), blank=True)
    eligible_applicants_nl = models.TextField(_("who may apply (Dutch)"), blank=True)
    eligible_applicants_fr = models.TextField(_("who may apply (French)"), blank=True)
    eligible_applicants_en = models.TextField(_("who may apply (English)"), blank=True)
    contact = models.TextField(
        _("contact for questions"),
        blank=True,
        help_text=_("Not part of the approved content: it can be corrected at any time."),
    )
    specific_objective = models.ForeignKey(
        SpecificObjective, on_delete=models.PROTECT, verbose_name=_("specific objective")
    )
    implementation_measures = models.ManyToManyField(
        ImplementationMeasure, blank=True, verbose_name=_("implementation measures")
    )
    intervention_fields = models.ManyToManyField(InterventionField, blank=True, verbose_name=_("intervention fields"))
    action_type = models.ForeignKey(
        ActionType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("type of action")
    )
    priorities = models.ManyToManyField(Priority, blank=True, related_name="calls", verbose_name=_("priorities served"))
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("region or delegated body running the call"),
    )
    eligible_area = models.ManyToManyField(NutsArea, blank=True, related_name="+", verbose_name=_("eligible area"))
    implementation_modality = models.ForeignKey(
        ImplementationModality, on_delete=models.PROTECT, verbose_name=_("implementation modality")
    )
    budget = MoneyField(_("budget (EU contribution available)"))
    cofinancing_rate = RateField(_("co-financing rate"))
    min_grant = MoneyField(_("minimum grant"), default=Decimal("0.00"))
    max_grant = MoneyField(_("maximum grant"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    overall_threshold = models.DecimalField(
        _("overall threshold (points)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    tie_break_final = models.CharField(
        _("finally, on a tie"),
        max_length=20,
        choices=TieBreakFinal.choices,
        default=TieBreakFinal.SUBMITTED_FIRST,
    )
    number_of_assessors = models.PositiveSmallIntegerField(_("assessors per application"), default=2)
    partial_funding_allowed = models.BooleanField(
        _("partial funding of the last application above the funding line"), default=False
    )
    consolidation = models.CharField(
        _("consolidation of scores"),
        max_length=20,
        choices=ConsolidationMethod.choices,
        default=ConsolidationMethod.AVERAGE,
    )
    disagreement_gap = models.DecimalField(
        _("score gap that flags disagreement (points)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("When two assessors' total scores differ by at least this much, the application is flagged."),
    )
    draft_budget_allowed = models.BooleanField(
        _("draft budget agreed in advance allowed (CPR art. 53(3)(b))"), default=False
    )
    status = models.CharField(_("status"), max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    history = HistoricalRecords(m2m_fields=[implementation_measures, intervention_fields, priorities, eligible_area])

    class Meta:
        ordering = ["-opens_at", "reference"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        indexes = [models.Index(fields=["status", "opens_at", "closes_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gt=0), name="call_budget_positive"),
            models.CheckConstraint(condition=Q(min_grant__gte=0), name="call_min_grant_not_negative"),
            models.CheckConstraint(condition=Q(min_grant__lte=F("max_grant")), name="call_min_not_above_max"),
            models.CheckConstraint(condition=Q(max_grant__gt=0), name="call_max_grant_positive"),
            models.CheckConstraint(condition=Q(max_grant__lte=F("budget")), name="call_max_not_above_budget"),
            models.CheckConstraint(
                condition=Q(cofinancing_rate__gt=0) & Q(cofinancing_rate__lte=1), name="call_rate_fraction"
            ),
            models.CheckConstraint(condition=Q(opens_at__lt=F("closes_at")), name="call_closes_after_opening"),
            models.CheckConstraint(
                condition=Q(number_of_assessors__gte=1) & Q(number_of_assessors__lte=9),
                name="call_assessors_range",
            ),
            models.CheckConstraint(
                condition=Q(overall_threshold__isnull=True) | Q(overall_threshold__gte=0),
                name="call_threshold_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(disagreement_gap__isnull=True) | Q(disagreement_gap__gt=0),
                name="call_gap_positive",
            ),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in CallStatus]), name="call_status_valid"),
            models.CheckConstraint(
                condition=~Q(status__in=[s.value for s in PUBLIC_STATUSES]) | Q(published_at__isnull=False),
                name="public_call_has_publication_date",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def title(self):
        return self.tr("title")

    @property
    def summary(self):
        return self.tr("summary")

    @property
    def description(self):
        return self.tr("description")

    @property
    def eligible_applicants(self):
        return self.tr("eligible_applicants")

    @property
    def total_eligible_cost(self) -> Decimal:
        """The total eligible cost the budget supports at the call's rate (budget ÷ rate, to the cent)."""
        return round_half_up(Decimal(self.budget) / Decimal(self.cofinancing_rate), 2)

    @property
    def was_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def effective_status(self, at: dt.datetime | None = None) -> str:
        """``upcoming``, ``open`` or ``closed`` for a published call (``opens_at ≤ at < closes_at`` is open);
        otherwise the stored status. ``at`` defaults to the clock's now."""
        if self.status != CallStatus.PUBLISHED:
            return self.status
        at = at or clock.now()
        if at < self.opens_at:
            return EffectiveStatus.UPCOMING.value
        if at < self.closes_at:
            return EffectiveStatus.OPEN.value
        return EffectiveStatus.CLOSED.value

    def get_effective_status_display(self, at: dt.datetime | None = None) -> str:
        value = self.effective_status(at)
        for choices in (EffectiveStatus, CallStatus):
            if value in choices.values:
                return str(choices(value).label)
        return value

    def max_total_points(self) -> Decimal:
        return sum((c.max_points * c.weight for c in self.award_criteria.all()), Decimal("0")).quantize(POINTS)

    def tie_break_order(self) -> list[dict]:
        """Ranking keys after the total score: the named criteria (higher score first), then the final key."""
        keys = [
            {"criterion": c.pk, "title": c.title}
            for c in self.award_criteria.filter(tie_break_rank__isnull=False).order_by("tie_break_rank")
        ]
        keys.append({"final": self.tie_break_final})
        return keys

    # --- Approval gate -------------------------------------------------------------------------------------

    def approval_label(self) -> str:
        return str(_("Call %(reference)s") % {"reference": self.reference})

    def approval_content(self) -> dict:
        """What the committee approves: the binding texts, the money, the dates, every criterion and rule
        applicants and assessors will be held to. Translations and the contact are not part of it."""
        return {
            "reference": self.reference,
            "programme": self.programme.cci,
            "language": settings.SUBSIDIA_OFFICIAL_LANGUAGE,
            "texts": {f: official(self, f) for f in ("title", "summary", "description", "eligible_applicants")},
            "specific_objective": self.specific_objective.code,
            "implementation_measures": sorted(m.letter for m in self.implementation_measures.all()),
            "intervention_fields": sorted(f.code for f in self.intervention_fields.all()),
            "action_type": self.action_type.code if self.action_type_id else None,
            "priorities": sorted(p.code for p in self.priorities.all()),
            "region": self.region.code,
            "eligible_area": sorted(a.code for a in self.eligible_area.all()),
            "implementation_modality": self.implementation_modality.code,
            "budget": _amount(self.budget),
            "cofinancing_rate": str(Decimal(self.cofinancing_rate).quantize(RATE_QUANTUM)),
            "min_grant": _amount(self.min_grant),
            "max_grant": _amount(self.max_grant),
            "opens_at": _utc(self.opens_at),
            "closes_at": _utc(self.closes_at),
            "overall_threshold": _points(self.overall_threshold),
            "tie_break_final": self.tie_break_final,
            "number_of_assessors": self.number_of_assessors,
            "partial_funding_allowed": self.partial_funding_allowed,
            "consolidation": self.consolidation,
            "disagreement_gap": _points(self.disagreement_gap),
            "draft_budget_allowed": self.draft_budget_allowed,
            "eligibility_criteria": [c.approval_content() for c in self.eligibility_criteria.all()],
            "award_criteria": [c.approval_content() for c in self.award_criteria.all()],
            "cost_options": [o.approval_content() for o in self.cost_options.all()],
            "required_attachments": [a.approval_content() for a in self.required_attachments.all()],
            "documents": [d.approval_content() for d in self.documents.all()],
        }


class EligibilityCriterion(Translated, models.Model):
    """One yes/no question of the eligibility checklist, with what it means."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="eligibility_criteria")
    position = models.PositiveSmallIntegerField(_("position"))
    text_nl = models.CharField(_("criterion (Dutch)"), max_length=500, blank=True)
    text_fr = models.CharField(_("criterion (French)"), max_length=500, blank=True)
    text_en = models.CharField(_("criterion (English)"), max_length=500, blank=True)
    explanation_nl = models.TextField(_("explanation (Dutch)"), blank=True)
    explanation_fr = models.TextField(_("explanation (French)"), blank=True)
    explanation_en = models.TextField(_("explanation (English)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("eligibility criterion")
        verbose_name_plural = _("eligibility criteria")
        constraints = [models.UniqueConstraint(fields=["call", "position"], name="eligibility_position_unique")]

    def __str__(self):
        return self.text

    @property
    def text(self):
        return self.tr("text")

    @property
    def explanation(self):
        return self.tr("explanation")

    def approval_content(self) -> dict:
        return {
            "position": self.position,
            "text": official(self, "text"),
            "explanation": official(self, "explanation"),
        }


class AwardCriterion(Translated, models.Model):
    """A criterion scored by assessors: points up to ``max_points``, weighted, with an optional minimum."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="award_criteria")
    position = models.PositiveSmallIntegerField(_("position"))
    title_nl = models.CharField(_("title (Dutch)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    max_points = models.DecimalField(_("maximum points"), max_digits=7, decimal_places=2)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=3,
        default=Decimal("1.000"),
        help_text=_("The points are multiplied by the weight in the total score."),
    )
    threshold = models.DecimalField(
        _("minimum threshold (points)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("An application scoring less on this criterion fails."),
    )
    tie_break_rank = models.PositiveSmallIntegerField(
        _("tie-break rank"),
        null=True,
        blank=True,
        help_text=_("On equal total scores, the criterion ranked 1 decides first, then 2, …"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("award criterion")
        verbose_name_plural = _("award criteria")
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="award_position_unique"),
            models.UniqueConstraint(
                fields=["call", "tie_break_rank"],
                condition=Q(tie_break_rank__isnull=False),
                name="award_tie_break_rank_unique",
            ),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="award_max_points_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="award_weight_positive"),
            models.CheckConstraint(
                condition=Q(threshold__isnull=True) | (Q(threshold__gte=0) & Q(threshold__lte=F("max_points"))),
                name="award_threshold_within_max",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.tr("title")

    @property
    def description(self):
        return self.tr("description")

    @property
    def weighted_max(self) -> Decimal:
        return (self.max_points * self.weight).quantize(POINTS)

    def approval_content(self) -> dict:
        return {
            "position": self.position,
            "title": official(self, "title"),
            "description": official(self, "description"),
            "max_points": _points(self.max_points),
            "weight": str(Decimal(self.weight).quantize(Decimal("0.001"))),
            "threshold": _points(self.threshold),
            "tie_break_rank": self.tie_break_rank,
        }


class CostOption(Translated, models.Model):
    """A way applicants may budget: real costs of a category, a flat rate (CPR art. 54-56), a lump sum or a
    unit cost defined by the call."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="cost_options")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=CostOptionKind.choices)
    category = models.CharField(_("cost category"), max_length=20, choices=CostCategory.choices, blank=True)
    flat_rate = models.CharField(_("flat rate"), max_length=60, choices=FlatRate.choices, blank=True)
    rate = RateField(_("rate"), null=True, blank=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_nl = models.TextField(_("conditions (Dutch)"), blank=True)
    description_fr = models.TextField(_("conditions (French)"), blank=True)
    description_en = models.TextField(_("conditions (English)"), blank=True)
    unit_nl = models.CharField(_("unit (Dutch)"), max_length=100, blank=True)
    unit_fr = models.CharField(_("unit (French)"), max_length=100, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=100, blank=True)
    amount = MoneyField(_("amount"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in CostOptionKind]), name="cost_option_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind="real_costs") | (~Q(category="") & Q(rate__isnull=True) & Q(amount__isnull=True)),
                name="real_costs_have_category",
            ),
            models.CheckConstraint(
                condition=~Q(kind="flat_rate") | (~Q(flat_rate="") & Q(rate__gt=0) & Q(amount__isnull=True)),
                name="flat_rate_has_rate",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["lump_sum", "unit_cost"]) | (Q(amount__gt=0) & Q(rate__isnull=True)),
                name="sco_amount_positive",
            ),
            models.UniqueConstraint(
                fields=["call", "category"],
                condition=Q(kind="real_costs"),
                name="one_real_cost_option_per_category",
            ),
            models.UniqueConstraint(
                fields=["call", "flat_rate"], condition=Q(kind="flat_rate"), name="one_option_per_flat_rate"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def title(self):
        return self.tr("title")

    @property
    def description(self):
        return self.tr("description")

    @property
    def unit(self):
        return self.tr("unit")

    @property
    def is_simplified(self) -> bool:
        return self.kind != CostOptionKind.REAL_COSTS

    @property
    def label(self) -> str:
        if self.kind == CostOptionKind.REAL_COSTS:
            return f"{CostOptionKind(self.kind).label}: {CostCategory(self.category).label}"
        if self.kind == CostOptionKind.FLAT_RATE:
            return str(FlatRate(self.flat_rate).label)
        return self.title

    def approval_content(self) -> dict:
        return {
            "kind": self.kind,
            "category": self.category,
            "flat_rate": self.flat_rate,
            "rate": None if self.rate is None else str(Decimal(self.rate).quantize(RATE_QUANTUM)),
            "title": official(self, "title"),
            "description": official(self, "description"),
            "unit": official(self, "unit"),
            "amount": _amount(self.amount),
        }


class RequiredAttachment(Translated, models.Model):
    """A document every application to the call must (or may) carry."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="required_attachments")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_nl = models.CharField(_("title (Dutch)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    is_mandatory = models.BooleanField(_("mandatory"), default=True)
    file_types = models.CharField(
        _("accepted file types"),
        max_length=100,
        default=AttachmentType.PDF,
        help_text=_("Comma-separated: pdf, docx, odt, xlsx, ods, jpg, png."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("required attachment")
        verbose_name_plural = _("required attachments")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.tr("title")

    @property
    def description(self):
        return self.tr("description")

    @property
    def accepted_types(self) -> list[str]:
        return [t for t in (self.file_types or "").split(",") if t]

    def approval_content(self) -> dict:
        return {
            "title": official(self, "title"),
            "description": official(self, "description"),
            "mandatory": self.is_mandatory,
            "file_types": sorted(self.accepted_types),
        }


def document_path(instance, filename):
    # The stored name never comes from the uploader; the original name is kept in ``filename``.
    return f"calls/{instance.call_id}/{instance.sha256}"


class CallDocument(Translated, models.Model):
    """A document published with the call (guide for applicants, forms). Stored outside the web root."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_nl = models.CharField(_("title (Dutch)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    language = models.CharField(_("language of the document"), max_length=2, choices=DOCUMENT_LANGUAGES, blank=True)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["call", "position", "id"]
        verbose_name = _("call document")
        verbose_name_plural = _("call documents")
        constraints = [models.UniqueConstraint(fields=["call", "sha256"], name="call_document_unique_content")]

    def __str__(self):
        return self.title or self.filename

    @property
    def title(self):
        return self.tr("title")

    def approval_content(self) -> dict:
        return {"title": official(self, "title"), "language": self.language, "sha256": self.sha256}


class PlannedCall(Translated, models.Model):
    """A line of the calendar of planned calls (CPR art. 49(2)): indicative dates and budget."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="planned_calls", verbose_name=_("programme")
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=300, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    specific_objective = models.ForeignKey(
        SpecificObjective, on_delete=models.PROTECT, verbose_name=_("specific objective")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, verbose_name=_("region or delegated body"))
    eligible_area = models.ManyToManyField(NutsArea, blank=True, related_name="+", verbose_name=_("eligible area"))
    eligible_applicants_nl = models.TextField(_("who may apply (Dutch)"), blank=True)
    eligible_applicants_fr = models.TextField(_("who may apply (French)"), blank=True)
    eligible_applicants_en = models.TextField(_("who may apply (English)"), blank=True)
    indicative_budget = MoneyField(_("indicative budget (EU contribution)"))
    planned_opening = models.DateField(_("planned opening"))
    planned_closing = models.DateField(_("planned closing"))
    call = models.OneToOneField(
        Call,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="planned",
        verbose_name=_("call launched"),
    )
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))
    history = HistoricalRecords(m2m_fields=[eligible_area])

    class Meta:
        ordering = ["planned_opening", "id"]
        verbose_name = _("planned call")
        verbose_name_plural = _("planned calls")
        constraints = [
            models.CheckConstraint(condition=Q(indicative_budget__gte=0), name="planned_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(planned_opening__lt=F("planned_closing")), name="planned_closing_after_opening"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.tr("title")

    @property
    def eligible_applicants(self):
        return self.tr("eligible_applicants")


class CalendarRevision(models.Model):
    """Each published update of a programme's calendar of planned calls; the latest is its "last updated"."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="calendar_revisions")
    revised_at = models.DateTimeField(_("updated on"))
    revised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("what changed"), max_length=500)

    class Meta:
        ordering = ["-revised_at", "-id"]
        get_latest_by = "revised_at"
        verbose_name = _("calendar update")
        verbose_name_plural = _("calendar updates")

    def __str__(self):
        return f"{self.programme.cci} {self.revised_at:%Y-%m-%d}"
