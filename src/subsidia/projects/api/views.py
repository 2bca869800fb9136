"""Operations. ``/operations/`` is the public list (no login, rate-limited): every operation that holds support,
with the fields of CPR art. 49(3) as ``public.public_fields`` gives them. ``/operation-files/`` is the file
behind each operation, for staff and the beneficiary's members."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, viewsets

from subsidia.core.api.permissions import PublicReadOnly
from subsidia.core.api.throttling import PublicRateThrottle

from .. import public, selectors
from ..filters import OperationFilter
from . import serializers as s

ORDERING = ["code", "start_date", "end_date", "total_cost", "eu_contribution", "selected_at"]


class OperationViewSet(viewsets.ReadOnlyModelViewSet):
    """The list of operations selected for support (CPR art. 49(3)), ordered by code.

    Amounts are decimal strings in euro; `cofinancing_rate` is a fraction with four decimals. Fields the law
    protects (a restricted operation's beneficiary and location, a natural person's name after two years) are
    `null` and named in `withheld`. Cancelled selections (the applicant declined) are not listed.
    """

    serializer_class = s.PublicOperationSerializer
    permission_classes = [PublicReadOnly]
    throttle_classes = [PublicRateThrottle]
    filterset_class = OperationFilter
    ordering_fields = ORDERING
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9._-]+"

    def get_queryset(self):
        return public.public_queryset(selectors.operations_for_publication())


class IsSignedIn(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.method in permissions.SAFE_METHODS)


@extend_schema(tags=["operations"])
class OperationFileViewSet(viewsets.ReadOnlyModelViewSet):
    """The file of each operation you may see: staff see all, a beneficiary's members their own. Includes the
    budget by category and year, indicator targets with what accepted reports achieved, agreement versions,
    amendments and progress reports."""

    serializer_class = s.OperationFileSerializer
    permission_classes = [IsSignedIn]
    filterset_class = OperationFilter
    ordering_fields = ORDERING
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9._-]+"

    def get_queryset(self):
        return selectors.operations_visible_to(self.request.user)
