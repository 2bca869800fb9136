import datetime as dt
from decimal import Decimal

from subsidia.core import formatting


def _plain(text):
    return text.replace("\u202f", " ").replace("\xa0", " ")


def test_amounts_follow_cldr_per_language():
    amount = Decimal("1234567.50")
    assert _plain(formatting.money(amount, "nl")) == "€ 1.234.567,50"
    assert _plain(formatting.money(amount, "fr")) == "1 234 567,50 €"
    assert formatting.money(amount, "en") == "€1,234,567.50"


def test_rates_are_shown_as_percentages():
    assert _plain(formatting.percent(Decimal("0.75"), "nl")) == "75,00 %"
    assert _plain(formatting.percent(Decimal("0.9"), "en", decimals=0)) == "90 %"


def test_dates_are_local_and_translated():
    assert formatting.date(dt.date(2026, 11, 24), "nl") == "24 nov 2026"
    assert formatting.date(dt.date(2026, 11, 24), "fr") == "24 nov. 2026"
    # An instant late on 30 June UTC is already 1 July in Brussels.
    assert formatting.date(dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC), "en") == "Jul 1, 2026"
