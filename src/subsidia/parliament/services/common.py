from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from subsidia.core.exceptions import RuleViolation


def require(user, perm: str, obj=None) -> None:
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(_("Your role does not allow this."))


def blank(value) -> bool:
    return not (value or "").strip()


def clean_fields(instance, *, exclude=()) -> dict:
    """The model's own field checks (lengths, validators, choices, URLs) as a field → messages mapping."""
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {}


def refuse_if(errors: dict) -> None:
    if errors:
        raise RuleViolation(errors=errors)
