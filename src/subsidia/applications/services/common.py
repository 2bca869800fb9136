"""What every application service shares: permission checks, the transition table, clean text."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from subsidia.core.exceptions import Conflict, RuleViolation

from ..constants import APPLICATION_TRANSITIONS, ApplicationStatus


def require(user, perm, obj=None):
    if not (user is not None and user.has_perm(perm, obj)):
        raise PermissionDenied(_("Your role does not allow this."))


def move(application, to: str) -> None:
    current = ApplicationStatus(application.status)
    if to not in APPLICATION_TRANSITIONS[current]:
        raise Conflict(
            _("An application that is “%(status)s” cannot become “%(to)s”.")
            % {"status": current.label, "to": ApplicationStatus(to).label},
            code="transition_not_allowed",
        )
    application.status = to


def text(value, *, max_length: int | None = None, field: str = "", required: bool = False, errors=None) -> str:
    """Strip a text input; record a message in ``errors`` when it is required and empty, or too long."""
    value = "" if value is None else str(value).strip()
    if errors is not None:
        if required and not value:
            errors[field] = _("This field is required.")
        elif max_length is not None and len(value) > max_length:
            errors[field] = _("At most %(n)s characters.") % {"n": max_length}
    return value


def fail_if(errors: dict) -> None:
    if errors:
        raise RuleViolation(errors=errors)


def amount(value, field: str, errors: dict, *, allow_negative: bool = False):
    """An amount in euro to the cent, or None with a message in ``errors``.

    ``core.money.parse_amount`` lets ``decimal.InvalidOperation`` through for huge exponents ("1e400");
    both are a refused input here, never a 500.
    """
    from subsidia.core.money import AmountError, parse_amount

    try:
        parsed = parse_amount(value)
    except (AmountError, ArithmeticError, TypeError):
        errors[field] = _("Enter an amount in euro with at most two decimals.")
        return None
    if parsed < 0 and not allow_negative:
        errors[field] = _("An amount cannot be negative.")
        return None
    return parsed
