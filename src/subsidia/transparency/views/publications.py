"""Published snapshots of the list: every one stays downloadable with its date of last update, and a page shows
what changed since the publication before it."""

from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..exports import tabular
from ..forms import ListForm
from ..models import SnapshotRow
from ..selectors import publications as selectors

DOWNLOADS = ("csv", "csv-semicolon", "xlsx", "json")
CHANGE_KINDS = ("added", "removed", "changed")
PAGE_SIZE = 50


def _snapshot(number):
    snap = selectors.snapshot(number)
    if snap is None:
        raise Http404
    return snap


@require_GET
def publication_list(request):
    return render(
        request,
        "transparency/publication_list.html",
        {"snapshots": selectors.snapshots()[:200], "status": selectors.publication_status()},
    )


@require_GET
def publication_detail(request, number):
    snap = _snapshot(number)
    kind = request.GET.get("show", "added")
    paging = ListForm({"page": request.GET.get("page")})
    if kind not in CHANGE_KINDS or not paging.is_valid():
        return render(
            request,
            "transparency/publication_detail.html",
            {"snapshot": snap, "errors": [f"show: {', '.join(CHANGE_KINDS)}", *paging.errors.get("page", [])]},
            status=400,
        )
    changes = selectors.changes(snap)
    number_of_page = paging.cleaned_data.get("page") or 1
    offset = (number_of_page - 1) * PAGE_SIZE
    rows = list(getattr(changes, kind)[offset : offset + PAGE_SIZE + 1])
    if not rows and number_of_page > 1:
        raise Http404
    shown = rows[:PAGE_SIZE]
    befores = SnapshotRow.objects.in_bulk([row.previous_id for row in shown]) if kind == "changed" else {}
    items = [_item(kind, row, befores.get(getattr(row, "previous_id", None))) for row in shown]
    context = {
        "snapshot": snap,
        "changes": changes,
        "counts": {k: getattr(changes, k).count() for k in CHANGE_KINDS},
        "kind": kind,
        "items": items,
        "page_number": number_of_page,
        "has_next": len(rows) > PAGE_SIZE,
        "downloads": DOWNLOADS,
    }
    return render(request, "transparency/publication_detail.html", context)


def _item(kind, row, before):
    data = selectors.as_published(row)
    item = {"code": row.code, "data": data, "row": row}
    if before is not None:
        item["fields"] = selectors.field_changes(row, before)
        item["delta_total_cost"] = row.total_cost - row.previous_total_cost
        item["delta_eu"] = row.eu_contribution - row.previous_eu_contribution
    return item


@require_GET
def publication_download(request, number, fmt):
    if fmt not in DOWNLOADS:
        raise Http404
    snap = _snapshot(number)
    rows = selectors.rows(snap)
    extension = "semicolon.csv" if fmt == "csv-semicolon" else fmt
    name = f"list-of-operations-{snap.data_date.isoformat()}-n{snap.number}.{extension}"
    if fmt == "xlsx":
        stream = tabular.xlsx_tempfile(rows, keys=snap.field_keys)
        return FileResponse(stream, as_attachment=True, filename=name, content_type=tabular.XLSX_CONTENT_TYPE)
    if fmt == "json":
        meta = {
            "title": "List of operations (CPR art. 49(3))",
            "publication": snap.number,
            "data_date": snap.data_date.isoformat(),
            "published_at": snap.published_at.isoformat(),
            "withheld_data_removed_at": snap.redacted_at.isoformat() if snap.redacted_at else None,
            "language": snap.language,
        }
        body, content_type = tabular.json_chunks(rows, meta, keys=snap.field_keys), "application/json"
    else:
        delimiter = ";" if fmt == "csv-semicolon" else ","
        body = tabular.csv_chunks(rows, delimiter=delimiter, keys=snap.field_keys, bom=delimiter == ";")
        content_type = "text/csv; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
