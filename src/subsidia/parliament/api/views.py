"""The register of written parliamentary questions over the API: officers manage it (through the services),
authorising officers and auditors read it; nobody else sees it. The answer pack downloads as XLSX or PDF."""

from django.http import HttpResponse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from subsidia.core.api.permissions import PublicReadOnly
from subsidia.core.api.throttling import PublicRateThrottle
from subsidia.core.roles import PROGRAMME_OFFICER, has_role

from .. import answerpack, selectors, services
from ..answerpack import files
from ..filters import PublicQuestionFilter, QuestionFilter
from ..models import EarlierQuestion, QuestionAttachment
from . import serializers as s


class PackNegotiation(DefaultContentNegotiation):
    """``?format=`` names the pack's file type here, not a renderer: answers other than the file are JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type


REFUSED = {
    400: OpenApiResponse(description="The input breaks a rule (messages per field)."),
    403: OpenApiResponse(description="Your role does not allow this."),
    404: OpenApiResponse(description="No such question."),
    409: OpenApiResponse(description="The question's status does not allow this."),
}


class RegisterAccess(permissions.BasePermission):
    """Readers of the register read (the queryset shows them everything, others nothing); officers write."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return user.has_perm("parliament.view_writtenquestion")
        return has_role(user, PROGRAMME_OFFICER)


@extend_schema(tags=["parliament"])
class QuestionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Written parliamentary questions: number and session, member, minister, texts, status (received → answer
    in preparation → answered, and reopened to correct an answer), earlier questions cited, documents."""

    permission_classes = [RegisterAccess]
    serializer_class = s.WrittenQuestionSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filter_backends = [DjangoFilterBackend]
    filterset_class = QuestionFilter

    def get_queryset(self):
        return selectors.questions_visible_to(self.request.user).order_by("-asked_on", "-id")

    def _show(self, question, code=status.HTTP_200_OK):
        question = self.get_queryset().get(pk=question.pk)
        return Response(s.WrittenQuestionSerializer(question, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.WrittenQuestionWriteSerializer, responses={201: s.WrittenQuestionSerializer, **REFUSED})
    def create(self, request, *args, **kwargs):
        body = s.WrittenQuestionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._show(services.question_create(request.user, **body.validated_data), status.HTTP_201_CREATED)

    @extend_schema(request=s.WrittenQuestionWriteSerializer, responses={200: s.WrittenQuestionSerializer, **REFUSED})
    def partial_update(self, request, *args, **kwargs):
        question = self.get_object()
        body = s.WrittenQuestionWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        return self._show(services.question_update(request.user, question, **body.validated_data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(exclude=True)
    def destroy(self, request, *args, **kwargs):
        return Response(
            {"detail": "Questions are not deleted: the register keeps them."}, status=status.HTTP_405_METHOD_NOT_ALLOWED
        )

    @extend_schema(request=None, responses={200: s.WrittenQuestionSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="start-preparation")
    def start_preparation(self, request, pk=None):
        """Received → answer in preparation."""
        return self._show(services.question_start_preparation(request.user, self.get_object()))

    @extend_schema(request=s.MarkAnsweredSerializer, responses={200: s.WrittenQuestionSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="mark-answered")
    def mark_answered(self, request, pk=None):
        """Answer in preparation → answered, with the date of the answer (and its text, or the saved draft)."""
        question = self.get_object()
        body = s.MarkAnsweredSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._show(services.question_answer(request.user, question, **body.validated_data))

    @extend_schema(request=s.ReopenAnswerSerializer, responses={200: s.WrittenQuestionSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="reopen-answer")
    def reopen_answer(self, request, pk=None):
        """Answered → answer in preparation, to correct the answer (with a reason)."""
        question = self.get_object()
        body = s.ReopenAnswerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._show(services.question_reopen(request.user, question, reason=body.validated_data["reason"]))

    @extend_schema(request=s.EarlierQuestionLinkSerializer, responses={201: s.WrittenQuestionSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="earlier-questions")
    def add_earlier_question(self, request, pk=None):
        """Cite an earlier question: one of the register (``question``), or one not in it (``number``,
        ``asked_on``)."""
        question = self.get_object()
        body = s.EarlierQuestionLinkSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.link_add(request.user, question, **body.validated_data)
        return self._show(question, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.WrittenQuestionSerializer, **REFUSED})
    @action(detail=True, methods=["delete"], url_path=r"earlier-questions/(?P<link_id>\d+)")
    def remove_earlier_question(self, request, pk=None, link_id=None):
        question = self.get_object()
        services.link_remove(request.user, get_object_or_404(EarlierQuestion, pk=link_id, question=question))
        return self._show(question)

    @extend_schema(
        request={"multipart/form-data": s.QuestionAttachmentUploadSerializer},
        responses={201: s.WrittenQuestionSerializer, **REFUSED},
    )
    @action(detail=True, methods=["post"], url_path="attachments")
    def add_attachment(self, request, pk=None):
        """Upload a document (PDF, Office or OpenDocument, PNG, JPEG; type checked from the content)."""
        question = self.get_object()
        body = s.QuestionAttachmentUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.attachment_add(request.user, question, body.validated_data["file"], title=body.validated_data["title"])
        return self._show(question, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.WrittenQuestionSerializer, **REFUSED})
    @action(detail=True, methods=["delete"], url_path=r"attachments/(?P<attachment_id>\d+)")
    def remove_attachment(self, request, pk=None, attachment_id=None):
        question = self.get_object()
        services.attachment_remove(
            request.user, get_object_or_404(QuestionAttachment, pk=attachment_id, question=question)
        )
        return self._show(question)

    @extend_schema(
        parameters=[
            OpenApiParameter("format", str, enum=["xlsx", "pdf"], description="Default xlsx."),
            OpenApiParameter("language", str, enum=list(answerpack.LANGUAGES), description="Default: Dutch."),
            OpenApiParameter("as_of", int, description="A publication snapshot's number; default: live data."),
        ],
        responses={
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
            **REFUSED,
        },
    )
    @action(detail=True, methods=["get"], url_path="answer-pack", content_negotiation_class=PackNegotiation)
    def answer_pack(self, request, pk=None):
        """The answer pack from live data, or as of a publication of the list of operations."""
        question = self.get_object()
        query = s.AnswerPackQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        pack = answerpack.build(
            question,
            language=params.get("language"),
            snapshot=answerpack.snapshot_or_error(params.get("as_of")),
        )
        fmt = params["format"]
        response = HttpResponse(files.render(pack, fmt), content_type=files.CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{files.filename(pack, fmt)}"'
        return response


@extend_schema(tags=["parliament"])
class PublicQuestionViewSet(viewsets.ReadOnlyModelViewSet):
    """Answered written questions, public and read-only (no login, rate-limited): the question and the
    minister's final answer as the parliament publishes them. Questions still being answered, draft answers,
    officers' notes and documents are not public."""

    permission_classes = [PublicReadOnly]
    throttle_classes = [PublicRateThrottle]
    serializer_class = s.PublicQuestionSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PublicQuestionFilter

    def get_queryset(self):
        return selectors.public_questions().order_by("-answered_on", "-id")
