"""The list of operations (live or a publication snapshot) as CSV from Python rows, XLSX and JSON — all
streamed: rows come from the database in chunks and leave at once (XLSX is assembled in a temporary file,
never in memory).

Columns are the field map's keys in every format, so a CSV, an XLSX and a JSON file of the same data line up
column for column; the data dictionary explains each key in three languages.
"""

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder

from subsidia.core.exports import Column, csv_lines, neutralise

from .. import fields as field_map
from ..fields import Kind

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def columns(keys: list[str] | None = None) -> list[Column]:
    return [Column(key, key) for key in (keys or field_map.PUBLISHED_KEYS)]


def csv_chunks(rows: Iterable[dict], *, delimiter: str = ",", keys=None, bom: bool = False) -> Iterator[bytes]:
    """CSV from rows already published (snapshots); ``core.exports`` neutralises formulas."""
    if bom:
        yield "\ufeff".encode()
    buffer = []
    for line in csv_lines(columns(keys), rows, delimiter=delimiter):
        buffer.append(line)
        if len(buffer) >= 2000:
            yield "".join(buffer).encode()
            buffer = []
    if buffer:
        yield "".join(buffer).encode()


def _xlsx_value(value, kind: Kind, sheet):
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return None
    if kind == Kind.MONEY:
        cell = WriteOnlyCell(sheet, value=Decimal(value))
        cell.number_format = "#,##0.00"
        return cell
    if kind == Kind.RATE:
        cell = WriteOnlyCell(sheet, value=Decimal(value))
        cell.number_format = "0.0000"
        return cell
    if kind == Kind.DATE:
        return dt.date.fromisoformat(value) if isinstance(value, str) else value
    if kind == Kind.BOOL:
        return bool(value)
    return neutralise(str(value))


def write_xlsx(path: str, rows: Iterable[dict], *, keys=None, dictionary: list[tuple] | None = None, progress=None):
    """An XLSX workbook in openpyxl's write-only mode: sheet "operations" (keys as header) and, when given, a
    sheet "fields" with the data dictionary."""
    from openpyxl import Workbook

    keys = keys or field_map.PUBLISHED_KEYS
    kinds = [field_map.BY_KEY[key].kind if key in field_map.BY_KEY else Kind.TEXT for key in keys]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("operations")
    sheet.append(keys)
    for row in rows:
        sheet.append([_xlsx_value(row.get(key), kind, sheet) for key, kind in zip(keys, kinds, strict=True)])
        if progress:
            progress()
    if dictionary:
        fields_sheet = workbook.create_sheet("fields")
        for line in dictionary:
            fields_sheet.append([neutralise(str(cell)) for cell in line])
    workbook.save(path)


def xlsx_tempfile(rows: Iterable[dict], **kwargs):
    """The workbook in a temporary file, opened for reading; the file is gone once the handle is closed."""
    handle, path = tempfile.mkstemp(prefix="subsidia-operations-", suffix=".xlsx")
    os.close(handle)
    try:
        write_xlsx(path, rows, **kwargs)
        stream = open(path, "rb")  # noqa: SIM115 - closed by the response that streams it
    finally:
        # Unlinked at once: the open handle keeps the data readable until the response closes it.
        os.unlink(path)
    return stream


class _Encoder(DjangoJSONEncoder):
    """Amounts and rates as decimal strings (never floats), dates in ISO form."""

    def default(self, o):
        if isinstance(o, Decimal):
            return str(o)
        return super().default(o)


def json_chunks(rows: Iterable[dict], meta: dict, *, keys=None) -> Iterator[bytes]:
    """``{"meta": {...}, "fields": [...], "operations": [{...}, ...]}``, one operation at a time."""
    keys = keys or field_map.PUBLISHED_KEYS
    head = json.dumps({"meta": meta, "fields": keys}, cls=_Encoder, ensure_ascii=False)
    yield (head[:-1] + ', "operations": [').encode()
    first = True
    buffer = []
    for row in rows:
        text = json.dumps({key: row.get(key) for key in keys}, cls=_Encoder, ensure_ascii=False)
        buffer.append(text if first else "," + text)
        first = False
        if len(buffer) >= 1000:
            yield "".join(buffer).encode()
            buffer = []
    buffer.append("]}")
    yield "".join(buffer).encode()
