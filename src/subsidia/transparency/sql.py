"""SQL expressions the field map needs that Django does not ship, written once for SQLite and PostgreSQL."""

from django.db.models import CharField, DateField, Func


class JoinNonEmpty(Func):
    """The non-empty parts joined by ``separator`` (NULL when every part is empty), like ``concat_ws`` but
    also skipping empty strings and available on SQLite before 3.44."""

    output_field = CharField()

    def __init__(self, separator: str, *expressions):
        super().__init__(*expressions)
        self.separator = separator

    def as_sql(self, compiler, connection, **extra_context):
        pieces, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            # ``separator || NULL`` is NULL on both databases, so an empty part adds nothing.
            pieces.append(f"COALESCE(%s || NULLIF({sql}, ''), '')")
            params.extend([self.separator, *expression_params])
        joined = " || ".join(pieces)
        return f"NULLIF(SUBSTR({joined}, {len(self.separator) + 1}), '')", params


class BrusselsDate(Func):
    """The calendar date in Brussels of a UTC timestamp, computed by the database itself.

    PostgreSQL converts with its time zone data. SQLite has none, so the EU rule is written out (in force since
    1996): summer time (UTC+2) from the last Sunday of March, 01:00 UTC, to the last Sunday of October, 01:00
    UTC; UTC+1 otherwise. Django's own conversion on SQLite calls Python for every row, which is what made the
    export slow. A test compares both with ``zoneinfo`` over many instants."""

    output_field = DateField()

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"(({sql}) AT TIME ZONE 'Europe/Brussels')::date", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        year = f"substr({sql}, 1, 4)"
        start = f"date({year} || '-03-25', 'weekday 0') || ' 01:00:00'"
        end = f"date({year} || '-10-25', 'weekday 0') || ' 01:00:00'"
        return (
            f"CASE WHEN {sql} IS NULL THEN NULL WHEN {sql} >= {start} AND {sql} < {end} "
            f"THEN date({sql}, '+2 hours') ELSE date({sql}, '+1 hour') END",
            params * 6,
        )
