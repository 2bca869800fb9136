"""What every projects service shares: permission checks, transition tables, clean input, the figures of an
operation as they appear in audit events."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.money import AmountError, parse_amount

from ..models import Operation

FIGURE_FIELDS = (
    "total_cost",
    "total_eligible_cost",
    "eu_contribution",
    "cofinancing_rate",
    "own_contribution",
    "other_public_funding",
    "start_date",
    "end_date",
    "actual_end_date",
    "status",
)


def require(user, perm, obj=None):
    if not (user is not None and user.has_perm(perm, obj)):
        raise PermissionDenied(_("Your role does not allow this."))


def move(obj, to: str, table: dict, choices) -> None:
    """Change ``obj.status`` to ``to`` if the transition table allows it, else a 409 with both labels."""
    current = choices(obj.status)
    if to not in table[current]:
        raise Conflict(
            _("“%(status)s” cannot become “%(to)s”.") % {"status": current.label, "to": choices(to).label},
            code="transition_not_allowed",
        )
    obj.status = to


def text(value, field: str, errors: dict, *, required=False, max_length=None) -> str:
    value = "" if value is None else str(value).strip()
    if required and not value:
        errors[field] = _("This field is required.")
    elif max_length is not None and len(value) > max_length:
        errors[field] = _("At most %(n)s characters.") % {"n": max_length}
    return value


def amount(value, field: str, errors: dict):
    """An amount in euro to the cent, never negative; None with a message in ``errors`` otherwise."""
    try:
        parsed = parse_amount(value)
    except (AmountError, ArithmeticError, TypeError):
        errors[field] = _("Enter an amount in euro with at most two decimals.")
        return None
    if parsed < 0:
        errors[field] = _("An amount cannot be negative.")
        return None
    return parsed


def fail_if(errors: dict) -> None:
    if errors:
        raise RuleViolation(errors=errors)


def locked(operation: Operation) -> Operation:
    """The operation row, locked for the rest of the transaction and read afresh."""
    return Operation.objects.select_for_update().get(pk=operation.pk)


def figures(operation: Operation) -> dict:
    return {name: getattr(operation, name) for name in FIGURE_FIELDS}
