"""Organisations and applications over the API. Reading follows the same visibility as the pages (an applicant
sees their organisations' files; staff see what was submitted, never drafts); every change goes through a
service (permission, rules, audit) and transitions are explicit actions."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from subsidia.core.pdf import pdf_response

from .. import completeness, selectors, services
from ..filters import ApplicationFilter
from ..models import (
    Activity,
    Attachment,
    BudgetLine,
    IndicatorTarget,
    Location,
    Membership,
    Partner,
    Submission,
    TargetGroup,
)
from ..receipts import receipt_filename, receipt_pdf
from . import serializers as s

CONFLICT = OpenApiResponse(description="The transition is not allowed now (e.g. the call's deadline has passed).")
REFUSED = OpenApiResponse(description="The input breaks a rule; the messages say which.")


class OrganisationViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Organisations the user belongs to (staff: all). Registering makes the user its first signatory."""

    serializer_class = s.OrganisationSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_fields = ["organisation_type", "country"]
    ordering_fields = ["legal_name"]

    def get_queryset(self):
        return selectors.organisations_visible_to(self.request.user).order_by("legal_name")

    def perform_create(self, serializer):
        serializer.instance = services.organisation_register(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.organisation_update(
            self.request.user, serializer.instance, **serializer.validated_data
        )


class MembershipViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Who acts for an organisation. Signatories add (by username or e-mail) and remove members."""

    serializer_class = s.MembershipSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["organisation", "role"]

    def get_queryset(self):
        organisations = selectors.organisations_visible_to(self.request.user)
        return Membership.objects.filter(organisation__in=organisations).select_related("user").order_by("id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.member_add(
            self.request.user, data["organisation"], identifier=data["identifier"], role=data["role"]
        )

    def perform_destroy(self, instance):
        services.member_remove(self.request.user, instance)

    @extend_schema(request=s.MembershipRoleSerializer, responses={200: s.MembershipSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"], url_path="change-role")
    def change_role(self, request, pk=None):
        body = s.MembershipRoleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        membership = services.member_change_role(request.user, self.get_object(), **body.validated_data)
        return Response(self.get_serializer(membership).data)


class ApplicationViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Applications: applicants see their organisations' applications; staff see submitted ones, no drafts.

    Create a draft with `call`, `organisation` and `title`; fill it with PATCH and the part endpoints; then
    `submit`. After the call's deadline `submit` answers 409 and nothing changes.
    """

    serializer_class = s.ApplicationSerializer
    permission_classes = [IsAuthenticated]
    filterset_class = ApplicationFilter
    ordering_fields = ["submitted_at", "eu_grant_requested", "total_eligible_cost", "reference", "created_at"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            selectors.applications_visible_to(self.request.user)
            .select_related("submission")
            .prefetch_related("flat_rates")
            .order_by("-created_at", "-id")
        )

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.application_create(
            self.request.user,
            organisation=data["organisation"],
            call=data["call"],
            title=data.get("title", ""),
        )

    def perform_destroy(self, instance):
        services.application_delete(self.request.user, instance)

    def _respond(self, application, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=application.pk)).data, status=code)

    @extend_schema(
        request=s.ApplicationUpdateSerializer,
        responses={200: s.ApplicationSerializer, 400: REFUSED, 409: CONFLICT},
    )
    def partial_update(self, request, pk=None):
        """Change a draft's project fields or co-financing plan."""
        body = s.ApplicationUpdateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.application_update(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.SubmitSerializer, responses={200: s.ApplicationSerializer, 400: REFUSED, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit while the call is open (`opens_at ≤ now < closes_at`, Brussels time): the application is
        frozen as a snapshot (RFC 8785 JSON) with its SHA-256. After the deadline: 409, nothing changes."""
        body = s.SubmitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        declarations = body.validated_data.get("declarations")
        return self._respond(services.application_submit(request.user, self.get_object(), declarations=declarations))

    @extend_schema(request=s.WithdrawSerializer, responses={200: s.ApplicationSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw a submitted application; possible until the call's deadline."""
        body = s.WithdrawSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.application_withdraw(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.DeclarationsSerializer, responses={200: s.ApplicationSerializer, 409: CONFLICT})
    @action(detail=True, methods=["post"])
    def declare(self, request, pk=None):
        """A signatory makes the declarations on honour (CPR art. 63(6) and 63(9))."""
        body = s.DeclarationsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.application_declare(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.FlatRatesSerializer, responses={200: s.ApplicationSerializer, 400: REFUSED})
    @action(detail=True, methods=["post"], url_path="flat-rates")
    def flat_rates(self, request, pk=None):
        """Choose which of the call's flat rates (CPR art. 54-56) the budget applies."""
        body = s.FlatRatesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        application = self.get_object()
        services.flat_rates_set(request.user, application, keys=body.validated_data["keys"])
        return self._respond(application)

    @extend_schema(request=None, responses={200: s.ApplicationSerializer, 400: REFUSED})
    @action(detail=True, methods=["post"], url_path="balance-plan")
    def balance_plan(self, request, pk=None):
        """Let the own contribution cover what the EU grant and other public funding leave of the total."""
        return self._respond(services.cofinancing_balance(request.user, self.get_object()))

    @extend_schema(responses=s.CompletenessSerializer(many=True))
    @action(detail=True, methods=["get"])
    def completeness(self, request, pk=None):
        """What each section still lacks; submission refuses while anything is listed."""
        states = completeness.sections(self.get_object())
        return Response(
            [
                {
                    "section": x.section,
                    "label": x.label,
                    "complete": x.complete,
                    "optional": x.optional,
                    "problems": x.problems,
                }
                for x in states
            ]
        )

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: None})
    @action(detail=True, methods=["get"])
    def receipt(self, request, pk=None):
        """The acknowledgement of receipt (PDF) with the SHA-256 of the submitted snapshot."""
        application = self.get_object()
        submission = get_object_or_404(Submission, application=application)
        return pdf_response(receipt_filename(submission), receipt_pdf(submission))

    @extend_schema(responses={(200, "application/json"): OpenApiTypes.OBJECT, 404: None})
    @action(detail=True, methods=["get"])
    def snapshot(self, request, pk=None):
        """The submitted content as stored (canonical JSON, RFC 8785); SHA-256 in `X-Content-SHA256`."""
        application = self.get_object()
        submission = get_object_or_404(Submission, application=application)
        response = HttpResponse(submission.content.encode("utf-8"), content_type="application/json")
        response["X-Content-SHA256"] = submission.sha256
        response["Content-Disposition"] = f'inline; filename="{application.reference}.json"'
        return response


class _ApplicationPartViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet
):
    permission_classes = [IsAuthenticated]
    filterset_fields = ["application"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    model = None
    kind = ""

    def get_queryset(self):
        visible = selectors.applications_visible_to(self.request.user)
        return self.model.objects.filter(application__in=visible).order_by("application", "id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        application = data.pop("application")
        serializer.instance = services.part_add(self.request.user, application, self.kind, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("application", None)
        serializer.instance = services.part_update(self.request.user, serializer.instance, **data)

    def perform_destroy(self, instance):
        services.part_delete(self.request.user, instance)


class ActivityViewSet(_ApplicationPartViewSet):
    """Activities with their timeline."""

    serializer_class = s.ActivitySerializer
    model, kind = Activity, "activity"


class TargetGroupViewSet(_ApplicationPartViewSet):
    serializer_class = s.TargetGroupSerializer
    model, kind = TargetGroup, "target_group"


class LocationViewSet(_ApplicationPartViewSet):
    """Where the project takes place; the postcode is placed in its NUTS area."""

    serializer_class = s.LocationSerializer
    model, kind = Location, "location"


class PartnerViewSet(_ApplicationPartViewSet):
    serializer_class = s.PartnerSerializer
    model, kind = Partner, "partner"


class IndicatorTargetViewSet(_ApplicationPartViewSet):
    """Targets for AMIF indicators of the call's specific objective, by age and gender where asked."""

    serializer_class = s.IndicatorTargetSerializer
    model, kind = IndicatorTarget, "indicator_target"


class BudgetLineViewSet(_ApplicationPartViewSet):
    """Budget lines by cost category and year. Flat-rate lines are computed (read-only)."""

    serializer_class = s.BudgetLineSerializer
    model = BudgetLine
    filterset_fields = ["application", "year", "category", "cost_option"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        application = data.pop("application")
        serializer.instance = services.budget_line_add(self.request.user, application, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("application", None)
        serializer.instance = services.budget_line_update(self.request.user, serializer.instance, **data)

    def perform_destroy(self, instance):
        services.budget_line_delete(self.request.user, instance)


class AttachmentViewSet(mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Documents attached to an application (multipart upload). The type is sniffed from the content."""

    serializer_class = s.AttachmentSerializer
    permission_classes = [IsAuthenticated]
    filterset_fields = ["application", "requirement"]

    def get_queryset(self):
        visible = selectors.applications_visible_to(self.request.user)
        return Attachment.objects.filter(application__in=visible).order_by("application", "id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.attachment_add(
            self.request.user,
            data["application"],
            upload=data["file"],
            requirement=data.get("requirement"),
            description=data.get("description", ""),
        )

    def perform_destroy(self, instance):
        services.attachment_delete(self.request.user, instance)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        from ..views.files import attachment_response

        return attachment_response(self.get_object())
