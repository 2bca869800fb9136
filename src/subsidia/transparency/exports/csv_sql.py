# ruff: noqa: S608  -- SQL is built from the field map's constant aliases; values are always parameters.
"""The list of operations as CSV, written by the database itself.

The rows are the field map's published values (the same query as every other output), turned into CSV text:
amounts as exact decimals from integer cents, rates with four decimals, dates in ISO form, and every text that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return prefixed with an apostrophe so that
spreadsheets never run it (the rule of ``core.exports``). PostgreSQL does all of it: an outer SELECT formats
in SQL and ``COPY … TO STDOUT`` writes the CSV. SQLite hands over the raw published values, which Python formats
by the same rules and ``csv.writer`` writes. Either way the rows stream through in blocks, so memory stays flat
at any size.

Empty texts are written as empty cells, never as ``""``, so both databases give the same cells; rows end in CRLF
from Python's writer (RFC 4180) and in LF from ``COPY``, which cannot do otherwise.
"""

import csv
import functools
import io
from collections.abc import Iterator

from django.db import connection, transaction

from subsidia.core.exports import FORMULA_PREFIXES

from .. import fields as field_map
from ..fields import Kind

DELIMITERS = (",", ";")
BLOCK_ROWS = 5000


# First characters that make a spreadsheet run a cell, as code points (``ascii()`` of a text in PostgreSQL).
_FORMULA_CODES = ", ".join(str(ord(prefix)) for prefix in FORMULA_PREFIXES)
# Every formula character is at or below this code point: texts starting above it (letters, most often) are
# written as they are after one comparison.
_ABOVE_FORMULAS = max(ord(prefix) for prefix in FORMULA_PREFIXES)


def cell_sql(column: str, kind: Kind, decimal_separator: str) -> str:
    """PostgreSQL that turns one published value into its CSV text (``%`` doubled: the query takes
    parameters). Every expression is cheap on purpose: it runs once per cell, millions of times."""
    if kind == Kind.MONEY:
        # Integer cents times 0.01 is an exact numeric with two decimals: "1234.50".
        money = f"({column} * 0.01)::text"
        return money if decimal_separator == "." else f"replace({money}, '.', '{decimal_separator}')"
    if kind == Kind.RATE:
        rate = f"CAST({column} AS numeric(5, 4))::text"
        return rate if decimal_separator == "." else f"replace({rate}, '.', '{decimal_separator}')"
    if kind == Kind.DATE:
        return f"{column}::text"  # ISO 8601: ``_copy_out`` sets DateStyle for the export's transaction
    if kind == Kind.BOOL:
        return f"CASE WHEN {column} THEN 'true' ELSE 'false' END"
    # ascii('') is 0: an empty text becomes an empty cell (NULL), never "".
    return (
        f"CASE WHEN ascii({column}) > {_ABOVE_FORMULAS} THEN {column} "
        f"WHEN ascii({column}) IN ({_FORMULA_CODES}) THEN chr(39) || {column} "
        f"WHEN ascii({column}) = 0 THEN NULL ELSE {column} END"
    )


def select_sql(queryset, ctx: field_map.Context, *, delimiter: str = ",") -> tuple[str, list]:
    """The SELECT whose rows are the CSV cells, ordered by operation code, with its parameters.

    The published values come from a subquery behind ``OFFSET 0``, which PostgreSQL never merges into the
    outer query: merged, every reference to a value in the formatting would compute it again (the withholding
    and the composed texts twice per text cell). The subquery keeps its order by code, read from the code's
    index, so the formatted rows need no sort."""
    decimal_separator = "," if delimiter == ";" else "."
    inner = queryset.order_by("code").values(**field_map.expressions(ctx))
    inner_sql, params = inner.query.sql_with_params()
    cells = ", ".join(cell_sql(f't."{f.alias}"', f.kind, decimal_separator) for f in field_map.PUBLISHED)
    code = field_map.BY_KEY["unique_operation_code"].alias
    return f'SELECT {cells} FROM ({inner_sql} OFFSET 0) t ORDER BY t."{code}"', list(params)


def header_line(delimiter: str = ",") -> str:
    buffer = io.StringIO()
    line_end = "\n" if connection.vendor == "postgresql" else "\r\n"
    csv.writer(buffer, delimiter=delimiter, lineterminator=line_end).writerow(field_map.PUBLISHED_KEYS)
    return buffer.getvalue()


def csv_chunks(queryset, ctx: field_map.Context, *, delimiter: str = ",", bom: bool = False) -> Iterator[bytes]:
    """The CSV file (one header row, then one row per operation) as blocks of UTF-8 bytes."""
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS}")
    yield (("\ufeff" if bom else "") + header_line(delimiter)).encode()
    if connection.vendor == "postgresql":
        sql, params = select_sql(queryset, ctx, delimiter=delimiter)
        yield from _copy_out(sql, params, delimiter)
    else:
        yield from _cursor_out(queryset, ctx, delimiter)


def _copy_out(sql: str, params: list, delimiter: str) -> Iterator[bytes]:
    copy_sql = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, DELIMITER '{delimiter}')"
    with transaction.atomic(), connection.cursor() as cursor:
        # Dates as text are ISO 8601 only in this style, whatever the server's default.
        cursor.execute("SET LOCAL DateStyle TO 'ISO, YMD'")
        with cursor.cursor.copy(copy_sql, params) as copy:
            for block in copy:
                yield bytes(block)


def _cursor_out(queryset, ctx, delimiter: str) -> Iterator[bytes]:
    """SQLite evaluates an expression again for every reference to it, so formatting in SQL would compute the
    withholding twice; the raw published values are formatted here instead, by the same rules."""
    inner = queryset.order_by("code").values(**field_map.expressions(ctx))
    inner_sql, params = inner.query.sql_with_params()
    # Unary plus drops the declared type, so the driver hands dates over as text instead of parsing them.
    columns = ", ".join(f'+t."{f.alias}"' if f.kind == Kind.DATE else f't."{f.alias}"' for f in field_map.PUBLISHED)
    sql = f"SELECT {columns} FROM ({inner_sql}) t"
    format_rows = row_formatter("," if delimiter == ";" else ".")
    buffer = io.StringIO()
    # CRLF (RFC 4180), as core.exports: Python's writer then also quotes a text holding a lone carriage return.
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        while rows := cursor.fetchmany(BLOCK_ROWS):
            writer.writerows(format_rows(rows))
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()


def row_formatter(decimal_separator: str):
    """Rows of raw published values (SQLite: money in integer cents, rates as numbers, dates as text, flags as
    0/1) to CSV cells, by the rules of ``cell_sql``.

    The function is generated from the field map's kinds, one expression per column, because a loop over the
    columns of every row costs about twice as much at this volume; the source only ever comes from the kinds."""
    cells = []
    for i, field in enumerate(field_map.PUBLISHED):
        value = f"r[{i}]"
        if field.kind == Kind.TEXT:
            cells.append(f"(({QUOTE} + {value} if {value}[0] in PREFIXES else {value}) if {value} else None)")
        elif field.kind == Kind.MONEY:
            # Integer cents (core.fields.MoneyField): exact, never through a float.
            cells.append(f"MONEY % divmod({value}, 100)")
        elif field.kind == Kind.RATE:
            cells.append(f"(None if {value} is None else RATE({value}))")
        elif field.kind == Kind.BOOL:
            cells.append(f"('true' if {value} else 'false')")
        else:
            cells.append(value)
    source = "lambda rows: [(" + ", ".join(cells) + ",) for r in rows]"
    names = {
        "PREFIXES": "".join(FORMULA_PREFIXES),
        "MONEY": "%d" + decimal_separator + "%02d",
        # Few distinct rates: remembering their text saves formatting a number on every row.
        "RATE": functools.lru_cache(maxsize=1024)(lambda rate: f"{rate:.4f}".replace(".", decimal_separator)),
    }
    return eval(source, {"__builtins__": {"divmod": divmod}, **names})  # noqa: S307 - built from constants only


QUOTE = repr("'")
