"""Serializers of the public API. The row serializer is generated from the field map, so the API's field names
and types are those of every other output."""

from rest_framework import serializers

from subsidia.core.api.serializers import AmountField, RateSerializerField

from .. import fields as field_map
from ..fields import Kind


def _serializer_field(field: field_map.Field):
    help_text = f"{field.meaning} ({field.legal_basis})"
    if field.kind == Kind.MONEY:
        return AmountField(read_only=True, help_text=help_text)
    if field.kind == Kind.RATE:
        return RateSerializerField(read_only=True, help_text=help_text)
    if field.kind == Kind.DATE:
        return serializers.DateField(read_only=True, help_text=help_text)
    if field.kind == Kind.BOOL:
        return serializers.BooleanField(read_only=True, help_text=help_text)
    return serializers.CharField(read_only=True, allow_null=True, help_text=help_text)


ListOfOperationsRowSerializer = type(
    "ListOfOperationsRowSerializer",
    (serializers.Serializer,),
    {field.key: _serializer_field(field) for field in field_map.PUBLISHED},
)
ListOfOperationsRowSerializer.__doc__ = "One operation as the list of operations publishes it (CPR art. 49(3))."


class OperationTotalsSerializer(serializers.Serializer):
    operations = serializers.IntegerField()
    total_cost = AmountField()
    total_eligible_cost = AmountField()
    eu_contribution = AmountField()
    own_contribution = AmountField()
    other_public_funding = AmountField()


class ListOfOperationsPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Rows matching; for a filtered list at most 10 000 are counted.")
    count_is_exact = serializers.BooleanField(help_text="False when there are more rows than `count`.")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    totals = OperationTotalsSerializer(
        allow_null=True,
        help_text=(
            "Sums over every matching operation, restricted ones included; null when a filtered list has more than "
            "10,000 matches (the downloads carry every row)."
        ),
    )
    results = ListOfOperationsRowSerializer(many=True)


class DataDictionaryFieldSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    meaning = serializers.CharField()
    legal_basis = serializers.CharField()
    kind = serializers.CharField()
    published = serializers.BooleanField()
    withheld_when = serializers.ListField(child=serializers.CharField())
    not_applicable = serializers.CharField()


class ProjectCallSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    reference = serializers.CharField()
    title = serializers.CharField()


class ProjectAwardCriterionSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    max_points = serializers.DecimalField(max_digits=7, decimal_places=2)
    weight = serializers.DecimalField(max_digits=6, decimal_places=3)
    threshold = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class ProjectIndicatorTargetSerializer(serializers.Serializer):
    indicator = serializers.CharField(source="indicator.code")
    title = serializers.CharField(source="indicator.title")
    unit = serializers.CharField(source="indicator.unit")
    target = serializers.IntegerField()


class PriorityEvidenceSummarySerializer(serializers.Serializer):
    question = serializers.CharField(source="question.text")
    option = serializers.CharField(source="option.text", allow_null=True, default=None)
    summary = serializers.CharField()
    finding = serializers.CharField(source="evidence.finding")


class ServedPrioritySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="priority.pk")
    code = serializers.CharField(source="priority.code")
    title = serializers.CharField(source="priority.title")
    description = serializers.CharField(source="priority.description")
    evidence = PriorityEvidenceSummarySerializer(many=True)


class ProjectPageSerializer(serializers.Serializer):
    operation = ListOfOperationsRowSerializer(source="row")
    call = ProjectCallSerializer()
    award_criteria = ProjectAwardCriterionSerializer(many=True)
    scores = serializers.DictField(
        child=serializers.DecimalField(max_digits=9, decimal_places=2),
        allow_null=True,
        help_text="Points per award criterion id, when the programme publishes scores; null otherwise.",
    )
    indicator_targets = ProjectIndicatorTargetSerializer(many=True)
    priorities = ServedPrioritySerializer(many=True)


class ListPublicationSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    data_date = serializers.DateField(help_text="Date of last update of this publication.")
    published_at = serializers.DateTimeField()
    operations = serializers.IntegerField()
    total_cost = AmountField()
    total_eligible_cost = AmountField()
    eu_contribution = AmountField()
    withheld_data_removed_at = serializers.DateTimeField(source="redacted_at", allow_null=True)
    downloads = serializers.SerializerMethodField()

    def get_downloads(self, snap) -> dict[str, str]:
        from django.urls import reverse

        return {
            fmt: reverse("transparency:publication-download", args=[snap.number, fmt])
            for fmt in ("csv", "csv-semicolon", "xlsx", "json")
        }


class ListPublicationStatusSerializer(serializers.Serializer):
    last_publication = serializers.IntegerField(source="last.number", allow_null=True, default=None)
    last_data_date = serializers.DateField(source="last.data_date", allow_null=True, default=None)
    interval_months = serializers.IntegerField()
    due_on = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    legal_basis = serializers.CharField()


class ListPublicationChangeSerializer(serializers.Serializer):
    code = serializers.CharField()
    operation_name = serializers.CharField(allow_null=True)
    total_cost = AmountField()
    eu_contribution = AmountField()
    previous_total_cost = AmountField(allow_null=True)
    previous_eu_contribution = AmountField(allow_null=True)
    fields = serializers.ListField(
        child=serializers.DictField(), help_text='For changed rows: [{"field", "before", "after"}].'
    )


class ListPublicationChangesSerializer(serializers.Serializer):
    publication = serializers.IntegerField()
    previous_publication = serializers.IntegerField(allow_null=True)
    added = serializers.IntegerField()
    removed = serializers.IntegerField()
    changed = serializers.IntegerField()
    deltas = serializers.DictField(child=serializers.CharField())
    show = serializers.CharField()
    page = serializers.IntegerField()
    has_next = serializers.BooleanField()
    results = ListPublicationChangeSerializer(many=True)


class OverviewLineSerializer(serializers.Serializer):
    label = serializers.CharField()
    code = serializers.CharField()
    allocated_eu = AmountField()
    allocated_total = AmountField()
    committed_eu = AmountField()
    committed_total_cost = AmountField()
    operations = serializers.IntegerField()
    paid_eu = AmountField(allow_null=True, help_text="Null until the finance app records payments.")


class ProgrammeOverviewSerializer(serializers.Serializer):
    programme = serializers.CharField(source="programme.cci")
    total = OverviewLineSerializer()
    by_objective = OverviewLineSerializer(many=True)
    by_region = OverviewLineSerializer(many=True)
    by_objective_and_region = OverviewLineSerializer(many=True)
    finance_recorded = serializers.BooleanField()


class TraceCallSerializer(serializers.Serializer):
    call = ProjectCallSerializer()
    totals = OperationTotalsSerializer()
    operations = ListOfOperationsRowSerializer(source="rows", many=True)
    more = serializers.IntegerField(
        help_text="Operations of the call not listed here (see the list, filtered by call)."
    )


class PriorityTraceSerializer(serializers.Serializer):
    priority = ServedPrioritySerializer()
    calls = TraceCallSerializer(many=True)
    totals = OperationTotalsSerializer()


class TracePriorityRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    title = serializers.CharField()
    programme = serializers.CharField(source="programme.cci")
