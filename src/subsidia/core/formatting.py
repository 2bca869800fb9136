"""Numbers, amounts and dates in the user's language, from CLDR data through Babel."""

import datetime as dt
from decimal import Decimal

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.conf import settings
from django.utils import translation

from . import clock


def cldr_locale(language: str | None = None) -> str:
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return settings.SUBSIDIA_CLDR_LOCALES.get(language, "en")


def money(amount, language: str | None = None, currency: str = "EUR") -> str:
    if amount is None or amount == "":
        return ""
    return babel_numbers.format_currency(Decimal(amount), currency, locale=cldr_locale(language))


def number(value, language: str | None = None, decimals: int | None = None) -> str:
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if decimals is not None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return babel_numbers.format_decimal(value, format=pattern, locale=cldr_locale(language))
    return babel_numbers.format_decimal(value, locale=cldr_locale(language))


def percent(rate, language: str | None = None, decimals: int = 2) -> str:
    """A rate (0.75) as a percentage (75,00 %)."""
    if rate is None or rate == "":
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + " %"
    return babel_numbers.format_percent(Decimal(rate), format=pattern, locale=cldr_locale(language))


def date(value, language: str | None = None, format: str = "medium") -> str:
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = clock.to_local(value).date()
    return babel_dates.format_date(value, format=format, locale=cldr_locale(language))


def datetime(value, language: str | None = None, format: str = "medium") -> str:
    if not value:
        return ""
    return babel_dates.format_datetime(
        clock.to_local(value), format=format, tzinfo=clock.BRUSSELS, locale=cldr_locale(language)
    )
