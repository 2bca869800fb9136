# ruff: noqa: S608, S611  -- SQL is built from this module's constant names; user text is always a parameter.
"""Full-text search over the list of operations, with each database's own tools.

- PostgreSQL: a GIN index on the ``to_tsvector('simple', …)`` of the operation's texts (``simple``: the texts
  are in Dutch, French and English, so words are matched without language-specific stemming); words are
  matched as prefixes (``word:*``).
- SQLite: an FTS5 table over the same columns, kept current by triggers on ``projects_operation``
  (external content: the texts are not stored twice); words are matched as prefixes (``"word"*``).

Both are created by this app's migration; ``ensure()`` runs after every ``migrate`` because another app's
migration that rebuilds ``projects_operation`` on SQLite drops the triggers with the old table.

The index holds the beneficiary and the location, so that people can find operations by them. A row whose
beneficiary or location is withheld only matches on what is public (``match()`` checks it again on the
public columns), so a search can never reveal a withheld name or place.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from .withholding import RESTRICTED, name_visible_q

TABLE = "projects_operation"
FTS_TABLE = "transparency_operation_fts"
PG_INDEX = "transparency_operation_fts_v2"
OLD_PG_INDEXES = ("transparency_operation_fts_v1",)  # v1 did not fold accents

CODE_AND_TEXTS = ("code", "name", "name_nl", "name_fr", "name_en", "purpose", "purpose_nl", "purpose_fr", "purpose_en")
LOCATION = ("postcode", "location_text")
BENEFICIARY = ("beneficiary_name",)
ALL_COLUMNS = CODE_AND_TEXTS + BENEFICIARY + LOCATION

MAX_TERMS = 8
MAX_LENGTH = 200
WORD = re.compile(r"\w+", re.UNICODE)


class SearchError(ValueError):
    pass


def terms(text: str) -> list[str]:
    """The words to look for; refuses text without any letter or digit, or too long."""
    if len(text) > MAX_LENGTH:
        raise SearchError(f"at most {MAX_LENGTH} characters")
    words = [w.lower() for w in WORD.findall(text)]
    if not words:
        raise SearchError("no letter or digit to search for")
    return words[:MAX_TERMS]


# --- PostgreSQL ------------------------------------------------------------------------------------------

# Letters with diacritics fold to their base letter on both sides of a match ("taalcafe" finds "Taalcafé"), as
# SQLite's FTS5 tokenizer does by itself. ``translate`` is immutable, so the GIN index can hold the folded text
# (the ``unaccent`` extension would need a superuser and is not immutable).
_FOLDS = {
    "a": "àáâãäåāăą",
    "c": "çćč",
    "d": "ď",
    "e": "èéêëēėęě",
    "i": "ìíîïīį",
    "l": "ĺľł",
    "n": "ñńň",
    "o": "òóôõöøōő",
    "r": "ŕř",
    "s": "śšş",
    "t": "ť",
    "u": "ùúûüūůűų",
    "y": "ýÿ",
    "z": "źżž",
}
_ACCENTED_LOWER = "".join(_FOLDS.values())
_PLAIN_LOWER = "".join(base * len(letters) for base, letters in _FOLDS.items())
ACCENTED = _ACCENTED_LOWER + _ACCENTED_LOWER.upper()
PLAIN = _PLAIN_LOWER + _PLAIN_LOWER.upper()
FOLD = str.maketrans(ACCENTED, PLAIN)


def _pg_document(columns, qualified=True) -> str:
    prefix = f'"{TABLE}".' if qualified else ""
    joined = " || ' ' || ".join(f"COALESCE({prefix}\"{c}\", '')" for c in columns)
    return f"to_tsvector('simple'::regconfig, translate({joined}, '{ACCENTED}', '{PLAIN}'))"


def _pg_query(words) -> str:
    return " & ".join(f"{w.translate(FOLD)}:*" for w in words)


def _pg_match(columns, words):
    return RawSQL(f"{_pg_document(columns)} @@ to_tsquery('simple'::regconfig, %s)", [_pg_query(words)], BooleanField())


# --- SQLite ------------------------------------------------------------------------------------------------


def _fts_query(words, columns=None) -> str:
    phrase = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
    if columns is None:
        return phrase
    return "{" + " ".join(columns) + "} : (" + phrase + ")"


def _sqlite_match(columns, words):
    query = _fts_query(words, None if columns == ALL_COLUMNS else columns)
    return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [query]))


def _match(columns, words):
    if connection.vendor == "postgresql":
        return Q(_pg_match(columns, words))
    return _sqlite_match(columns, words)


def match(queryset, text: str, name_cutoff):
    """Operations whose public texts contain every word of ``text`` (as word prefixes). The queryset must carry
    the restriction flag (``withholding.with_restriction_flag``)."""
    words = terms(text)
    everything = _match(ALL_COLUMNS, words)
    restricted = Q(**{RESTRICTED: True})
    # A natural person's name is public only within its period; a legal entity's name always (unless restricted).
    name_public = Q(beneficiary_is_natural_person=False) | name_visible_q(name_cutoff)
    public_everything = ~restricted & name_public
    public_without_name = ~restricted & ~name_public
    return queryset.filter(everything).filter(
        public_everything
        | (public_without_name & _match(CODE_AND_TEXTS + LOCATION, words))
        | (restricted & _match(CODE_AND_TEXTS, words))
    )


# --- Installing the index ------------------------------------------------------------------------------------

_SQLITE_COLUMNS = ", ".join(ALL_COLUMNS)
_SQLITE_NEW = ", ".join(f"new.{c}" for c in ALL_COLUMNS)
_SQLITE_OLD = ", ".join(f"old.{c}" for c in ALL_COLUMNS)
SQLITE_TRIGGERS = {
    f"{FTS_TABLE}_ai": f"AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {_SQLITE_COLUMNS}) VALUES (new.id, {_SQLITE_NEW}); END",
    f"{FTS_TABLE}_ad": f"AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_SQLITE_COLUMNS}) VALUES ('delete', old.id, {_SQLITE_OLD}); END",
    f"{FTS_TABLE}_au": f"AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_SQLITE_COLUMNS}) VALUES ('delete', old.id, {_SQLITE_OLD}); "
    f"INSERT INTO {FTS_TABLE}(rowid, {_SQLITE_COLUMNS}) VALUES (new.id, {_SQLITE_NEW}); END",
}

# Indexes for the sort orders of the public list (the code already has its unique index).
SORT_INDEXES = {
    "transparency_op_start": "start_date, code",
    "transparency_op_total_cost": "total_cost, code",
    "transparency_op_eu": "eu_contribution, code",
    "transparency_op_end": "end_date, code",
}


def _existing_triggers(cursor) -> set[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
    return {row[0] for row in cursor.fetchall()}


def install(conn=None) -> None:
    conn = conn or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            for old in OLD_PG_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {old}")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {TABLE} USING GIN ({_pg_document(ALL_COLUMNS, False)})"
            )
        elif conn.vendor == "sqlite":
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_SQLITE_COLUMNS}, "
                f"content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
            )
            present = _existing_triggers(cursor)
            for name, body in SQLITE_TRIGGERS.items():
                if name not in present:
                    cursor.execute(f"CREATE TRIGGER {name} {body}")
            if present != set(SQLITE_TRIGGERS):
                # Rows written while the triggers were missing are not indexed: index everything again.
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        for name, columns in SORT_INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} ({columns})")


def uninstall(conn=None) -> None:
    conn = conn or connection
    with conn.cursor() as cursor:
        for name in SORT_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        if conn.vendor == "postgresql":
            for name in (PG_INDEX, *OLD_PG_INDEXES):
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        elif conn.vendor == "sqlite":
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def ensure(**kwargs) -> None:
    """``post_migrate``: put back what a rebuild of ``projects_operation`` may have removed."""
    using = kwargs.get("using", "default")
    from django.db import connections

    conn = connections[using]
    if TABLE in conn.introspection.table_names():
        install(conn)
