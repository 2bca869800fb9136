from rest_framework import serializers

from subsidia.core.api.serializers import ModelSerializer

from .. import models


class FundSerializer(ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = models.Fund
        fields = ["id", "code", "name", "name_en", "name_nl", "name_fr", "regulation", "period_start", "period_end",
                  "eligibility_start", "eligibility_end"]


class SpecificObjectiveSerializer(ModelSerializer):
    fund = serializers.SlugRelatedField(slug_field="code", read_only=True)
    short_name = serializers.CharField(read_only=True)

    class Meta:
        model = models.SpecificObjective
        fields = ["id", "fund", "code", "article", "title", "short_name", "is_technical_assistance"]


class ImplementationMeasureSerializer(ModelSerializer):
    objective = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = models.ImplementationMeasure
        fields = ["id", "objective", "letter", "text", "note"]


class InterventionFieldSerializer(ModelSerializer):
    objective = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = models.InterventionField
        fields = ["id", "objective", "code", "section", "title", "note"]


class ActionTypeSerializer(ModelSerializer):
    class Meta:
        model = models.ActionType
        fields = ["id", "code", "title"]


class CofinancingRuleSerializer(ModelSerializer):
    class Meta:
        model = models.CofinancingRule
        fields = ["id", "rule_id", "legal_basis", "applies_to", "max_eu_rate", "text"]


class ImplementationModalitySerializer(ModelSerializer):
    name = serializers.CharField(read_only=True)
    cofinancing_rule = serializers.SlugRelatedField(slug_field="rule_id", read_only=True)
    max_rate = serializers.DecimalField(
        source="cofinancing_rule.max_eu_rate", max_digits=5, decimal_places=4, read_only=True, allow_null=True
    )
    legal_basis = serializers.CharField(source="cofinancing_rule.legal_basis", read_only=True, allow_null=True)

    class Meta:
        model = models.ImplementationModality
        fields = ["id", "code", "name", "name_en", "name_nl", "name_fr", "note", "cofinancing_rule", "max_rate",
                  "legal_basis"]


class SpecificThemeSerializer(ModelSerializer):
    class Meta:
        model = models.SpecificTheme
        fields = ["id", "code", "title"]


class IndicatorSerializer(ModelSerializer):
    objective = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = models.Indicator
        fields = ["id", "code", "kind", "objective", "title", "unit", "breakdown", "source_ref", "note", "parent"]


class RuleFigureSerializer(ModelSerializer):
    class Meta:
        model = models.RuleFigure
        fields = ["id", "key", "value", "unit", "legal_basis", "summary"]


class NutsAreaSerializer(ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    name = serializers.CharField(read_only=True)

    class Meta:
        model = models.NutsArea
        fields = ["id", "code", "level", "parent", "name", "name_nl", "name_fr", "name_en"]


class ListOfOperationsFieldSerializer(ModelSerializer):
    class Meta:
        model = models.ListOfOperationsField
        fields = ["id", "field", "required_by", "notes", "position"]
