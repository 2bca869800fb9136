# ruff: noqa: S608  -- SQL is built from the field map's constant aliases; values are always parameters.
"""The list of operations as CSV, written by the database itself.

The rows are the field map's published values (the same query as every other output); an outer SELECT turns
them into CSV text in SQL — amounts as exact decimals from integer cents, rates with four decimals, dates in
ISO form, and every text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return prefixed with
an apostrophe so that spreadsheets never run it (the rule of ``core.exports``). PostgreSQL writes the CSV with
``COPY … TO STDOUT``; on SQLite the rows go through ``csv.writer``. Either way the rows stream through in
blocks, so memory stays flat at any size.

Empty texts are written as empty cells (``NULLIF``), never as ``""``, so the file is the same on both databases.
"""

import csv
import io
from collections.abc import Iterator

from django.db import connection

from subsidia.core.exports import FORMULA_PREFIXES

from .. import fields as field_map
from ..fields import Kind

DELIMITERS = (",", ";")
BLOCK_ROWS = 5000


def _char(code: int, vendor: str) -> str:
    return f"chr({code})" if vendor == "postgresql" else f"char({code})"


def _prefix_list(vendor: str) -> str:
    items = []
    for prefix in FORMULA_PREFIXES:
        items.append(_char(ord(prefix), vendor) if not prefix.isprintable() else "'" + prefix.replace("'", "''") + "'")
    return ", ".join(items)


def cell_sql(column: str, kind: Kind, vendor: str, decimal_separator: str) -> str:
    """SQL that turns one published value into its CSV text (``%`` doubled: the query takes parameters)."""
    sep = "'" + decimal_separator + "'"
    if kind == Kind.MONEY:
        if vendor == "postgresql":
            return f"({column} / 100)::text || {sep} || lpad(({column} %% 100)::text, 2, '0')"
        return f"({column} / 100) || {sep} || substr('0' || ({column} %% 100), -2)"
    if kind == Kind.RATE:
        if vendor == "postgresql":
            return f"replace(CAST({column} AS numeric(5, 4))::text, '.', {sep})"
        return f"replace(printf('%%.4f', {column}), '.', {sep})"
    if kind == Kind.DATE:
        return f"to_char({column}, 'YYYY-MM-DD')" if vendor == "postgresql" else column
    if kind == Kind.BOOL:
        return f"CASE WHEN {column} THEN 'true' ELSE 'false' END"
    return (
        f"CASE WHEN substr({column}, 1, 1) IN ({_prefix_list(vendor)}) THEN '''' || {column} "
        f"ELSE NULLIF({column}, '') END"
    )


def select_sql(queryset, ctx: field_map.Context, *, delimiter: str = ",") -> tuple[str, list]:
    """The SELECT whose rows are the CSV cells, ordered by operation code, with its parameters."""
    vendor = connection.vendor
    decimal_separator = "," if delimiter == ";" else "."
    inner = queryset.order_by().values(**field_map.expressions(ctx))
    inner_sql, params = inner.query.sql_with_params()
    cells = ", ".join(cell_sql(f't."{f.alias}"', f.kind, vendor, decimal_separator) for f in field_map.PUBLISHED)
    code = field_map.BY_KEY["unique_operation_code"].alias
    return f'SELECT {cells} FROM ({inner_sql}) t ORDER BY t."{code}"', list(params)


def header_line(delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerow(field_map.PUBLISHED_KEYS)
    return buffer.getvalue()


def csv_chunks(queryset, ctx: field_map.Context, *, delimiter: str = ",", bom: bool = False) -> Iterator[bytes]:
    """The CSV file (one header row, then one row per operation) as blocks of UTF-8 bytes."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS}")
    sql, params = select_sql(queryset, ctx, delimiter=delimiter)
    yield (("\ufeff" if bom else "") + header_line(delimiter)).encode()
    if connection.vendor == "postgresql":
        yield from _copy_out(sql, params, delimiter)
    else:
        yield from _cursor_out(sql, params, delimiter)


def _copy_out(sql: str, params: list, delimiter: str) -> Iterator[bytes]:
    copy_sql = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, DELIMITER '{delimiter}')"
    with connection.cursor() as cursor, cursor.cursor.copy(copy_sql, params) as copy:
        for block in copy:
            yield bytes(block)


def _cursor_out(sql: str, params: list, delimiter: str) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(BLOCK_ROWS):
            writer.writerows(rows)
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
