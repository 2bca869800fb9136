"""What every assessment service shares: permission checks, transitions, clean text, locks, declarations."""

from django.conf import settings
from django.utils.translation import gettext as _

from subsidia.core.exceptions import Conflict, PermissionDenied, RuleViolation

from ..constants import DECIDING
from ..models import Declaration, SelectionDecision
from ..rules import declared_conflict, member_of_applicant


def require(user, perm: str, obj=None, message: str | None = None) -> None:
    if not (user is not None and getattr(user, "is_authenticated", False) and user.has_perm(perm, obj)):
        raise PermissionDenied(message or _("Your role does not allow this."))


def move(obj, to: str, table: dict, choices) -> None:
    """Change ``obj.status`` to ``to`` if the transition table allows it, else a 409 naming both states."""
    current = choices(obj.status)
    if to not in table[current]:
        raise Conflict(
            _("“%(status)s” cannot become “%(to)s”.") % {"status": current.label, "to": choices(to).label},
            code="transition_not_allowed",
        )
    obj.status = to


def text(value, field: str, errors: dict, *, required: bool = False, max_length: int | None = None) -> str:
    value = "" if value is None else str(value).strip()
    if required and not value:
        errors[field] = _("This field is required.")
    elif max_length is not None and len(value) > max_length:
        errors[field] = _("At most %(n)s characters.") % {"n": max_length}
    return value


def fail_if(errors: dict) -> None:
    if errors:
        raise RuleViolation(errors=errors)


def locked(obj):
    """The row of ``obj``, locked for the rest of the transaction and read afresh."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def ensure_independent(user, application) -> None:
    """Nobody acts for the managing authority on an application of their own organisation or after declaring a
    conflict of interest for it."""
    if member_of_applicant(user, application):
        raise PermissionDenied(
            _("You are a member of the applicant organisation of %(ref)s; you cannot act on it.")
            % {"ref": application.reference}
        )
    if declared_conflict(user, application):
        raise PermissionDenied(
            _("You declared a conflict of interest for %(ref)s; you cannot act on it.") % {"ref": application.reference}
        )


def require_no_conflict_declared(user, application, *, who: str) -> None:
    """The person must have declared, for this application, that they have no conflict of interest."""
    ensure_independent(user, application)
    if not Declaration.objects.filter(user=user, application=application, has_conflict=False).exists():
        raise Conflict(
            _("%(who)s must first declare having no conflict of interest for %(ref)s.")
            % {"who": who, "ref": application.reference},
            code="declaration_missing",
        )


def ranking_frozen(call) -> bool:
    """A prepared or approved initial decision freezes the ranking: scores and eligibility no longer move."""
    return SelectionDecision.objects.filter(call=call, status__in=DECIDING).exists()


def refuse_if_frozen(call) -> None:
    if ranking_frozen(call):
        raise Conflict(
            _("A selection decision of this call is prepared or approved; the assessment can no longer change."),
            code="ranking_frozen",
        )


def official_language() -> str:
    return settings.SUBSIDIA_OFFICIAL_LANGUAGE
