"""Programmes, versions and allocations. Reading is public for submitted and adopted programmes; every
change goes through ``services`` (permission, rules, audit)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from subsidia.core.api.permissions import PublicReadOfficerWrite
from subsidia.core.api.throttling import PublicRateThrottle

from .. import selectors, services
from ..filters import AllocationFilter
from ..models import Allocation, Region
from . import serializers as s


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """Regions and delegated bodies that receive an envelope."""

    queryset = Region.objects.select_related("nuts")
    serializer_class = s.RegionSerializer
    permission_classes = [PublicReadOfficerWrite]
    throttle_classes = [PublicRateThrottle]
    filterset_fields = ["code", "kind"]


class ProgrammeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Programmes with the totals of their version in force (EU, national, total: database sums)."""

    serializer_class = s.ProgrammeSerializer
    permission_classes = [PublicReadOfficerWrite]
    throttle_classes = [PublicRateThrottle]
    filterset_fields = ["cci", "member_state"]
    ordering_fields = ["cci"]

    def get_queryset(self):
        return selectors.programmes_with_totals(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        programme = services.programme_create(self.request.user, **data)
        serializer.instance = self.get_queryset().get(pk=programme.pk)

    @extend_schema(request=s.ProgrammeReasonSerializer, responses=s.ProgrammeVersionSerializer)
    @action(detail=True, methods=["post"])
    def amend(self, request, pk=None):
        """Start an amendment: a new draft version with a copy of the budget in force."""
        programme = self.get_object()
        body = s.ProgrammeReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = services.programme_amend(request.user, programme, **body.validated_data)
        return Response(s.ProgrammeVersionSerializer(version).data, status=status.HTTP_201_CREATED)


class ProgrammeVersionViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Versions of programmes: the original and each amendment. Transitions are explicit actions."""

    serializer_class = s.ProgrammeVersionSerializer
    permission_classes = [PublicReadOfficerWrite]
    throttle_classes = [PublicRateThrottle]
    filterset_fields = ["programme", "status", "number"]
    http_method_names = ["get", "patch", "post", "head", "options"]

    def get_queryset(self):
        return (
            selectors.versions_visible_to(self.request.user)
            .annotate(**selectors.sums("allocations__"))
            .order_by("programme", "number")
        )

    def perform_update(self, serializer):
        version = serializer.instance
        services.version_update(self.request.user, version, **serializer.validated_data)

    def _respond(self, version):
        return Response(self.get_serializer(self.get_queryset().get(pk=version.pk)).data)

    @extend_schema(request=None, responses=s.ProgrammeVersionSerializer)
    @action(detail=True, methods=["post"], url_path="submit-to-commission")
    def submit_to_commission(self, request, pk=None):
        """Submit to the Commission; an amendment needs the committee's approval of its exact content (409)."""
        return self._respond(services.version_submit_to_commission(request.user, self.get_object()))

    @extend_schema(request=s.ProgrammeAdoptSerializer, responses=s.ProgrammeVersionSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """Record the Commission's decision adopting this version."""
        body = s.ProgrammeAdoptSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.version_adopt(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.ProgrammeReasonSerializer, responses=s.ProgrammeVersionSerializer)
    @action(detail=True, methods=["post"], url_path="return-to-draft")
    def return_to_draft(self, request, pk=None):
        """The Commission sent the version back with observations."""
        body = s.ProgrammeReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.version_return_to_draft(request.user, self.get_object(), **body.validated_data))


@extend_schema(
    parameters=[OpenApiParameter("programme", int, description="Allocations of the programme's version in force")]
)
class AllocationViewSet(viewsets.ModelViewSet):
    """Allocations per objective × region × modality × year. Officers change draft versions only."""

    serializer_class = s.AllocationSerializer
    permission_classes = [PublicReadOfficerWrite]
    throttle_classes = [PublicRateThrottle]
    filterset_class = AllocationFilter
    ordering_fields = ["year", "eu_contribution"]

    def get_queryset(self):
        return selectors.allocations_visible_to(self.request.user).order_by(
            "version", "specific_objective__position", "region__code", "implementation_modality__code", "year"
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        version = data.pop("version")
        serializer.instance = services.allocation_create(self.request.user, version, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.allocation_update(self.request.user, serializer.instance, **data)

    def perform_destroy(self, instance: Allocation):
        services.allocation_delete(self.request.user, instance)
