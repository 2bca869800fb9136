"""The trace need → priority → call → project, and the programme overview with its charts."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from subsidia.core.charts import HorizontalBarChart, Series

from .. import fields as field_map
from ..selectors import overview as overview_selectors
from ..selectors import projects as project_selectors


@require_GET
def trace_list(request):
    return render(request, "transparency/trace_list.html", {"priorities": project_selectors.public_priorities_list()})


@require_GET
def trace(request, pk):
    priority = project_selectors.public_priority(pk)
    if priority is None:
        raise Http404
    language = field_map.language_or_default(translation.get_language())
    return render(request, "transparency/trace.html", {"trace": project_selectors.trace(priority, language)})


@require_GET
def overview_list(request):
    return render(request, "transparency/overview_list.html", {"programmes": overview_selectors.public_programmes()})


def _chart(lines, chart_id, title):
    return HorizontalBarChart(
        title=title,
        categories=[line.label for line in lines],
        series=[
            Series(_("Allocated (EU contribution)"), [line.allocated_eu for line in lines]),
            Series(_("Committed to operations (EU contribution)"), [line.committed_eu for line in lines]),
        ],
        chart_id=chart_id,
        value_format="money",
    ).render()


@require_GET
def overview(request, pk):
    programme = get_object_or_404(overview_selectors.public_programmes(), pk=pk)
    data = overview_selectors.overview(programme)
    context = {
        "o": data,
        "programme": programme,
        "objective_chart": _chart(
            data.by_objective, "chart-objectives", _("Allocated and committed EU contribution per specific objective")
        ),
        "region_chart": _chart(
            data.by_region, "chart-regions", _("Allocated and committed EU contribution per region or delegated body")
        ),
    }
    return render(request, "transparency/overview.html", context)
