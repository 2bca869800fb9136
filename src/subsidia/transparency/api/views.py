"""The public, read-only API of the transparency app: no login, rate-limited (a flood gets a 429)."""

from django.http import Http404
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from subsidia.core.api.permissions import PublicReadOnly
from subsidia.core.api.throttling import PublicRateThrottle

from .. import fields as field_map
from ..filters import OperationFilter
from ..forms import PAGE_SIZES, SORT_LABELS, ListForm
from ..models import SnapshotRow
from ..selectors import operations as selectors
from ..selectors import overview as overview_selectors
from ..selectors import projects as project_selectors
from ..selectors import publications as publication_selectors
from . import serializers as s


class PublicViewSet(viewsets.ViewSet):
    permission_classes = [PublicReadOnly]
    throttle_classes = [PublicRateThrottle]
    filter_backends = []

    @staticmethod
    def language(request) -> str:
        requested = request.query_params.get("language")
        if requested is not None and requested not in field_map.LANGUAGES:
            raise ValidationError({"language": f"One of: {', '.join(field_map.LANGUAGES)}."})
        return field_map.language_or_default(requested or translation.get_language())


def _errors(form) -> dict:
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


LANGUAGE_PARAMETER = OpenApiParameter("language", str, enum=[*field_map.LANGUAGES], description="Language of the texts")
LIST_PARAMETERS = [
    OpenApiParameter("objective", str, description="Specific objective code, e.g. 2"),
    OpenApiParameter("call", str, description="Call reference, e.g. AMIF-VLG-BUDDY"),
    OpenApiParameter("region", str, description="Region or delegated body code, e.g. VLG"),
    OpenApiParameter("nuts", str, description="NUTS code; operations located in it (never restricted ones)"),
    OpenApiParameter("beneficiary", str, description="Part of the beneficiary's name, or its enterprise number"),
    OpenApiParameter("year", int, description="Operations running in this year"),
    OpenApiParameter("q", str, description="Words to search for (each matches a word prefix)"),
    OpenApiParameter("sort", str, enum=list(SORT_LABELS), description="Sort order (default: code)"),
    OpenApiParameter("page", int, description="Page number, from 1"),
    OpenApiParameter("page_size", int, enum=list(PAGE_SIZES), description="Rows per page (default 25)"),
    LANGUAGE_PARAMETER,
]


@extend_schema(tags=["list of operations"])
class ListOfOperationsViewSet(PublicViewSet):
    """The list of operations (CPR art. 49(3)) as published: the field map's fields, withholding applied."""

    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    @extend_schema(parameters=LIST_PARAMETERS, responses=s.ListOfOperationsPageSerializer)
    def list(self, request):
        filterset = OperationFilter(request.query_params, queryset=selectors.public_operations())
        paging = ListForm(request.query_params)
        if not (filterset.is_valid() & paging.is_valid()):
            raise ValidationError({**_errors(filterset.form), **_errors(paging)})
        number, size, sort = paging.values()
        ctx = selectors.context(self.language(request))
        page = selectors.page(filterset.qs, ctx, number=number, size=size, sort=sort)
        if not page.rows and number > 1:
            raise NotFound("No such page.")
        filtered = filterset.is_filtered()
        count = selectors.count(filterset.qs, filtered=filtered)
        body = {
            "count": count.value,
            "count_is_exact": count.exact,
            "page": number,
            "page_size": size,
            "next": self._page_url(request, number + 1) if page.has_next else None,
            "previous": self._page_url(request, number - 1) if number > 1 else None,
            "totals": selectors.list_totals(filterset.qs, filtered=filtered, counted=count),
            "results": page.rows,
        }
        return Response(s.ListOfOperationsPageSerializer(body).data)

    @staticmethod
    def _page_url(request, number):
        query = request.query_params.copy()
        query["page"] = number
        return request.build_absolute_uri(request.path) + "?" + query.urlencode()

    @extend_schema(parameters=[LANGUAGE_PARAMETER], responses=s.ProjectPageSerializer)
    def retrieve(self, request, code=None):
        """One operation's project page: its published fields, budget, the call and criteria it was selected on,
        indicator targets and the priorities (with the stakeholder answers behind them) it serves."""
        page = project_selectors.project_page(code, self.language(request))
        if page is None:
            raise NotFound("No published operation has this code.")
        return Response(s.ProjectPageSerializer(page).data)

    @extend_schema(responses=s.DataDictionaryFieldSerializer(many=True))
    @action(detail=False, url_path="fields")
    def fields(self, request):
        """The data dictionary: every field of art. 49(3) with its meaning and legal basis (in the language of
        the request: ``Accept-Language`` or ``?language=``)."""
        with translation.override(self.language(request)):
            data = [
                {
                    "key": f.key,
                    "label": str(f.label),
                    "meaning": str(f.meaning),
                    "legal_basis": f.legal_basis,
                    "kind": str(f.kind),
                    "published": f.published,
                    "withheld_when": [*f.withheld_when],
                    "not_applicable": str(f.not_applicable),
                }
                for f in field_map.FIELDS
            ]
        return Response(s.DataDictionaryFieldSerializer(data, many=True).data)


@extend_schema(tags=["list of operations"])
class PublicationViewSet(PublicViewSet):
    """Dated publications of the list (CPR art. 49(3): at least every four months), each downloadable."""

    lookup_field = "number"
    lookup_value_regex = r"\d+"

    @extend_schema(responses=s.ListPublicationSerializer(many=True))
    def list(self, request):
        return Response(s.ListPublicationSerializer(publication_selectors.snapshots()[:500], many=True).data)

    def _snapshot(self, number):
        snap = publication_selectors.snapshot(int(number))
        if snap is None:
            raise NotFound("No publication has this number.")
        return snap

    @extend_schema(responses=s.ListPublicationSerializer)
    def retrieve(self, request, number=None):
        return Response(s.ListPublicationSerializer(self._snapshot(number)).data)

    @extend_schema(responses=s.ListPublicationStatusSerializer)
    @action(detail=False, url_path="status")
    def status(self, request):
        """When the list was last published and by when the next publication is due."""
        return Response(s.ListPublicationStatusSerializer(publication_selectors.publication_status()).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("show", str, enum=["added", "removed", "changed"], description="Which rows to list"),
            OpenApiParameter("page", int, description="Page of 50 rows"),
        ],
        responses=s.ListPublicationChangesSerializer,
    )
    @action(detail=True, url_path="changes")
    def changes(self, request, number=None):
        """What changed since the previous publication: operations added, removed and changed, and the amounts."""
        snap = self._snapshot(number)
        show = request.query_params.get("show", "added")
        paging = ListForm({"page": request.query_params.get("page")})
        if show not in ("added", "removed", "changed"):
            raise ValidationError({"show": "One of: added, removed, changed."})
        if not paging.is_valid():
            raise ValidationError(_errors(paging))
        changes = publication_selectors.changes(snap)
        page_number = paging.cleaned_data.get("page") or 1
        offset = (page_number - 1) * 50
        rows = list(getattr(changes, show)[offset : offset + 51])
        if not rows and page_number > 1:
            raise NotFound("No such page.")
        befores = SnapshotRow.objects.in_bulk([r.previous_id for r in rows[:50]]) if show == "changed" else {}
        body = {
            "publication": snap.number,
            "previous_publication": changes.previous.number if changes.previous else None,
            "added": changes.added.count(),
            "removed": changes.removed.count(),
            "changed": changes.changed.count(),
            "deltas": {k: str(v) for k, v in changes.amount_deltas.items()},
            "show": show,
            "page": page_number,
            "has_next": len(rows) > 50,
            "results": [_changed_row(row, befores.get(getattr(row, "previous_id", None))) for row in rows[:50]],
        }
        return Response(s.ListPublicationChangesSerializer(body).data)


def _changed_row(row, before):
    data = publication_selectors.as_published(row)
    return {
        "code": row.code,
        "operation_name": data.get("operation_name"),
        "total_cost": row.total_cost,
        "eu_contribution": row.eu_contribution,
        "previous_total_cost": before.total_cost if before else None,
        "previous_eu_contribution": before.eu_contribution if before else None,
        "fields": [
            {"field": key, "before": old, "after": new}
            for key, old, new in (publication_selectors.field_changes(row, before) if before else [])
        ],
    }


@extend_schema(tags=["list of operations"])
class TraceViewSet(PublicViewSet):
    """Need → priority → call → project: the adopted priorities, each with the stakeholder answers behind it,
    the published calls that serve it and the operations they funded."""

    lookup_value_regex = r"\d+"

    @extend_schema(responses=s.TracePriorityRefSerializer(many=True))
    def list(self, request):
        return Response(s.TracePriorityRefSerializer(project_selectors.public_priorities_list(), many=True).data)

    @extend_schema(parameters=[LANGUAGE_PARAMETER], responses=s.PriorityTraceSerializer)
    def retrieve(self, request, pk=None):
        priority = project_selectors.public_priority(int(pk))
        if priority is None:
            raise NotFound("No adopted priority has this id.")
        language = self.language(request)
        with translation.override(language):
            return Response(s.PriorityTraceSerializer(project_selectors.trace(priority, language)).data)


@extend_schema(tags=["list of operations"])
class ProgrammeOverviewViewSet(PublicViewSet):
    """Per programme: allocation per specific objective and region against what is committed to operations
    (and paid, once the finance app records payments)."""

    lookup_value_regex = r"\d+"

    @extend_schema(
        parameters=[OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses=s.ProgrammeOverviewSerializer,
    )
    def retrieve(self, request, pk=None):
        programme = overview_selectors.public_programmes().filter(pk=int(pk)).first()
        if programme is None:
            raise Http404
        return Response(s.ProgrammeOverviewSerializer(overview_selectors.overview(programme)).data)
