from rest_framework import serializers

from subsidia.core.api.serializers import AmountField, ModelSerializer
from subsidia.reference.models import Fund, ImplementationModality, SpecificObjective

from ..models import Allocation, Programme, ProgrammeVersion, Region


class RegionSerializer(ModelSerializer):
    name = serializers.CharField(read_only=True)
    nuts = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Region
        fields = ["id", "code", "kind", "name", "name_nl", "name_fr", "name_en", "nuts"]


class ProgrammeSerializer(ModelSerializer):
    title = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    fund = serializers.SlugRelatedField(slug_field="code", queryset=Fund.objects.all())
    current_version = serializers.IntegerField(source="current_version.number", read_only=True, allow_null=True)
    commission_decision_number = serializers.CharField(
        source="current_version.commission_decision_number", read_only=True
    )
    commission_decision_date = serializers.DateField(source="current_version.commission_decision_date", read_only=True)
    eu_contribution = AmountField(read_only=True)
    national_contribution = AmountField(read_only=True)
    total = AmountField(read_only=True)
    title_nl = serializers.CharField(write_only=True)
    title_fr = serializers.CharField(write_only=True, required=False, allow_blank=True)
    title_en = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "cci",
            "title",
            "title_nl",
            "title_fr",
            "title_en",
            "fund",
            "member_state",
            "status",
            "current_version",
            "commission_decision_number",
            "commission_decision_date",
            "is_demo",
            "eu_contribution",
            "national_contribution",
            "total",
        ]
        read_only_fields = ["is_demo"]
        extra_kwargs = {"cci": {"validators": []}}


class ProgrammeVersionSerializer(ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(read_only=True)
    title = serializers.CharField(read_only=True)
    eu_contribution = AmountField(read_only=True)
    national_contribution = AmountField(read_only=True)
    total = AmountField(read_only=True)

    class Meta:
        model = ProgrammeVersion
        fields = [
            "id",
            "programme",
            "number",
            "status",
            "title",
            "title_nl",
            "title_fr",
            "title_en",
            "eligibility_start",
            "eligibility_end",
            "amendment_reason",
            "justification_min_share_so1",
            "justification_min_share_so2",
            "justification_operating_support",
            "commission_decision_number",
            "commission_decision_date",
            "submitted_on",
            "eu_contribution",
            "national_contribution",
            "total",
        ]
        read_only_fields = [
            "number",
            "status",
            "commission_decision_number",
            "commission_decision_date",
            "submitted_on",
        ]


class AllocationSerializer(ModelSerializer):
    programme = serializers.IntegerField(source="version.programme_id", read_only=True)
    version = serializers.PrimaryKeyRelatedField(queryset=ProgrammeVersion.objects.all())
    specific_objective = serializers.SlugRelatedField(
        slug_field="code", queryset=SpecificObjective.objects.filter(is_technical_assistance__in=[True, False])
    )
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    implementation_modality = serializers.SlugRelatedField(
        slug_field="code", queryset=ImplementationModality.objects.all()
    )
    total = AmountField(read_only=True)
    cofinancing_rate = serializers.DecimalField(max_digits=5, decimal_places=4, required=False, allow_null=True)

    class Meta:
        model = Allocation
        fields = [
            "id",
            "programme",
            "version",
            "specific_objective",
            "region",
            "implementation_modality",
            "year",
            "eu_contribution",
            "national_contribution",
            "total",
            "cofinancing_rate",
        ]


class ProgrammeAdoptSerializer(serializers.Serializer):
    decision_number = serializers.CharField(max_length=40)
    decision_date = serializers.DateField()


class ProgrammeReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
