"""Points as exact decimals, stored as integer hundredths.

Consolidation averages and weighs points inside the database; with integers, half-up rounding can be written as
integer arithmetic that SQLite and PostgreSQL evaluate identically (see ``selectors.ranking``).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

HUNDREDTH = Decimal("0.01")
MAX_POINTS = Decimal("99999.99")


class PointsError(ValueError):
    """Points that cannot be read exactly (a float, a third decimal, not a number)."""


def parse_points(value) -> Decimal:
    if isinstance(value, float):
        raise PointsError("points are never floats")
    try:
        points = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise PointsError(f"not a number of points: {value!r}") from exc
    if not points.is_finite():
        raise PointsError(f"not a number of points: {value!r}")
    if points != points.quantize(HUNDREDTH, rounding=ROUND_HALF_UP):
        raise PointsError(f"points have at most two decimals: {value!r}")
    if abs(points) > MAX_POINTS:
        raise PointsError(f"too many points: {value!r}")
    return points.quantize(HUNDREDTH)


def to_hundredths(value) -> int:
    return int(parse_points(value) * 100)


def from_hundredths(value) -> Decimal | None:
    return None if value is None else Decimal(int(value)).scaleb(-2)


class PointsField(models.IntegerField):
    """Points with two decimals; the database holds integer hundredths, Python sees ``Decimal('23.50')``."""

    description = _("Points (two decimals)")

    def from_db_value(self, value, expression, connection):
        return from_hundredths(value)

    def to_python(self, value):
        if value is None or isinstance(value, Decimal):
            return value
        try:
            return parse_points(value)
        except PointsError as exc:
            raise ValidationError(_("Enter points with at most two decimals."), code="invalid") from exc

    def get_prep_value(self, value):
        if value is None or hasattr(value, "resolve_expression"):
            return value
        try:
            return to_hundredths(value)
        except PointsError as exc:
            raise ValidationError(_("Enter points with at most two decimals."), code="invalid") from exc

    def get_db_prep_value(self, value, connection, prepared=False):
        return value if prepared else self.get_prep_value(value)

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else str(value)

    @property
    def validators(self):
        # IntegerField's range validators would compare hundredths; parse_points bounds the value.
        return []
