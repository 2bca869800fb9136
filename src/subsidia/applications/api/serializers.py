"""Serializers: reading shows the stored figures; writing hands plain values to the services, which decide."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from subsidia.calls.models import CostOption, RequiredAttachment
from subsidia.core.api.serializers import AmountField, ModelSerializer, RateSerializerField
from subsidia.reference.models import Indicator, NutsArea

from ..models import (
    Activity,
    Application,
    AppliedFlatRate,
    Attachment,
    BudgetLine,
    IndicatorTarget,
    Location,
    Membership,
    Organisation,
    Partner,
    TargetGroup,
)


class VisibleRelations:
    """Limit related-object choices to what the requesting user may see: someone else's application is then
    an unknown id (400), never a hint that it exists."""

    visible = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .. import selectors

        user = getattr(self.context.get("request"), "user", None)
        for name, selector in self.visible.items():
            if name in self.fields:
                self.fields[name].queryset = getattr(selectors, selector)(user)


class OrganisationSerializer(ModelSerializer):
    nuts = serializers.SlugRelatedField(
        slug_field="code",
        queryset=NutsArea.objects.all(),
        required=False,
        allow_null=True,
        help_text="Only needed when the postcode cannot be placed automatically.",
    )
    enterprise_number = serializers.CharField(required=False, allow_blank=True, max_length=20)
    my_role = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id",
            "legal_name",
            "legal_form",
            "organisation_type",
            "enterprise_number",
            "other_identifier",
            "vat_number",
            "vat_recoverable",
            "street",
            "postcode",
            "city",
            "country",
            "nuts",
            "nuts_from_postcode",
            "email",
            "phone",
            "website",
            "my_role",
            "created_at",
        ]
        read_only_fields = ["nuts_from_postcode", "created_at"]
        extra_kwargs = {"enterprise_number": {"validators": []}}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_my_role(self, obj) -> str | None:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        roles = getattr(obj, "_my_role", None)
        if roles is not None:
            return roles
        if not getattr(user, "is_authenticated", False):
            return None
        return obj.memberships.filter(user=user).values_list("role", flat=True).first()


class MembershipSerializer(VisibleRelations, ModelSerializer):
    visible = {"organisation": "organisations_visible_to"}

    username = serializers.CharField(source="user.username", read_only=True)
    name = serializers.CharField(source="user.get_full_name", read_only=True)
    identifier = serializers.CharField(write_only=True, help_text="Username or e-mail address of an existing user.")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = Membership
        fields = ["id", "organisation", "user", "username", "name", "role", "identifier", "added_at"]
        read_only_fields = ["user", "added_at"]


class MembershipRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=["editor", "signatory"])


class FlatRateSerializer(ModelSerializer):
    # Plain strings: the same choice sets are already named in the calls API (one enum per choice set).
    kind = serializers.CharField(read_only=True, help_text="The flat rate's key, e.g. flat_rate_other_costs_staff.")

    class Meta:
        model = AppliedFlatRate
        fields = ["kind", "rate"]


class ApplicationSerializer(VisibleRelations, ModelSerializer):
    visible = {"organisation": "organisations_of"}

    call_reference = serializers.CharField(source="call.reference", read_only=True)
    organisation_name = serializers.CharField(source="organisation.legal_name", read_only=True)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    flat_rates = FlatRateSerializer(many=True, read_only=True)
    cofinancing_rate = RateSerializerField(required=False)
    own_contribution = AmountField(required=False)
    other_public_funding = AmountField(required=False)
    total_eligible_cost = AmountField(read_only=True)
    eu_grant_requested = AmountField(read_only=True)
    sha256 = serializers.CharField(source="submission.sha256", read_only=True, default=None)

    class Meta:
        model = Application
        fields = [
            "id",
            "call",
            "call_reference",
            "organisation",
            "organisation_name",
            "reference",
            "status",
            "title",
            "acronym",
            "summary",
            "objectives",
            "target_group_description",
            "start_date",
            "end_date",
            "total_eligible_cost",
            "cofinancing_rate",
            "eu_grant_requested",
            "own_contribution",
            "other_public_funding",
            "other_public_funding_source",
            "draft_budget",
            "flat_rates",
            "declared_on_honour",
            "declared_no_double_funding",
            "declared_not_completed",
            "created_at",
            "updated_at",
            "submitted_at",
            "withdrawn_at",
            "withdrawal_reason",
            "sha256",
        ]
        read_only_fields = [
            "reference",
            "status",
            "declared_on_honour",
            "declared_no_double_funding",
            "declared_not_completed",
            "created_at",
            "updated_at",
            "submitted_at",
            "withdrawn_at",
            "withdrawal_reason",
        ]


class ApplicationUpdateSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, max_length=200)
    acronym = serializers.CharField(required=False, allow_blank=True, max_length=30)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=3000)
    objectives = serializers.CharField(required=False, allow_blank=True, max_length=6000)
    target_group_description = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    start_date = serializers.DateField(required=False, allow_null=True)
    end_date = serializers.DateField(required=False, allow_null=True)
    cofinancing_rate = RateSerializerField(required=False)
    own_contribution = AmountField(required=False)
    other_public_funding = AmountField(required=False)
    other_public_funding_source = serializers.CharField(required=False, allow_blank=True, max_length=300)
    draft_budget = serializers.BooleanField(required=False)


class DeclarationsSerializer(serializers.Serializer):
    on_honour = serializers.BooleanField()
    no_double_funding = serializers.BooleanField()
    not_completed = serializers.BooleanField()


class SubmitSerializer(serializers.Serializer):
    declarations = DeclarationsSerializer(
        required=False, help_text="Make the declarations now, as part of the submission."
    )


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class FlatRatesSerializer(serializers.Serializer):
    keys = serializers.ListField(
        child=serializers.CharField(max_length=60),
        allow_empty=True,
        help_text="Flat rates of the call to apply (keys such as flat_rate_indirect_direct_costs).",
    )


class CompletenessSerializer(serializers.Serializer):
    section = serializers.CharField()
    label = serializers.CharField()
    complete = serializers.BooleanField()
    optional = serializers.BooleanField()
    problems = serializers.ListField(child=serializers.CharField())


class BudgetLineSerializer(VisibleRelations, ModelSerializer):
    visible = {"application": "applications_visible_to"}

    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.all())
    call_option = serializers.PrimaryKeyRelatedField(queryset=CostOption.objects.all(), required=False, allow_null=True)
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    amount = AmountField(required=False)
    unit_amount = AmountField(read_only=True)
    is_computed = serializers.BooleanField(read_only=True)
    category = serializers.CharField(
        required=False,
        max_length=20,
        help_text="Cost category (staff, travel, equipment, consumables, subcontracting, infrastructure, "
        "other_direct, indirect; all_other for the art. 56 flat rate). Taken from the cost option "
        "when the call ties it to a category.",
    )
    cost_option = serializers.CharField(read_only=True, help_text="real_costs, unit_cost, lump_sum or flat_rate.")
    flat_rate = serializers.CharField(read_only=True, help_text="For a computed line: the flat rate's key.")

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "application",
            "year",
            "category",
            "cost_option",
            "call_option",
            "description",
            "quantity",
            "unit_amount",
            "flat_rate",
            "rate",
            "amount",
            "is_computed",
        ]
        read_only_fields = ["rate"]


class _PartSerializer(VisibleRelations, ModelSerializer):
    visible = {"application": "applications_visible_to"}

    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.all())


class ActivitySerializer(_PartSerializer):
    class Meta:
        model = Activity
        fields = [
            "id",
            "application",
            "position",
            "title",
            "description",
            "start_date",
            "end_date",
            "deliverables",
        ]


class TargetGroupSerializer(_PartSerializer):
    class Meta:
        model = TargetGroup
        fields = ["id", "application", "name", "expected_people"]


class LocationSerializer(_PartSerializer):
    nuts = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Location
        fields = ["id", "application", "postcode", "municipality", "nuts"]


class PartnerSerializer(_PartSerializer):
    class Meta:
        model = Partner
        fields = [
            "id",
            "application",
            "name",
            "organisation_type",
            "enterprise_number",
            "other_identifier",
            "country",
            "role",
        ]
        extra_kwargs = {"enterprise_number": {"max_length": 20}}


class IndicatorTargetSerializer(_PartSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())

    class Meta:
        model = IndicatorTarget
        fields = [
            "id",
            "application",
            "indicator",
            "target",
            "by_age_and_gender",
            "age_under_18",
            "age_18_60",
            "age_over_60",
            "women",
            "men",
            "non_binary",
        ]
        read_only_fields = ["by_age_and_gender"]


class AttachmentSerializer(VisibleRelations, ModelSerializer):
    visible = {"application": "applications_visible_to"}

    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.all())
    requirement = serializers.PrimaryKeyRelatedField(
        queryset=RequiredAttachment.objects.all(), required=False, allow_null=True
    )
    file = serializers.FileField(write_only=True)

    class Meta:
        model = Attachment
        fields = [
            "id",
            "application",
            "requirement",
            "description",
            "file",
            "original_name",
            "file_type",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
        ]
        read_only_fields = ["original_name", "file_type", "content_type", "size", "sha256", "uploaded_at"]
