"""Model fields for money and rates."""

from decimal import Decimal

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .money import MAX_AMOUNT, AmountError, from_cents, parse_amount, to_cents


class MoneyField(models.BigIntegerField):
    """Euros to the cent, stored as integer cents; Python sees ``Decimal('1234.56')``.

    Integer storage makes ``Sum()`` exact on SQLite (which would otherwise add REALs) and PostgreSQL alike.
    Lookups, CHECK constraints and aggregates convert transparently.
    """

    description = _("Amount in euro")

    def from_db_value(self, value, expression, connection):
        return None if value is None else from_cents(value)

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        try:
            return parse_amount(value)
        except AmountError as exc:
            raise ValidationError(_("Enter an amount in euro with at most two decimals."), code="invalid") from exc

    def get_prep_value(self, value):
        if value is None:
            return None
        if hasattr(value, "resolve_expression"):
            return value
        try:
            return to_cents(value)
        except AmountError as exc:
            raise ValidationError(_("Enter an amount in euro with at most two decimals."), code="invalid") from exc

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.DecimalField,
            "max_digits": 14,
            "decimal_places": 2,
            "min_value": Decimal("0.00"),
            "max_value": MAX_AMOUNT,
        }
        defaults.update(kwargs)
        return models.Field.formfield(self, **defaults)

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    @property
    def validators(self):
        # BigIntegerField's range validators compare against cents; amounts are checked by parse_amount.
        return [
            v
            for v in super().validators
            if not isinstance(v, validators.MinValueValidator | validators.MaxValueValidator)
        ]


class RateField(models.DecimalField):
    """A rate as a decimal fraction between 0 and 1 with four decimals (0.7500 = 75 %)."""

    description = _("Rate (fraction)")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 5)
        kwargs.setdefault("decimal_places", 4)
        kwargs.setdefault(
            "validators", [validators.MinValueValidator(Decimal("0")), validators.MaxValueValidator(Decimal("1"))]
        )
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, default in (("max_digits", 5), ("decimal_places", 4)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        kwargs.pop("validators", None)
        return name, path, args, kwargs
