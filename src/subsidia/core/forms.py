"""Helpers that connect forms to services: a refused change shows its messages next to the fields."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied

from .exceptions import Conflict, ServiceError


def apply_service(request, form, call):
    """Run ``call()``; on a refusal put its messages on the form (or as a page message) and return None."""
    try:
        return call()
    except Conflict as exc:
        form.add_error(None, exc.message)
        messages.error(request, exc.message)
    except ServiceError as exc:
        for field, errors in exc.errors.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or "Permission denied")
    return None


def run_action(request, call, success_message: str) -> bool:
    """Run a transition that has no form; report the outcome as a page message."""
    try:
        call()
    except ServiceError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, success_message)
    return True
