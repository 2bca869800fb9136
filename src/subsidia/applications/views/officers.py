"""Officers' view of what came in: submitted applications per call (never drafts), filters, XLSX export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.views.decorators.http import require_GET

from subsidia.calls.models import Call
from subsidia.core.fields import MoneyField

from .. import exports
from ..constants import SUBMITTED_STATUSES, ApplicationStatus
from ..filters import ApplicationFilter
from ..models import Application


def _received(request):
    if not request.user.has_perm("applications.view_submitted"):
        raise PermissionDenied
    queryset = (
        Application.objects.filter(status__in=SUBMITTED_STATUSES)
        .select_related("call", "organisation", "organisation__nuts", "submission")
        .order_by("call__reference", "reference")
    )
    return ApplicationFilter(request.GET or None, queryset=queryset)


@login_required
@require_GET
def received(request):
    filterset = _received(request)
    applications = filterset.qs
    submitted = applications.filter(status=ApplicationStatus.SUBMITTED)
    totals = submitted.aggregate(
        count=Count("id"),
        sum_total=Coalesce(Sum("total_eligible_cost"), Value(0), output_field=MoneyField()),
        sum_eu=Coalesce(Sum("eu_grant_requested"), Value(0), output_field=MoneyField()),
    )
    page = Paginator(applications, 50).get_page(request.GET.get("page"))
    call = filterset.form.cleaned_data.get("call") if filterset.form.is_valid() else None
    return render(
        request,
        "applications/received.html",
        {
            "filter": filterset,
            "page": page,
            "totals": totals,
            "call": call,
            "calls": Call.objects.filter(applications__status__in=SUBMITTED_STATUSES).distinct().order_by("reference"),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def received_xlsx(request):
    if not request.user.has_perm("applications.export_application"):
        raise PermissionDenied
    filterset = _received(request)
    call = filterset.form.cleaned_data.get("call") if filterset.form.is_valid() else None
    return exports.applications_xlsx(filterset.qs, call=call)
