"""The central check for input that cannot be stored as given."""

import re

_SURROGATE = re.compile("[\ud800-\udfff]")


def find_unstorable(value) -> str | None:
    """Name the first unstorable character found in a string or nested JSON value, or None."""
    if isinstance(value, str):
        if "\x00" in value:
            return "NUL"
        if _SURROGATE.search(value):
            return "lone surrogate"
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            if found := find_unstorable(key) or find_unstorable(item):
                return found
    if isinstance(value, list):
        for item in value:
            if found := find_unstorable(item):
                return found
    return None
