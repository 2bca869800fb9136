"""Calls as the API shows them (amounts as decimal strings, times in Brussels with their offset) and
the bodies
that officers send. Serializers check shapes; the services check the rules."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from subsidia.consultations.models import Priority
from subsidia.core import clock
from subsidia.core.api.serializers import AmountField, ModelSerializer, RateSerializerField
from subsidia.programmes.models import Programme, Region
from subsidia.reference.models import (
    ActionType,
    ImplementationMeasure,
    ImplementationModality,
    InterventionField,
    NutsArea,
    SpecificObjective,
)

from ..constants import CallStatus, EffectiveStatus
from ..models import AwardCriterion, Call, CallDocument, CostOption, EligibilityCriterion, RequiredAttachment


class LocalDateTimeField(serializers.DateTimeField):
    """A date-time; without an offset it is Brussels wall-clock time, refused when a daylight-saving change
    skips
    or repeats it (rather than guessed)."""

    def to_internal_value(self, value):
        if isinstance(value, str):
            try:
                parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                self.fail("invalid", format="YYYY-MM-DDThh:mm[:ss][+HH:MM]")
            try:
                return clock.make_aware_local(parsed)
            except clock.LocalTimeError as exc:
                raise serializers.ValidationError(
                    _(
                        "This time does not exist or occurs twice in Brussels because of the change to or "
                        "from summer "
                        "time; choose another time."
                    )
                ) from exc
        return super().to_internal_value(value)

    def to_representation(self, value):
        return clock.to_local(value).isoformat() if value else None


class AwardCriterionSerializer(ModelSerializer):
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    weighted_max = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)

    class Meta:
        model = AwardCriterion
        fields = [
            "id",
            "position",
            "title",
            "title_nl",
            "title_fr",
            "title_en",
            "description",
            "description_nl",
            "description_fr",
            "description_en",
            "max_points",
            "weight",
            "weighted_max",
            "threshold",
            "tie_break_rank",
        ]


class EligibilityCriterionSerializer(ModelSerializer):
    text = serializers.CharField(read_only=True)
    explanation = serializers.CharField(read_only=True)

    class Meta:
        model = EligibilityCriterion
        fields = [
            "id",
            "position",
            "text",
            "text_nl",
            "text_fr",
            "text_en",
            "explanation",
            "explanation_nl",
            "explanation_fr",
            "explanation_en",
        ]


class CostOptionSerializer(ModelSerializer):
    label = serializers.CharField(read_only=True)
    legal_basis = serializers.SerializerMethodField()

    class Meta:
        model = CostOption
        fields = [
            "id",
            "position",
            "kind",
            "label",
            "category",
            "flat_rate",
            "rate",
            "legal_basis",
            "title_nl",
            "title_fr",
            "title_en",
            "description_nl",
            "description_fr",
            "description_en",
            "unit_nl",
            "unit_fr",
            "unit_en",
            "amount",
        ]

    def get_legal_basis(self, option) -> str:
        from subsidia.reference.figures import figure

        return figure(option.flat_rate).legal_basis if option.flat_rate else ""


class RequiredAttachmentSerializer(ModelSerializer):
    title = serializers.CharField(read_only=True)
    file_types = serializers.ListField(child=serializers.CharField(), source="accepted_types", read_only=True)

    class Meta:
        model = RequiredAttachment
        fields = [
            "id",
            "position",
            "title",
            "title_nl",
            "title_fr",
            "title_en",
            "description_nl",
            "description_fr",
            "description_en",
            "is_mandatory",
            "file_types",
        ]


class CallDocumentSerializer(ModelSerializer):
    title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = CallDocument
        fields = ["id", "title", "language", "filename", "content_type", "size", "sha256", "url"]

    def get_url(self, document) -> str:
        return reverse("calls:document", args=[document.call_id, document.pk])


class CallSerializer(ModelSerializer):
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    effective_status = serializers.SerializerMethodField()
    programme = serializers.CharField(source="programme.cci", read_only=True)
    specific_objective_code = serializers.CharField(source="specific_objective.code", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True)
    implementation_modality = serializers.CharField(source="implementation_modality.code", read_only=True)
    action_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    eligible_area = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    priorities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    total_eligible_cost = AmountField(read_only=True)
    opens_at = LocalDateTimeField(read_only=True)
    closes_at = LocalDateTimeField(read_only=True)
    published_at = LocalDateTimeField(read_only=True)
    award_criteria = AwardCriterionSerializer(many=True, read_only=True)
    eligibility_criteria = EligibilityCriterionSerializer(many=True, read_only=True)
    cost_options = CostOptionSerializer(many=True, read_only=True)
    required_attachments = RequiredAttachmentSerializer(many=True, read_only=True)
    documents = CallDocumentSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "id",
            "reference",
            "title",
            "title_nl",
            "title_fr",
            "title_en",
            "summary",
            "summary_nl",
            "summary_fr",
            "summary_en",
            "status",
            "effective_status",
            "programme",
            "specific_objective",
            "specific_objective_code",
            "implementation_measures",
            "intervention_fields",
            "action_type",
            "priorities",
            "region",
            "eligible_area",
            "implementation_modality",
            "budget",
            "total_eligible_cost",
            "cofinancing_rate",
            "min_grant",
            "max_grant",
            "opens_at",
            "closes_at",
            "published_at",
            "overall_threshold",
            "tie_break_final",
            "number_of_assessors",
            "partial_funding_allowed",
            "consolidation",
            "disagreement_gap",
            "draft_budget_allowed",
            "award_criteria",
            "eligibility_criteria",
            "cost_options",
            "required_attachments",
            "documents",
            "withdrawn_reason",
            "url",
            "calendar_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=[*EffectiveStatus.choices, *CallStatus.choices]))
    def get_effective_status(self, call) -> str:
        return call.effective_status()

    def get_url(self, call) -> str:
        return reverse("calls:public-detail", args=[call.pk])

    def get_calendar_url(self, call) -> str:
        return reverse("calls:ics", args=[call.pk])


class CallWriteSerializer(serializers.Serializer):
    """What an officer sends to create or change a call. Objectives, measures, intervention fields and
    priorities by id; region, modality, action type and NUTS areas by code."""

    programme = serializers.SlugRelatedField(slug_field="cci", queryset=Programme.objects.all())
    reference = serializers.CharField(max_length=40)
    title_nl = serializers.CharField(max_length=300, required=False, allow_blank=True)
    title_fr = serializers.CharField(max_length=300, required=False, allow_blank=True)
    title_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    summary_nl = serializers.CharField(required=False, allow_blank=True)
    summary_fr = serializers.CharField(required=False, allow_blank=True)
    summary_en = serializers.CharField(required=False, allow_blank=True)
    description_nl = serializers.CharField(required=False, allow_blank=True)
    description_fr = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    eligible_applicants_nl = serializers.CharField(required=False, allow_blank=True)
    eligible_applicants_fr = serializers.CharField(required=False, allow_blank=True)
    eligible_applicants_en = serializers.CharField(required=False, allow_blank=True)
    contact = serializers.CharField(required=False, allow_blank=True)
    specific_objective = serializers.PrimaryKeyRelatedField(queryset=SpecificObjective.objects.all())
    implementation_measures = serializers.PrimaryKeyRelatedField(
        queryset=ImplementationMeasure.objects.all(), many=True, required=False
    )
    intervention_fields = serializers.PrimaryKeyRelatedField(
        queryset=InterventionField.objects.all(), many=True, required=False
    )
    action_type = serializers.SlugRelatedField(
        slug_field="code", queryset=ActionType.objects.all(), required=False, allow_null=True
    )
    priorities = serializers.PrimaryKeyRelatedField(queryset=Priority.objects.all(), many=True, required=False)
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    eligible_area = serializers.SlugRelatedField(
        slug_field="code", queryset=NutsArea.objects.all(), many=True, required=False
    )
    implementation_modality = serializers.SlugRelatedField(
        slug_field="code", queryset=ImplementationModality.objects.all()
    )
    budget = AmountField(min_value=0)
    cofinancing_rate = RateSerializerField()
    min_grant = AmountField(min_value=0, required=False)
    max_grant = AmountField(min_value=0)
    opens_at = LocalDateTimeField()
    closes_at = LocalDateTimeField()
    overall_threshold = serializers.DecimalField(max_digits=7, decimal_places=2, required=False, allow_null=True)
    tie_break_final = serializers.ChoiceField(choices=Call._meta.get_field("tie_break_final").choices, required=False)
    number_of_assessors = serializers.IntegerField(min_value=1, max_value=9, required=False)
    partial_funding_allowed = serializers.BooleanField(required=False)
    consolidation = serializers.ChoiceField(choices=Call._meta.get_field("consolidation").choices, required=False)
    disagreement_gap = serializers.DecimalField(max_digits=7, decimal_places=2, required=False, allow_null=True)
    draft_budget_allowed = serializers.BooleanField(required=False)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ApprovalStateSerializer(serializers.Serializer):
    """Where the call stands with the monitoring committee (officers, authorising officers, auditors)."""

    approved = serializers.BooleanField(help_text="The committee approved the call's exact current content.")
    current_hash = serializers.CharField(help_text="SHA-256 of the call's current substantive content.")
    request_status = serializers.CharField(allow_null=True, help_text="Status of the latest approval request.")
    request_hash = serializers.CharField(allow_null=True)
    decision_reference = serializers.CharField(allow_null=True)
    decision_date = serializers.DateField(allow_null=True)
    taken_in = serializers.CharField(allow_null=True)
