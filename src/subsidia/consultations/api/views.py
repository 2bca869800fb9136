"""Consultations over the API. Surveys, questions, invitations and the register are for staff (officers
change, authorising officers and auditors read); committee members read published surveys and their results;
adopted priorities are public. Every change is a service call (permission, rules, audit)."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from subsidia.core.api.throttling import PublicRateThrottle
from subsidia.core.roles import PROGRAMME_OFFICER, STAFF_ROLES, has_role

from .. import selectors, services
from ..models import Evidence, Question, StakeholderOrganisation
from . import serializers as s


def _authenticated(request) -> bool:
    return bool(request.user and request.user.is_authenticated)


class SurveyAccess(permissions.BasePermission):
    """Reading: staff and committee members (object rules decide which surveys); writing: officers."""

    def has_permission(self, request, view):
        if not _authenticated(request):
            return False
        if request.method in permissions.SAFE_METHODS:
            return request.user.has_perm("consultations.view_survey")
        return has_role(request.user, PROGRAMME_OFFICER)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return request.user.has_perm("consultations.view_survey", obj)
        return True  # the service checks the officer's permission on the object


class StaffReadOfficerWrite(permissions.BasePermission):
    def has_permission(self, request, view):
        if not _authenticated(request):
            return False
        if request.method in permissions.SAFE_METHODS:
            return has_role(request.user, *STAFF_ROLES)
        return has_role(request.user, PROGRAMME_OFFICER)


class PublicReadOfficerWrite(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return _authenticated(request) and has_role(request.user, PROGRAMME_OFFICER)


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@extend_schema(parameters=[OpenApiParameter("programme", int, description="Surveys of one programme")])
class SurveyViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Stakeholder surveys. Whether one is open is computed from its dates when asked (`phase`)."""

    serializer_class = s.SurveySerializer
    permission_classes = [SurveyAccess]
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["programme", "status"]
    ordering_fields = ["opens_at", "closes_at"]

    def get_queryset(self):
        return selectors.surveys_with_counts(self.request.user)

    def get_serializer_class(self):
        if self.action == "partial_update":
            return s.SurveyUpdateSerializer
        return super().get_serializer_class()

    def _respond(self, survey, code=status.HTTP_200_OK):
        return Response(s.SurveySerializer(self.get_queryset().get(pk=survey.pk)).data, status=code)

    @extend_schema(request=s.SurveySerializer, responses={201: s.SurveySerializer})
    def create(self, request, *args, **kwargs):
        body = s.SurveySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        survey = services.survey_create(request.user, **body.validated_data)
        return self._respond(survey, status.HTTP_201_CREATED)

    @extend_schema(request=s.SurveyUpdateSerializer, responses=s.SurveySerializer)
    def partial_update(self, request, *args, **kwargs):
        survey = self.get_object()
        body = s.SurveyUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        return self._respond(services.survey_update(request.user, survey, **body.validated_data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):  # only PATCH
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=None, responses=s.SurveySerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Freeze the questions; the survey opens and closes by its dates from now on (409 when not ready)."""
        return self._respond(services.survey_publish(request.user, self.get_object()))

    @extend_schema(request=s.ConsultationReasonSerializer, responses=s.SurveySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close an open survey now; its links stop accepting answers."""
        body = s.ConsultationReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.survey_close(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.ExtendSerializer, responses=s.SurveySerializer)
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        """Move the closing time of a published survey later, before it closes."""
        body = s.ExtendSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.survey_extend(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.InviteSerializer, responses=s.SendReportSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """E-mail a personal link to each organisation (in its language); already invited ones are skipped."""
        body = s.InviteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = services.invitations_send(
            request.user, self.get_object(), body.validated_data["organisations"], base_url=_base_url(request)
        )
        return Response(s.SendReportSerializer.of(report))

    @extend_schema(request=s.RemindSerializer, responses=s.SendReportSerializer)
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        """Remind invited organisations that have not answered (a new link; the old one keeps working)."""
        body = s.RemindSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report = services.reminders_send(
            request.user,
            self.get_object(),
            body.validated_data.get("invitations"),
            base_url=_base_url(request),
        )
        return Response(s.SendReportSerializer.of(report))

    @extend_schema(responses=s.ProgressSerializer)
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        """Invited, opened (visits of the link), in progress, answered."""
        survey = self.get_object()
        if not request.user.has_perm("consultations.view_invitation", survey):
            raise PermissionDenied
        return Response(s.ProgressSerializer(selectors.progress(survey)).data)

    @extend_schema(
        responses=s.SurveyResultsSerializer,
        parameters=[
            OpenApiParameter("breakdown", bool, description="Also per group of stakeholder types (default true)."),
            OpenApiParameter("lang", str, enum=["nl", "fr", "en"], description="Language of the texts."),
        ],
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        """Counts and shares per option, Borda points of rankings, mean and median of scales and numbers,
        written answers; per group of stakeholder types, groups of fewer than five respondents merged."""
        survey = self.get_object()
        if not request.user.has_perm("consultations.view_results", survey):
            raise PermissionDenied
        breakdown = request.query_params.get("breakdown", "true").lower() not in ("false", "0", "no")
        return Response(s.SurveyResultsSerializer(selectors.survey_results(survey, breakdown=breakdown)).data)


class QuestionViewSet(viewsets.ModelViewSet):
    """Questions of surveys, with their options. Only a draft survey's questions change."""

    serializer_class = s.QuestionSerializer
    permission_classes = [StaffReadOfficerWrite]
    filterset_fields = ["survey", "kind"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            Question.objects.filter(survey__in=selectors.surveys_visible_to(self.request.user))
            .prefetch_related("options")
            .order_by("survey", "position")
        )

    def _kwargs(self, data: dict) -> dict:
        data = dict(data)
        data.pop("survey", None)
        if "options" in data:
            data["options"] = [dict(o) for o in data["options"]]
        return data

    def perform_create(self, serializer):
        survey = serializer.validated_data["survey"]
        if not self.request.user.has_perm("consultations.view_survey", survey):
            raise PermissionDenied
        serializer.instance = services.question_create(
            self.request.user, survey, **self._kwargs(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = services.question_update(
            self.request.user, serializer.instance, **self._kwargs(serializer.validated_data)
        )

    def perform_destroy(self, instance):
        services.question_delete(self.request.user, instance)

    @extend_schema(request=s.QuestionMoveSerializer, responses=s.QuestionSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Swap the question with the one before (`up`) or after it (`down`)."""
        body = s.QuestionMoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        question = services.question_move(request.user, self.get_object(), **body.validated_data)
        return Response(s.QuestionSerializer(Question.objects.get(pk=question.pk)).data)


class InvitationViewSet(viewsets.ReadOnlyModelViewSet):
    """Invitations and their progress (no link tokens: only their hashes are stored)."""

    serializer_class = s.InvitationSerializer
    permission_classes = [StaffReadOfficerWrite]
    filterset_fields = ["survey", "organisation"]

    def get_queryset(self):
        from ..models import Invitation

        return Invitation.objects.select_related("organisation", "response").order_by("survey", "organisation__name")


class StakeholderOrganisationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The register of stakeholder organisations that surveys invite."""

    serializer_class = s.StakeholderOrganisationSerializer
    permission_classes = [StaffReadOfficerWrite]
    filterset_fields = ["stakeholder_type", "language", "is_active"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return StakeholderOrganisation.objects.order_by("name")

    def perform_create(self, serializer):
        serializer.instance = services.organisation_create(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.organisation_update(
            self.request.user, serializer.instance, **serializer.validated_data
        )


class PriorityViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The needs and priorities register. Anyone reads adopted priorities with the evidence behind them;
    staff and committee members also see proposed ones."""

    serializer_class = s.PrioritySerializer
    permission_classes = [PublicReadOfficerWrite]
    throttle_classes = [PublicRateThrottle]
    filterset_fields = ["programme", "survey", "status"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.priorities_visible_to(self.request.user).order_by("programme", "position", "code")

    def get_serializer_class(self):
        if self.action == "partial_update":
            return s.PriorityUpdateSerializer
        return super().get_serializer_class()

    def _respond(self, priority, code=status.HTTP_200_OK):
        return Response(s.PrioritySerializer(priority).data, status=code)

    @extend_schema(request=s.PrioritySerializer, responses={201: s.PrioritySerializer})
    def create(self, request, *args, **kwargs):
        body = s.PrioritySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = {k: v for k, v in body.validated_data.items() if k != "evidence"}
        return self._respond(services.priority_create(request.user, **data), status.HTTP_201_CREATED)

    @extend_schema(request=s.PriorityUpdateSerializer, responses=s.PrioritySerializer)
    def partial_update(self, request, *args, **kwargs):
        priority = self.get_object()
        body = s.PriorityUpdateSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        return self._respond(services.priority_update(request.user, priority, **body.validated_data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):  # only PATCH
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=s.PriorityAdoptSerializer, responses=s.PrioritySerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """Record that the programme adopted the priority (today unless `adopted_on` says otherwise)."""
        body = s.PriorityAdoptSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.priority_adopt(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.ConsultationReasonSerializer, responses=s.PrioritySerializer)
    @action(detail=True, methods=["post"], url_path="withdraw-adoption")
    def withdraw_adoption(self, request, pk=None):
        """The priority is proposed again (a programme amendment dropped it); say why."""
        body = s.ConsultationReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(
            services.priority_withdraw_adoption(request.user, self.get_object(), **body.validated_data)
        )

    @extend_schema(request=s.EvidenceAddSerializer, responses={201: s.PrioritySerializer})
    @action(detail=True, methods=["post"], url_path="add-evidence")
    def add_evidence(self, request, pk=None):
        """Link a survey question (and one of its options) that supports the priority."""
        priority = self.get_object()
        body = s.EvidenceAddSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.evidence_add(request.user, priority, **body.validated_data)
        return self._respond(priority, status.HTTP_201_CREATED)

    @extend_schema(request=s.EvidenceRemoveSerializer, responses=s.PrioritySerializer)
    @action(detail=True, methods=["post"], url_path="remove-evidence")
    def remove_evidence(self, request, pk=None):
        priority = self.get_object()
        body = s.EvidenceRemoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        evidence: Evidence = body.validated_data["evidence"]
        if evidence.priority_id != priority.pk:
            return Response(
                {"detail": "This evidence belongs to another priority."}, status=status.HTTP_400_BAD_REQUEST
            )
        services.evidence_remove(request.user, evidence)
        return self._respond(priority)
