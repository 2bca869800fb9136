"""Public call pages (no login): the list with filters, a call's page, its deadline as iCalendar, its
documents, and the calendar of planned calls."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from subsidia.core import clock, formatting
from subsidia.programmes.models import Programme

from .. import ical, selectors
from ..constants import EffectiveStatus
from ..filters import CallFilter
from ..models import CallDocument


def _visible(request, pk):
    return get_object_or_404(selectors.with_details(selectors.calls_visible_to(request.user)), pk=pk)


@require_GET
def public_list(request):
    data = request.GET.copy()
    data.setdefault("effective_status", EffectiveStatus.OPEN)
    if data.get("effective_status") == "all":
        data.pop("effective_status")
    filterset = CallFilter(data, queryset=selectors.public_calls().order_by("closes_at", "reference"))
    calls = filterset.qs if filterset.is_valid() else selectors.public_calls().none()
    page = Paginator(calls, 25).get_page(request.GET.get("page"))
    tabs = [(value, label) for value, label in EffectiveStatus.choices] + [("all", _("All"))]
    return render(
        request,
        "calls/public_list.html",
        {
            "filter": filterset,
            "page": page,
            "tabs": tabs,
            "current": request.GET.get("effective_status") or "open",
            "now": clock.now(),
        },
    )


@require_GET
def public_detail(request, pk):
    call = _visible(request, pk)
    return render(
        request,
        "calls/public_detail.html",
        {
            "call": call,
            "effective": call.effective_status(),
            "is_public": selectors.public_calls().filter(pk=call.pk).exists(),
            "flat_rates": selectors.flat_rates(call),
            "now": clock.now(),
        },
    )


@require_GET
def deadline_ics(request, pk):
    call = _visible(request, pk)
    url = request.build_absolute_uri(reverse("calls:public-detail", args=[call.pk]))
    body = ical.deadline_calendar(
        call,
        url=url,
        host=request.get_host().split(":")[0] or "subsidia",
        summary=_("Deadline: %(reference)s %(title)s") % {"reference": call.reference, "title": call.title},
        description=_("Applications to call %(reference)s are accepted until %(time)s (Brussels time). %(url)s")
        % {
            "reference": call.reference,
            "time": formatting.datetime(call.closes_at, format="full"),
            "url": url,
        },
        reminder=_("One week left to apply to call %(reference)s.") % {"reference": call.reference},
    )
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{call.reference.replace("/", "-")}-deadline.ics"'
    return response


@require_GET
def document(request, pk, document_id):
    call = _visible(request, pk)
    doc = get_object_or_404(CallDocument, pk=document_id, call=call)
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=doc.content_type, as_attachment=True, filename=doc.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def public_calendar(request):
    """CPR art. 49(2): the planned calls with indicative dates and budgets, and when the calendar was "
    "updated."""
    programmes = []
    for programme in Programme.objects.filter(planned_calls__isnull=False).distinct().select_related("fund"):
        programmes.append(
            {
                "programme": programme,
                "status": selectors.calendar_status(programme),
                "planned": selectors.planned_calls(programme),
            }
        )
    return render(request, "calls/public_calendar.html", {"programmes": programmes})
