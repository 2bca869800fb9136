"""What the operation pages share: the operation the user may see (else 404), permission guards, and the
action runner (a transition without a form, through its service; the outcome becomes a page message)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from subsidia.core.forms import run_action

from .. import selectors
from ..models import Operation


def visible_operation(request, code) -> Operation:
    """The operation with ``code`` if the user may see it; a 404 otherwise (its existence is not revealed)."""
    return get_object_or_404(selectors.operations_visible_to(request.user), code=code)


def allowed(request, perm, operation) -> None:
    """A 403 for a page whose only purpose is an action the user's role does not allow."""
    if not request.user.has_perm(perm, operation):
        raise PermissionDenied


def back(operation, anchor=""):
    response = redirect("projects:detail", code=operation.code)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def act(request, operation, call, success: str, anchor=""):
    """Run a transition without a form (``core.forms.run_action``); go back to the operation either way."""
    try:
        run_action(request, call, success)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("Your role does not allow this."))
    return back(operation, anchor)
