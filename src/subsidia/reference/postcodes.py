"""Belgian postcodes to NUTS areas, and the enterprise-number check."""

import re

from .models import NutsArea, PostcodeRange

ENTERPRISE_NUMBER = re.compile(r"^[01]\d{9}$")


def nuts_for_postcode(postcode: str) -> NutsArea | None:
    """The NUTS 2 area of a Belgian postcode, or None when it cannot be placed (ask rather than guess)."""
    digits = (postcode or "").strip()
    if not (digits.isdigit() and len(digits) == 4):
        return None
    found = PostcodeRange.objects.filter(first__lte=int(digits), last__gte=int(digits)).select_related("nuts").first()
    return found.nuts if found else None


def normalise_enterprise_number(value: str) -> str:
    return re.sub(r"[\s.\-]", "", (value or "").upper().removeprefix("BE"))


def is_valid_enterprise_number(value: str) -> bool:
    """KBO/BCE: ten digits starting with 0 or 1; the last two equal 97 - (first eight mod 97)."""
    number = normalise_enterprise_number(value)
    if not ENTERPRISE_NUMBER.match(number):
        return False
    return 97 - int(number[:8]) % 97 == int(number[8:])


def format_enterprise_number(value: str) -> str:
    number = normalise_enterprise_number(value)
    return f"{number[:4]}.{number[4:7]}.{number[7:]}" if len(number) == 10 else value
