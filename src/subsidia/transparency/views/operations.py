"""The public list of operations: the page (filters, search, sorting, pages), the downloads, the data
dictionary and the project pages."""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from subsidia.core import clock

from .. import fields as field_map
from ..exports import operations as exports
from ..exports import tabular
from ..filters import OperationFilter
from ..forms import PAGE_SIZES, SORT_LABELS, ListForm
from ..selectors import operations as selectors
from ..selectors import projects as project_selectors


def _language() -> str:
    return field_map.language_or_default(translation.get_language())


def _errors(*forms) -> list[str]:
    messages = []
    for form in forms:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages += [f"{label}: {error}" if label else str(error) for error in errors]
    return messages


def _filtered(request):
    """The filter set and the paging form for the query string, and the messages if either is invalid."""
    filterset = OperationFilter(request.GET, queryset=selectors.public_operations())
    paging = ListForm(request.GET)
    valid = filterset.is_valid() & paging.is_valid()
    return filterset, paging, ([] if valid else _errors(filterset.form, paging))


@require_GET
def operation_list(request):
    filterset, paging, errors = _filtered(request)
    context = {"filter": filterset, "paging": paging, "sorts": SORT_LABELS, "page_sizes": PAGE_SIZES}
    if errors:
        return render(request, "transparency/operation_list.html", {**context, "errors": errors}, status=400)
    number, size, sort = paging.values()
    page = selectors.page(filterset.qs, selectors.context(_language()), number=number, size=size, sort=sort)
    if not page.rows and number > 1:
        raise Http404
    filtered = filterset.is_filtered()
    counted = selectors.count(filterset.qs, filtered=filtered)
    context.update(
        page=page,
        count=counted,
        totals=selectors.list_totals(filterset.qs, filtered=filtered, counted=counted),
        sort=sort,
        size=size,
        query=request.GET.urlencode(),
        formats=exports.FORMATS,
        data_date=clock.today(),
    )
    template = "transparency/_operation_results.html" if request.htmx else "transparency/operation_list.html"
    return render(request, template, context)


@require_GET
def download(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    filterset, _paging, errors = _filtered(request)
    if errors:
        return render(request, "transparency/operation_list.html", {"errors": errors, "filter": filterset}, status=400)
    ctx = selectors.context(_language())
    queryset = filterset.qs
    name = exports.filename(fmt)
    if fmt == "xlsx":
        rows = selectors.published_rows(queryset, ctx)
        stream = tabular.xlsx_tempfile(rows, dictionary=exports.dictionary(ctx.language))
        return FileResponse(stream, as_attachment=True, filename=name, content_type=exports.FORMATS[fmt].content_type)
    if fmt == "360giving" and not queryset.exists():
        raise Http404
    response = StreamingHttpResponse(exports.stream(fmt, queryset, ctx), content_type=exports.FORMATS[fmt].content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
def data_dictionary(request):
    return render(request, "transparency/data_dictionary.html", {"fields": field_map.FIELDS})


@require_GET
def project(request, code):
    page = project_selectors.project_page(code, _language())
    if page is None:
        raise Http404
    return render(request, "transparency/project.html", {"p": page, "row": page.row})
