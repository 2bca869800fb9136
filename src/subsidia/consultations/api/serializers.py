"""Serializers of consultations. Changes go through services; these only read input and shape output."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from subsidia.core.api.serializers import ModelSerializer
from subsidia.programmes.models import Programme

from .. import stats
from ..constants import (
    LANGUAGES,
    InvitationStatus,
    PriorityStatus,
    QuestionKind,
    StakeholderType,
    SurveyPhase,
    SurveyStatus,
)
from ..models import Evidence, Invitation, Option, Priority, Question, StakeholderOrganisation, Survey


@extend_schema_field(OpenApiTypes.DECIMAL)
class PlainDecimalField(serializers.Field):
    """An exact decimal as a string without padding zeros: "4.5", "12", "0.6667"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return None if value is None else str(stats.plain(value))


def _choice_field(name: str, choices) -> type:
    """A ChoiceField documented with its enum inline (wrapped, so the schema's enum post-processing leaves it
    alone): another app's field of the same name (``kind``, ``language``) cannot clash with it."""
    values = [value for value, _label in choices]
    field = type(name, (serializers.ChoiceField,), {"__doc__": f"One of {', '.join(values)}."})
    schema = {"allOf": [{"type": "string", "enum": values}], "description": field.__doc__}
    return extend_schema_field(schema)(field)


QuestionKindField = _choice_field("QuestionKindField", QuestionKind.choices)
LanguageField = _choice_field("LanguageField", LANGUAGES)
StakeholderTypeField = _choice_field("StakeholderTypeField", StakeholderType.choices)
PhaseField = _choice_field("PhaseField", SurveyPhase.choices)
SurveyStatusField = _choice_field("SurveyStatusField", SurveyStatus.choices)
InvitationStatusField = _choice_field("InvitationStatusField", InvitationStatus.choices)
PriorityStatusField = _choice_field("PriorityStatusField", PriorityStatus.choices)


# --- Surveys -----------------------------------------------------------------------------------------------


class SurveySerializer(ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    programme_cci = serializers.CharField(source="programme.cci", read_only=True)
    title = serializers.CharField(read_only=True)
    phase = serializers.ChoiceField(
        choices=["draft", "scheduled", "open", "closed"],
        read_only=True,
        help_text="Computed from the dates at the moment of asking.",
    )
    questions = serializers.IntegerField(source="question_count", read_only=True)
    invited = serializers.IntegerField(source="invited_count", read_only=True)
    answered = serializers.IntegerField(source="answered_count", read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id",
            "programme",
            "programme_cci",
            "title",
            "title_nl",
            "title_fr",
            "title_en",
            "introduction_nl",
            "introduction_fr",
            "introduction_en",
            "opens_at",
            "closes_at",
            "status",
            "phase",
            "published_at",
            "questions",
            "invited",
            "answered",
            "responses_anonymised_at",
        ]
        read_only_fields = ["status", "published_at", "responses_anonymised_at"]


class SurveyUpdateSerializer(ModelSerializer):
    class Meta:
        model = Survey
        fields = [
            "title_nl",
            "title_fr",
            "title_en",
            "introduction_nl",
            "introduction_fr",
            "introduction_en",
            "opens_at",
            "closes_at",
        ]
        extra_kwargs = {f: {"required": False} for f in fields}


class ConsultationReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ExtendSerializer(serializers.Serializer):
    closes_at = serializers.DateTimeField(help_text="The new closing time (later than the current one).")


class InviteSerializer(serializers.Serializer):
    organisations = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=StakeholderOrganisation.objects.all(),
        help_text="Ids from the stakeholder register.",
    )


class RemindSerializer(serializers.Serializer):
    invitations = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=Invitation.objects.all(),
        required=False,
        help_text="Leave out to remind every invited organisation that has not answered.",
    )


class SendReportSerializer(serializers.Serializer):
    sent = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of the invitations sent.")
    skipped = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    failed = serializers.ListField(child=serializers.DictField(child=serializers.CharField()))
    summary = serializers.CharField()

    @staticmethod
    def of(report) -> dict:
        return {
            "sent": [d.invitation.pk for d in report.sent],
            "skipped": [{"organisation": o, "reason": r} for o, r in report.skipped],
            "failed": [{"organisation": o, "error": e} for o, e in report.failed],
            "summary": report.summary(),
        }


class ProgressSerializer(serializers.Serializer):
    invited = serializers.IntegerField()
    opened = serializers.IntegerField(help_text="Invitations whose personal link was visited.")
    in_progress = serializers.IntegerField(help_text="Draft answers not yet submitted.")
    answered = serializers.IntegerField()
    not_answered = serializers.IntegerField()
    reminded = serializers.IntegerField()
    rate = PlainDecimalField(help_text="Answered ÷ invited, a fraction.")


# --- Questions ---------------------------------------------------------------------------------------------


class OptionSerializer(ModelSerializer):
    text = serializers.CharField(read_only=True)

    class Meta:
        model = Option
        fields = ["id", "position", "text", "text_nl", "text_fr", "text_en"]
        read_only_fields = ["id", "position"]
        extra_kwargs = {"text_fr": {"required": False}, "text_en": {"required": False}}


class QuestionSerializer(ModelSerializer):
    survey = serializers.PrimaryKeyRelatedField(queryset=Survey.objects.all())
    kind = QuestionKindField(choices=QuestionKind.choices)
    text = serializers.CharField(read_only=True)
    options = OptionSerializer(many=True, required=False)
    min_value = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=40)
    max_value = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=40)

    class Meta:
        model = Question
        fields = [
            "id",
            "survey",
            "position",
            "kind",
            "text",
            "text_nl",
            "text_fr",
            "text_en",
            "help_nl",
            "help_fr",
            "help_en",
            "required",
            "max_choices",
            "min_value",
            "max_value",
            "options",
        ]
        read_only_fields = ["position"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        for key in ("min_value", "max_value"):
            value = getattr(instance, key)
            data[key] = None if value is None else str(stats.plain(value))
        return data


class QuestionMoveSerializer(serializers.Serializer):
    direction = _choice_field("DirectionField", [("up", "up"), ("down", "down")])(choices=["up", "down"])


# --- Invitations and the register --------------------------------------------------------------------------


class InvitationSerializer(ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    stakeholder_type = serializers.ChoiceField(
        source="organisation.stakeholder_type", choices=StakeholderType.choices, read_only=True
    )
    status = serializers.ChoiceField(choices=["sent", "opened", "draft", "answered"], read_only=True)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "survey",
            "organisation",
            "organisation_name",
            "stakeholder_type",
            "email",
            "language",
            "sent_at",
            "reminder_count",
            "last_reminded_at",
            "first_opened_at",
            "last_opened_at",
            "open_count",
            "status",
        ]
        read_only_fields = fields


class StakeholderOrganisationSerializer(ModelSerializer):
    stakeholder_type = StakeholderTypeField(choices=StakeholderType.choices)
    language = LanguageField(choices=LANGUAGES, required=False)

    class Meta:
        model = StakeholderOrganisation
        fields = ["id", "name", "stakeholder_type", "email", "language", "municipality", "is_active"]
        extra_kwargs = {"name": {"validators": []}}


# --- Results -----------------------------------------------------------------------------------------------


class OptionResultSerializer(serializers.Serializer):
    option = serializers.IntegerField(source="option.pk")
    text = serializers.CharField(source="option.text")
    count = serializers.IntegerField()
    share = PlainDecimalField(help_text="Of the respondents who answered the question (a fraction).")
    points = serializers.IntegerField(allow_null=True, help_text="Borda points (rankings).")
    first_places = serializers.IntegerField(allow_null=True)
    mean_rank = PlainDecimalField()
    place = serializers.IntegerField(allow_null=True, help_text="1 = most Borda points (rankings).")


class ValueResultSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    count = serializers.IntegerField()
    share = PlainDecimalField()


class FiguresSerializer(serializers.Serializer):
    respondents = serializers.IntegerField()
    answered = serializers.IntegerField()
    options = OptionResultSerializer(many=True)
    distribution = ValueResultSerializer(many=True)
    mean = PlainDecimalField()
    median = PlainDecimalField()
    minimum = PlainDecimalField()
    maximum = PlainDecimalField()
    texts = serializers.ListField(child=serializers.CharField())
    anonymised_texts = serializers.IntegerField(help_text="Written answers removed after the retention period.")


class GroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    types = serializers.ListField(child=StakeholderTypeField(choices=StakeholderType.choices))
    respondents = serializers.IntegerField()
    merged = serializers.BooleanField(source="is_merged")


class GroupFiguresSerializer(serializers.Serializer):
    group = serializers.CharField(source="group.key")
    figures = FiguresSerializer()


class QuestionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.pk")
    position = serializers.IntegerField(source="question.position")
    kind = QuestionKindField(source="question.kind", choices=QuestionKind.choices)
    text = serializers.CharField(source="question.text")
    overall = FiguresSerializer()
    by_group = GroupFiguresSerializer(many=True, source="group_rows")


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.IntegerField(source="survey.pk")
    title = serializers.CharField(source="survey.title")
    phase = PhaseField(source="survey.phase", choices=SurveyPhase.choices)
    data_date = serializers.DateTimeField()
    respondents = serializers.IntegerField(help_text="Submitted responses; drafts never count.")
    invited = serializers.IntegerField()
    response_rate = PlainDecimalField()
    breakdown_possible = serializers.BooleanField()
    groups = GroupSerializer(many=True, help_text="Stakeholder types, merged so each group has 5+ respondents.")
    questions = QuestionResultSerializer(many=True)


# --- Priorities --------------------------------------------------------------------------------------------


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="evidence.pk")
    survey = serializers.IntegerField(source="survey.pk")
    question = serializers.IntegerField(source="question.pk")
    question_text = serializers.CharField(source="question.text")
    option = serializers.IntegerField(source="evidence.option_id", allow_null=True)
    option_text = serializers.CharField(source="option.text", allow_null=True, default=None)
    finding = serializers.CharField(source="evidence.finding")
    summary = serializers.CharField(help_text="What the answers say, computed from the live results.")


class PrioritySerializer(ModelSerializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.all())
    survey = serializers.PrimaryKeyRelatedField(queryset=Survey.objects.all(), required=False, allow_null=True)
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    status = PriorityStatusField(choices=PriorityStatus.choices, read_only=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Priority
        fields = [
            "id",
            "programme",
            "survey",
            "code",
            "position",
            "title",
            "title_nl",
            "title_fr",
            "title_en",
            "description",
            "description_nl",
            "description_fr",
            "description_en",
            "status",
            "adopted_on",
            "evidence",
        ]
        read_only_fields = ["status", "adopted_on"]
        extra_kwargs = {"code": {"validators": []}}

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, priority):
        from ..selectors import priority_with_evidence

        return EvidenceSerializer(priority_with_evidence(priority).evidence, many=True).data


class PriorityUpdateSerializer(ModelSerializer):
    survey = serializers.PrimaryKeyRelatedField(queryset=Survey.objects.all(), required=False, allow_null=True)

    class Meta:
        model = Priority
        fields = [
            "survey",
            "code",
            "position",
            "title_nl",
            "title_fr",
            "title_en",
            "description_nl",
            "description_fr",
            "description_en",
        ]
        extra_kwargs = {f: {"required": False} for f in fields if f != "survey"}


class PriorityAdoptSerializer(serializers.Serializer):
    adopted_on = serializers.DateField(required=False, help_text="Today when left out.")


class EvidenceAddSerializer(serializers.Serializer):
    question = serializers.PrimaryKeyRelatedField(queryset=Question.objects.all())
    option = serializers.PrimaryKeyRelatedField(queryset=Option.objects.all(), required=False, allow_null=True)
    finding_nl = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    finding_fr = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    finding_en = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class EvidenceRemoveSerializer(serializers.Serializer):
    evidence = serializers.PrimaryKeyRelatedField(queryset=Evidence.objects.all())
