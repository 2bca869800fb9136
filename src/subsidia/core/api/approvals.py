"""The approval gate over the API: what was put to the committee (pinned by content hash) and its decision.

Officers, authorising officers, auditors and committee members read; programme officers put objects to the
committee and prepare the "conditions fulfilled" step; an authorising officer who did not prepare it confirms.
"""

from django.contrib.contenttypes.models import ContentType
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .. import approvals
from ..approval_models import ApprovalDecision, ApprovalRequest, ApprovalStatus
from ..roles import AUTHORISING_OFFICER, COMMITTEE_MEMBER, PROGRAMME_OFFICER, STAFF_ROLES, has_role


class GateAccess(permissions.BasePermission):
    """Reading is for those who follow the gate; writing is for programme or authorising officers (the
    gate's functions check who may do which step)."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return has_role(user, *STAFF_ROLES, COMMITTEE_MEMBER)
        return has_role(user, PROGRAMME_OFFICER, AUTHORISING_OFFICER)


class DecisionSerializer(serializers.ModelSerializer):
    taken_in_type = serializers.SerializerMethodField()

    class Meta:
        model = ApprovalDecision
        fields = [
            "outcome",
            "decision_date",
            "reference",
            "taken_in",
            "taken_in_type",
            "source_id",
            "votes_for",
            "votes_against",
            "abstentions",
            "conditions",
            "recorded_at",
            "conditions_prepared_hash",
            "conditions_prepared_at",
            "conditions_fulfilled_hash",
            "conditions_fulfilled_at",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_taken_in_type(self, decision) -> str:
        ct = decision.source_type
        return f"{ct.app_label}.{ct.model}" if ct else ""


class ApprovalRequestSerializer(serializers.ModelSerializer):
    object_type = serializers.CharField(
        read_only=True, help_text="app_label.model, e.g. programmes.programmeversion"
    )
    status = serializers.ChoiceField(choices=ApprovalStatus.choices, read_only=True)
    submitted_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    decision_date = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    content_verifies = serializers.SerializerMethodField()

    class Meta:
        model = ApprovalRequest
        fields = [
            "id",
            "object_type",
            "object_id",
            "object_label",
            "content_hash",
            "content",
            "content_verifies",
            "status",
            "submitted_by",
            "submitted_at",
            "note",
            "withdrawn_at",
            "withdrawn_reason",
            "decision_date",
            "decision",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.DATE)
    def get_decision_date(self, req):
        decision = req.decision_or_none
        return decision.decision_date.isoformat() if decision else None

    @extend_schema_field(DecisionSerializer(allow_null=True))
    def get_decision(self, req):
        decision = req.decision_or_none
        return DecisionSerializer(decision).data if decision else None

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_content_verifies(self, req) -> bool:
        return approvals.content_verifies(req)


class ApprovalSubmissionSerializer(serializers.Serializer):
    object_type = serializers.CharField(help_text="app_label.model of an approvable object")
    object_id = serializers.CharField(max_length=64)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")

    def validate(self, attrs):
        app_label, _dot, model = attrs["object_type"].partition(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        model_class = content_type.model_class() if content_type else None
        if model_class is None or not issubclass(model_class, approvals.Approvable):
            raise ValidationError({"object_type": "This kind of object is not put to the committee."})
        obj = (
            model_class._default_manager.filter(pk=attrs["object_id"]).first()
            if attrs["object_id"].isdigit()
            else None
        )
        if obj is None:
            raise ValidationError({"object_id": "No such object."})
        attrs["object"] = obj
        return attrs


class WithdrawalSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


@extend_schema(tags=["approvals"])
@extend_schema(
    parameters=[
        OpenApiParameter(
            "status", str, enum=ApprovalStatus.values, description="Only requests with this status"
        ),
        OpenApiParameter("object_type", str, description="app_label.model, e.g. programmes.programmeversion"),
        OpenApiParameter("object_id", str, description="Requests about this object"),
    ]
)
class ApprovalRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """What was put to the monitoring committee, pinned by the SHA-256 of its canonical content (RFC 8785),
    and the committee's decision. An object is used only while an approval exists for its current content."""

    serializer_class = ApprovalRequestSerializer
    permission_classes = [GateAccess]
    filter_backends = []

    def get_queryset(self):
        requests = approvals.requests_visible_to(self.request.user).order_by("-submitted_at", "-id")
        params = self.request.query_params
        status_filter = params.get("status")
        if status_filter is not None:
            if status_filter not in ApprovalStatus.values:
                raise ValidationError({"status": f"One of: {', '.join(ApprovalStatus.values)}."})
            requests = requests.filter(status=status_filter)
        if params.get("object_type"):
            app_label, _dot, model = params["object_type"].partition(".")
            requests = requests.filter(content_type__app_label=app_label, content_type__model=model)
        if params.get("object_id"):
            requests = requests.filter(object_id=params["object_id"])
        return requests

    @extend_schema(request=ApprovalSubmissionSerializer, responses={201: ApprovalRequestSerializer})
    def create(self, request, *args, **kwargs):
        """Put the object's exact current content to the committee (programme officers)."""
        body = ApprovalSubmissionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        req = approvals.request_approval(
            request.user, body.validated_data["object"], note=body.validated_data["note"]
        )
        return Response(self.get_serializer(req).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=WithdrawalSerializer, responses=ApprovalRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a request that awaits the committee."""
        body = WithdrawalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        req = approvals.withdraw(request.user, self.get_object(), body.validated_data["reason"])
        return Response(self.get_serializer(req).data)

    def _target(self, req):
        obj = approvals.target(req)
        if obj is None:
            raise ValidationError({"object_id": "The object no longer exists."})
        return obj

    @extend_schema(request=None, responses=ApprovalRequestSerializer)
    @action(detail=True, methods=["post"], url_path="prepare-conditions")
    def prepare_conditions(self, request, pk=None):
        """An officer says the object's current content meets the conditions of a conditional approval."""
        req = self.get_object()
        approvals.prepare_conditions_fulfilled(request.user, req, self._target(req))
        return Response(self.get_serializer(ApprovalRequest.objects.get(pk=req.pk)).data)

    @extend_schema(request=None, responses=ApprovalRequestSerializer)
    @action(detail=True, methods=["post"], url_path="confirm-conditions")
    def confirm_conditions(self, request, pk=None):
        """An authorising officer who did not prepare it confirms; the new content hash is recorded."""
        req = self.get_object()
        approvals.confirm_conditions_fulfilled(request.user, req, self._target(req))
        return Response(self.get_serializer(ApprovalRequest.objects.get(pk=req.pk)).data)
