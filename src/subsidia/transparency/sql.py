"""SQL expressions the field map needs that Django does not ship, written once for SQLite and PostgreSQL."""

from django.db.models import CharField, Func


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
