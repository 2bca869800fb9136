"""Calls for proposals. Anyone reads published calls (and those after publication); officers also see drafts.
Every change and transition goes through ``services`` (permission, rules, lock, audit)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from subsidia.core import approvals
from subsidia.core.api.throttling import PublicRateThrottle

from .. import selectors, services
from ..filters import CallFilter
from . import serializers as s

REFUSED = {
    400: OpenApiResponse(description="The input breaks a rule (messages per field)."),
    403: OpenApiResponse(description="Your role does not allow this."),
    409: OpenApiResponse(
        description="The call's state does not allow this transition (e.g. no committee approval "
        "of its current content)."
    ),
}


class PublicReadSignedInWrite(permissions.BasePermission):
    """Anyone reads; changes need a login, and the services check the role and the object."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)


def _created_or_changed(view, call, code=status.HTTP_200_OK):
    call = selectors.with_details(view.get_queryset_base()).get(pk=call.pk)
    return Response(s.CallSerializer(call, context=view.get_serializer_context()).data, status=code)


class CallViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Calls with their award and eligibility criteria, cost options and required attachments.

    `effective_status` is computed at the moment of the request: `upcoming`, `open` or `closed` for a
    published
    call (`opens_at ≤ now < closes_at` is open), the stored status otherwise. Times are Brussels time with
    their offset; a time without an offset is read as Brussels time, and a time a daylight-saving change
    skips or repeats is refused.
    """

    permission_classes = [PublicReadSignedInWrite]
    throttle_classes = [PublicRateThrottle]
    filterset_class = CallFilter
    ordering_fields = ["opens_at", "closes_at", "reference", "budget"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset_base(self):
        return selectors.calls_visible_to(self.request.user)

    def get_queryset(self):
        return selectors.with_details(self.get_queryset_base()).order_by("-opens_at", "reference")

    def get_serializer_class(self):
        if self.action in ("create", "partial_update", "update"):
            return s.CallWriteSerializer
        return s.CallSerializer

    @extend_schema(request=s.CallWriteSerializer, responses={201: s.CallSerializer, **REFUSED})
    def create(self, request, *args, **kwargs):
        body = s.CallWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        call = services.call_create(request.user, programme=data.pop("programme"), **data)
        return _created_or_changed(self, call, status.HTTP_201_CREATED)

    @extend_schema(request=s.CallWriteSerializer, responses={200: s.CallSerializer, **REFUSED})
    def partial_update(self, request, *args, **kwargs):
        call = self.get_object()
        body = s.CallWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("programme", None)
        return _created_or_changed(self, services.call_update(request.user, call, **data))

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=s.NoteSerializer, responses={200: s.CallSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="submit-for-approval")
    def submit_for_approval(self, request, pk=None):
        """Put the call's exact current content to the monitoring committee."""
        body = s.NoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        call = services.call_submit_for_approval(
            request.user, self.get_object(), note=body.validated_data.get("note", "")
        )
        return _created_or_changed(self, call)

    @extend_schema(responses={200: s.ApprovalStateSerializer, 403: REFUSED[403]})
    @action(detail=True, methods=["get"])
    def approval(self, request, pk=None):
        """The committee's approval of the call: for the current content hash, with the latest decision."""
        call = self.get_object()
        if not request.user.has_perm("calls.view_call"):
            raise PermissionDenied
        state = approvals.approval_state(call)
        latest = state.latest
        decision = latest.decision_or_none if latest else None
        return Response(
            s.ApprovalStateSerializer(
                {
                    "approved": state.approved,
                    "current_hash": state.current_hash,
                    "request_status": latest.status if latest else None,
                    "request_hash": latest.content_hash if latest else None,
                    "decision_reference": decision.reference if decision else None,
                    "decision_date": decision.decision_date if decision else None,
                    "taken_in": decision.taken_in if decision else None,
                }
            ).data
        )

    @extend_schema(request=s.ReasonSerializer, responses={200: s.CallSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request, pk=None):
        """Take the call back from the committee, or reopen an approved call for changes."""
        body = s.ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return _created_or_changed(
            self, services.call_return_to_draft(request.user, self.get_object(), **body.validated_data)
        )

    @extend_schema(request=None, responses={200: s.CallSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish the call; refused (409) unless the committee approved its exact current content."""
        return _created_or_changed(self, services.call_publish(request.user, self.get_object()))

    @extend_schema(request=None, responses={200: s.CallSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="start-assessment")
    def start_assessment(self, request, pk=None):
        """After the deadline: the applications go to assessment."""
        return _created_or_changed(self, services.call_start_assessment(request.user, self.get_object()))

    @extend_schema(request=s.NoteSerializer, responses={200: s.CallSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="mark-decided")
    def mark_decided(self, request, pk=None):
        """The selection decision on the call's applications has been taken."""
        body = s.NoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return _created_or_changed(
            self,
            services.call_mark_decided(request.user, self.get_object(), note=body.validated_data.get("note", "")),
        )

    @extend_schema(request=None, responses={200: s.CallSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Close the call's file after the decision."""
        return _created_or_changed(self, services.call_archive(request.user, self.get_object()))

    @extend_schema(request=s.ReasonSerializer, responses={200: s.CallSerializer, **REFUSED})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Cancel the call; a published call shows the reason. Its budget returns to the allocation."""
        body = s.ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return _created_or_changed(self, services.call_withdraw(request.user, self.get_object(), **body.validated_data))
