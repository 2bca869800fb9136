"""The assessment stage as the API shows it (points and amounts as decimal strings) and the bodies it accepts.
Serializers check shapes; the services check the rules."""

from rest_framework import serializers

from subsidia.applications.models import Application
from subsidia.calls.models import AwardCriterion, Call, EligibilityCriterion
from subsidia.core.api.serializers import AmountField, ModelSerializer, RateSerializerField

from ..constants import Capacity, ComplaintChannel, ComplaintOutcome, ProgrammeCheck
from ..models import Assignment, CheckAnswer, Complaint, EligibilityCheck, Score, SelectionDecision, SelectionLine


class PointsSerializerField(serializers.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)


class ScoreSerializer(ModelSerializer):
    points = PointsSerializerField(read_only=True, allow_null=True)
    max_points = PointsSerializerField(read_only=True)

    class Meta:
        model = Score
        fields = ["criterion", "points", "max_points", "justification", "final", "updated_at"]


class AssignmentSerializer(ModelSerializer):
    application_reference = serializers.CharField(source="application.reference", read_only=True)
    application_title = serializers.CharField(source="application.title", read_only=True)
    call = serializers.IntegerField(source="application.call_id", read_only=True)
    assessor_total = PointsSerializerField(read_only=True, allow_null=True)
    scores = ScoreSerializer(many=True, read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "application",
            "application_reference",
            "application_title",
            "call",
            "status",
            "is_lead",
            "assigned_at",
            "accepted_at",
            "submitted_at",
            "assessor_total",
            "scores",
        ]


class AssignmentDeclarationSerializer(serializers.Serializer):
    has_conflict = serializers.BooleanField()
    conflict_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ApplicationDeclareSerializer(AssignmentDeclarationSerializer):
    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.exclude(reference=""))
    capacity = serializers.ChoiceField(choices=Capacity.choices)


class ScoreInSerializer(serializers.Serializer):
    criterion = serializers.PrimaryKeyRelatedField(queryset=AwardCriterion.objects.all())
    points = serializers.CharField(max_length=20)
    justification = serializers.CharField(allow_blank=True, max_length=6000, trim_whitespace=True)


class CheckAnswerSerializer(ModelSerializer):
    class Meta:
        model = CheckAnswer
        fields = ["criterion", "programme_check", "met", "reason", "answered_at"]


class EligibilityCheckSerializer(ModelSerializer):
    application_reference = serializers.CharField(source="application.reference", read_only=True)
    answers = CheckAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = EligibilityCheck
        fields = [
            "id",
            "application",
            "application_reference",
            "status",
            "started_at",
            "concluded_at",
            "reasons",
            "confirmed_at",
            "return_note",
            "answers",
        ]


class CheckStartSerializer(serializers.Serializer):
    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.exclude(reference=""))


class CheckAnswerInSerializer(serializers.Serializer):
    met = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    criterion = serializers.PrimaryKeyRelatedField(
        queryset=EligibilityCriterion.objects.all(), required=False, allow_null=True, default=None
    )
    programme_check = serializers.ChoiceField(
        choices=ProgrammeCheck.choices, required=False, allow_blank=True, default=""
    )


class ReasonsSerializer(serializers.Serializer):
    reasons = serializers.CharField(required=False, allow_blank=True, max_length=20000, default="")


class EligibilityNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=4000)


class DecisionReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000)


class RankRowSerializer(serializers.Serializer):
    application = serializers.IntegerField(source="application_id")
    rank = serializers.IntegerField()
    total = PointsSerializerField(allow_null=True)
    scores = serializers.SerializerMethodField()
    assessments = serializers.IntegerField()
    complete = serializers.BooleanField()
    passes = serializers.BooleanField()
    flagged = serializers.BooleanField()
    grant_basis = AmountField()
    cumulative = AmountField()
    granted = AmountField(allow_null=True)
    outcome = serializers.CharField()
    reserve_position = serializers.IntegerField(allow_null=True)

    def get_scores(self, row) -> dict:
        return {str(key): None if value is None else str(value) for key, value in row.scores.items()}


class SelectionLineSerializer(ModelSerializer):
    application_reference = serializers.CharField(source="application.reference", read_only=True)
    total_points = PointsSerializerField(read_only=True)
    cofinancing_rate = RateSerializerField(read_only=True, allow_null=True)

    class Meta:
        model = SelectionLine
        fields = [
            "application",
            "application_reference",
            "rank",
            "outcome",
            "reserve_position",
            "total_points",
            "scores",
            "flagged",
            "requested_eu",
            "eu_amount",
            "total_eligible_cost",
            "cofinancing_rate",
            "committed",
            "declined_at",
        ]


class SelectionDecisionSerializer(ModelSerializer):
    lines = SelectionLineSerializer(many=True, read_only=True)

    class Meta:
        model = SelectionDecision
        fields = [
            "id",
            "call",
            "number",
            "reference",
            "kind",
            "status",
            "budget_available",
            "eu_total",
            "reasons",
            "content_hash",
            "prepared_at",
            "approved_at",
            "closed_at",
            "close_reason",
            "lines",
        ]


class DecisionPrepareSerializer(ReasonsSerializer):
    call = serializers.PrimaryKeyRelatedField(queryset=Call.objects.all())
    kind = serializers.ChoiceField(choices=[("initial", "initial"), ("reserve", "reserve")], default="initial")


class ComplaintSerializer(ModelSerializer):
    application_reference = serializers.CharField(source="application.reference", read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "reference",
            "application",
            "application_reference",
            "decision",
            "channel",
            "received_at",
            "subject",
            "text",
            "registered_at",
            "within_time_limit",
            "answer_due_on",
            "status",
            "taken_up_at",
            "outcome",
            "answer",
            "answered_at",
            "withdrawn_at",
        ]


class ComplaintInSerializer(serializers.Serializer):
    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.exclude(reference=""))
    channel = serializers.ChoiceField(choices=ComplaintChannel.choices)
    received_at = serializers.DateTimeField()
    subject = serializers.CharField(max_length=200)
    text = serializers.CharField(max_length=20000)


class ComplaintAnswerSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ComplaintOutcome.choices)
    answer = serializers.CharField(max_length=20000)


class ComplaintWithdrawalSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
