"""Written questions as the API shows them, and the bodies officers send. Serializers check shapes; the
services check the rules. Programmes by CCI, regions by code (as elsewhere in the API)."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from subsidia.core.api.serializers import ModelSerializer
from subsidia.programmes.models import Programme, Region

from .. import answerpack, selectors
from ..constants import QuestionStatus
from ..models import QuestionAttachment, WrittenQuestion


class EarlierQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="link.pk")
    question = serializers.IntegerField(source="registered.pk", allow_null=True, help_text="Its id, when registered.")
    number = serializers.CharField()
    session = serializers.CharField()
    asked_on = serializers.DateField(allow_null=True)
    title = serializers.CharField()
    note = serializers.CharField(source="link.note")


class QuestionAttachmentSerializer(ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = QuestionAttachment
        fields = ["id", "title", "original_name", "content_type", "size", "sha256", "uploaded_at", "url"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_url(self, attachment) -> str:
        return reverse("parliament:attachment", args=[attachment.question_id, attachment.pk])


class WrittenQuestionSerializer(ModelSerializer):
    programme = serializers.CharField(source="programme.cci", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=QuestionStatus.choices, read_only=True)
    earlier_questions = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    answer_pack = serializers.SerializerMethodField()

    class Meta:
        model = WrittenQuestion
        fields = [
            "id",
            "number",
            "session",
            "title",
            "assembly",
            "asked_on",
            "member_name",
            "member_group",
            "minister_name",
            "minister_portfolio",
            "question_text",
            "answer_text",
            "answered_on",
            "status",
            "programme",
            "region",
            "official_url",
            "created_at",
            "updated_at",
            "earlier_questions",
            "attachments",
            "answer_pack",
        ]
        read_only_fields = fields

    @extend_schema_field(EarlierQuestionSerializer(many=True))
    def get_earlier_questions(self, question):
        return EarlierQuestionSerializer(selectors.earlier_questions(question), many=True).data

    @extend_schema_field(QuestionAttachmentSerializer(many=True))
    def get_attachments(self, question):
        return QuestionAttachmentSerializer(selectors.attachments_of(question), many=True).data

    @extend_schema_field(serializers.CharField())
    def get_answer_pack(self, question) -> str:
        return reverse("parliamentary-question-answer-pack", args=[question.pk])


class WrittenQuestionWriteSerializer(serializers.Serializer):
    assembly = serializers.CharField(max_length=120, required=False, allow_blank=True)
    session = serializers.CharField(max_length=9)
    number = serializers.CharField(max_length=20)
    asked_on = serializers.DateField()
    member_name = serializers.CharField(max_length=200)
    member_group = serializers.CharField(max_length=120, required=False, allow_blank=True)
    minister_name = serializers.CharField(max_length=200)
    minister_portfolio = serializers.CharField(max_length=300, required=False, allow_blank=True)
    title = serializers.CharField(max_length=300)
    question_text = serializers.CharField()
    answer_text = serializers.CharField(required=False, allow_blank=True)
    programme = serializers.SlugRelatedField(slug_field="cci", queryset=Programme.objects.all())
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), allow_null=True, required=False
    )
    official_url = serializers.URLField(max_length=500, required=False, allow_blank=True)


class MarkAnsweredSerializer(serializers.Serializer):
    answered_on = serializers.DateField()
    answer_text = serializers.CharField(required=False, help_text="Default: the draft answer already saved.")


class ReopenAnswerSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class EarlierQuestionLinkSerializer(serializers.Serializer):
    question = serializers.PrimaryKeyRelatedField(
        queryset=WrittenQuestion.objects.all(),
        required=False,
        allow_null=True,
        source="earlier",
        help_text="A question of the register (its id); or give number and asked_on of one not in it.",
    )
    number = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    session = serializers.CharField(max_length=9, required=False, allow_blank=True, default="")
    asked_on = serializers.DateField(required=False, allow_null=True, default=None)
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class QuestionAttachmentUploadSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    file = serializers.FileField()


class AnswerPackQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=["xlsx", "pdf"], default="xlsx")
    language = serializers.ChoiceField(choices=list(answerpack.LANGUAGES), required=False)
    as_of = serializers.IntegerField(min_value=1, required=False, help_text="A publication snapshot's number.")


class PublicEarlierQuestionSerializer(serializers.Serializer):
    question = serializers.SerializerMethodField(help_text="Its id in this list, when it is answered and registered.")
    number = serializers.CharField()
    session = serializers.CharField()
    asked_on = serializers.DateField(allow_null=True)
    title = serializers.CharField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_question(self, link) -> int | None:
        registered = link.registered
        return registered.pk if registered is not None and registered.status == QuestionStatus.ANSWERED else None


class PublicQuestionSerializer(ModelSerializer):
    """An answered question as the parliament publishes it: no draft, no officer's note, no document."""

    programme = serializers.CharField(source="programme.cci", read_only=True)
    region = serializers.CharField(source="region.code", read_only=True, allow_null=True)
    earlier_questions = serializers.SerializerMethodField()

    class Meta:
        model = WrittenQuestion
        fields = [
            "id",
            "number",
            "session",
            "title",
            "assembly",
            "asked_on",
            "member_name",
            "member_group",
            "minister_name",
            "minister_portfolio",
            "question_text",
            "answer_text",
            "answered_on",
            "programme",
            "region",
            "official_url",
            "earlier_questions",
        ]
        read_only_fields = fields

    @extend_schema_field(PublicEarlierQuestionSerializer(many=True))
    def get_earlier_questions(self, question):
        return PublicEarlierQuestionSerializer(selectors.earlier_questions(question), many=True).data
