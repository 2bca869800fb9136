"""One canonical JSON form (RFC 8785) and its SHA-256, for content hashes and the audit chain."""

import datetime as dt
import hashlib
from decimal import Decimal

import rfc8785


def jsonable(value):
    """Turn model values into JSON values: decimals and dates become strings, so hashing is exact."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, float):
        # Floats do not belong in hashed content; keep the exact text of the value.
        return repr(value)
    if hasattr(value, "pk"):
        return value.pk
    return str(value)


def canonical_json(value) -> str:
    """RFC 8785 canonical text of ``value`` (after ``jsonable``)."""
    return rfc8785.dumps(jsonable(value)).decode("utf-8")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(value) -> str:
    return sha256_text(canonical_json(value))
