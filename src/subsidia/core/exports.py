"""Tabular exports (CSV with ``,`` or ``;``, XLSX), streamed, with spreadsheet formulas neutralised.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula
by a spreadsheet; it is prefixed with an apostrophe. Numbers stay numbers.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.http import StreamingHttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    label: str


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return neutralise(value if isinstance(value, str) else str(value))


class _Echo:
    def write(self, value):
        return value


def csv_lines(columns: list[Column], rows: Iterable[dict], *, delimiter: str = ",") -> Iterator[str]:
    """CSV text, one line at a time. The ``;`` variant writes decimal commas, as Belgian spreadsheets expect."""
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator="\r\n")
    yield writer.writerow([c.label for c in columns])
    for row in rows:
        cells = []
        for c in columns:
            value = row.get(c.key)
            if delimiter == ";" and isinstance(value, Decimal):
                cells.append(str(value).replace(".", ","))
            else:
                cells.append(_csv_cell(value))
        yield writer.writerow(cells)


def csv_response(filename: str, columns, rows, *, delimiter: str = ",") -> StreamingHttpResponse:
    def body():
        yield "\ufeff"  # a BOM, so spreadsheet programs read UTF-8
        yield from csv_lines(columns, rows, delimiter=delimiter)

    response = StreamingHttpResponse(body(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_bytes(sheets: list[tuple[str, list[Column], Iterable[dict]]], *, header_rows=None) -> bytes:
    """An XLSX workbook written in openpyxl's write-only mode (rows stream through, memory stays flat)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        for line in (header_rows or {}).get(title, []):
            sheet.append([neutralise(x) for x in line])
        header = []
        for c in columns:
            cell = WriteOnlyCell(sheet, value=str(c.label))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            values = []
            for c in columns:
                value = row.get(c.key)
                if isinstance(value, Decimal):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = "#,##0.00" if value.as_tuple().exponent == -2 else "0.0000"
                    value = cell
                elif isinstance(value, dt.datetime):
                    value = value.replace(tzinfo=None)
                elif isinstance(value, str):
                    value = neutralise(value)
                elif value is not None and not isinstance(value, int | float | dt.date):
                    value = neutralise(str(value))
                values.append(value)
            sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename: str, sheets, **kwargs):
    from django.http import HttpResponse

    response = HttpResponse(xlsx_bytes(sheets, **kwargs), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
