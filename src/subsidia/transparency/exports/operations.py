"""Every download of the live list of operations, by format: the page, the API and ``subsidia
export_operations`` use these, so a file is the same wherever it comes from."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils import translation

from subsidia.core import clock

from .. import fields as field_map
from ..selectors import operations as selectors
from . import csv_sql, giving360, tabular


@dataclass(frozen=True)
class Format:
    key: str
    extension: str
    content_type: str


FORMATS = {
    "csv": Format("csv", "csv", "text/csv; charset=utf-8"),
    # For spreadsheet programs in Belgian locales: ";" between cells, decimal commas, a BOM so UTF-8 is read.
    "csv-semicolon": Format("csv-semicolon", "semicolon.csv", "text/csv; charset=utf-8"),
    "xlsx": Format("xlsx", "xlsx", tabular.XLSX_CONTENT_TYPE),
    "json": Format("json", "json", "application/json"),
    "360giving": Format("360giving", "360giving.json", "application/json"),
}


def filename(fmt: str, stem: str = "list-of-operations") -> str:
    return f"{stem}-{clock.today().isoformat()}.{FORMATS[fmt].extension}"


def dictionary(language: str) -> list[tuple]:
    """The data dictionary as rows (key, label, meaning, legal basis) in ``language``."""
    with translation.override(language):
        rows = [("key", "label", "meaning", "legal_basis")]
        rows += [(f.key, str(f.label), str(f.meaning), f.legal_basis) for f in field_map.PUBLISHED]
    return rows


def meta(ctx: field_map.Context) -> dict:
    return {
        "title": "List of operations (CPR art. 49(3))",
        "data_date": clock.today().isoformat(),
        "generated_at": clock.now().replace(microsecond=0).isoformat(),
        "language": ctx.language,
        "dictionary": "/list-of-operations/data-dictionary/",
    }


def stream(
    fmt: str, queryset, ctx: field_map.Context, progress: Callable[[int], None] | None = None
) -> Iterator[bytes]:
    """The file in blocks of bytes (every format but XLSX, which needs a file: see ``write``)."""
    if fmt in ("csv", "csv-semicolon"):
        delimiter = ";" if fmt == "csv-semicolon" else ","
        for block in csv_sql.csv_chunks(queryset, ctx, delimiter=delimiter, bom=fmt == "csv-semicolon"):
            if progress:
                progress(block.count(b"\n"))
            yield block
        return
    rows = _counted(selectors.published_rows(queryset, ctx), progress)
    if fmt == "json":
        yield from tabular.json_chunks(rows, meta(ctx))
    elif fmt == "360giving":
        yield from giving360.package_chunks(rows)
    else:
        raise ValueError(f"no stream for {fmt}")


def _counted(rows, progress):
    for row in rows:
        if progress:
            progress(1)
        yield row


def write(fmt: str, path: str, queryset, ctx: field_map.Context, progress=None) -> None:
    if fmt == "xlsx":
        rows = _counted(selectors.published_rows(queryset, ctx), progress)
        tabular.write_xlsx(path, rows, dictionary=dictionary(ctx.language))
        return
    with open(path, "wb") as out:
        for block in stream(fmt, queryset, ctx, progress):
            out.write(block)
