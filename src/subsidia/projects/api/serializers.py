"""Serializers of the operations API. The public one is drawn from ``public.public_fields`` (the one field
map, after any withholding); amounts are decimal strings, rates four decimals ("0.9000")."""

from rest_framework import serializers

from subsidia.core.api.serializers import AmountField, ModelSerializer, RateSerializerField

from .. import public, selectors
from ..models import (
    Amendment,
    GrantAgreement,
    OperationBudgetLine,
    OperationIndicatorTarget,
    ProgressReport,
)


class PublicOperationSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Unique operation code (CPR art. 49(3)).")
    call = serializers.CharField(help_text="Reference of the call for proposals.")
    beneficiary = serializers.CharField(
        allow_null=True, help_text="Beneficiary name (art. 49(3)(a)-(b)); null when withheld."
    )
    beneficiary_identifier = serializers.CharField(allow_null=True, help_text="Belgian enterprise number.")
    beneficiary_is_natural_person = serializers.BooleanField()
    name = serializers.CharField(help_text="Operation name (art. 49(3)(d)), in the requested language if available.")
    purpose = serializers.CharField(help_text="Purpose and expected achievements (art. 49(3)(e)).")
    achievements = serializers.CharField(allow_blank=True, help_text="Actual achievements, once completed.")
    start_date = serializers.DateField()
    end_date = serializers.DateField(help_text="Expected or actual date of completion (art. 49(3)(g)).")
    expected_end_date = serializers.DateField()
    actual_end_date = serializers.DateField(allow_null=True)
    total_cost = AmountField(help_text="Total cost (art. 49(3)(h)).")
    total_eligible_cost = AmountField()
    eu_contribution = AmountField()
    cofinancing_rate = RateSerializerField(help_text="Union co-financing rate (art. 49(3)(k)).")
    own_contribution = AmountField()
    other_public_funding = AmountField()
    fund = serializers.CharField()
    specific_objective = serializers.CharField()
    specific_objective_name = serializers.CharField()
    intervention_field = serializers.CharField(allow_null=True, help_text="AMIF Annex VI table 1 code.")
    intervention_field_name = serializers.CharField(allow_null=True)
    action_type = serializers.CharField(allow_null=True)
    implementation_modality = serializers.CharField()
    region = serializers.CharField(help_text="Region or delegated body that ran the call.")
    postcode = serializers.CharField(allow_null=True)
    nuts = serializers.CharField(allow_null=True, help_text="NUTS area of the location (art. 49(3)(l)).")
    nuts_name = serializers.CharField(allow_null=True)
    country = serializers.CharField(allow_null=True, help_text="ISO 3166-1 alpha-2 country code.")
    location = serializers.CharField(allow_null=True)
    status = serializers.CharField()
    selected_at = serializers.DateTimeField()
    priorities = serializers.ListField(child=serializers.CharField())
    withheld = serializers.ListField(
        child=serializers.CharField(), help_text="Fields withheld from publication (legal ground applies)."
    )

    def record(self, instance) -> dict:
        return public.public_fields(instance)

    def to_representation(self, instance):
        return super().to_representation(self.record(instance))


class OperationBudgetLineSerializer(ModelSerializer):
    class Meta:
        model = OperationBudgetLine
        fields = ["category", "year", "amount"]


class OperationTargetSerializer(ModelSerializer):
    indicator = serializers.CharField(source="indicator.code")
    achieved = serializers.IntegerField(read_only=True)

    class Meta:
        model = OperationIndicatorTarget
        fields = [
            "id",
            "indicator",
            "target",
            "achieved",
            "by_age_and_gender",
            *OperationIndicatorTarget.BREAKDOWN_FIELDS,
        ]


class GrantAgreementSerializer(ModelSerializer):
    class Meta:
        model = GrantAgreement
        fields = [
            "id",
            "reference",
            "version",
            "status",
            "language",
            "sha256",
            "prepared_at",
            "signatory_name",
            "signatory_function",
            "signed_on",
            "confirmed_at",
        ]


class AmendmentSerializer(ModelSerializer):
    class Meta:
        model = Amendment
        fields = [
            "id",
            "number",
            "status",
            "reason",
            "new_end_date",
            "changes_budget",
            "new_eu_contribution",
            "prepared_at",
            "submitted_at",
            "decided_at",
            "decision_note",
            "before",
            "after",
        ]


class ProgressReportSerializer(ModelSerializer):
    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "period_start",
            "period_end",
            "due_date",
            "is_final",
            "status",
            "narrative",
            "submitted_at",
            "reviewed_at",
            "review_note",
        ]


class OperationFileSerializer(PublicOperationSerializer):
    """For staff and the beneficiary: the public record plus budget, targets, agreements, amendments, reports.

    Staff and the beneficiary see the beneficiary and location even where the public record withholds them.
    """

    budget = OperationBudgetLineSerializer(many=True)
    indicator_targets = OperationTargetSerializer(many=True)
    agreements = GrantAgreementSerializer(many=True)
    amendments = AmendmentSerializer(many=True)
    progress_reports = ProgressReportSerializer(many=True)

    def record(self, instance) -> dict:
        return {
            **public.internal_fields(instance),
            "budget": instance.budget_lines.all(),
            "indicator_targets": [row["row"] for row in selectors.achievements(instance)],
            "agreements": instance.agreements.all(),
            "amendments": instance.amendments.all(),
            "progress_reports": instance.progress_reports.all(),
        }
