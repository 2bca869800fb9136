"""Shared pieces of the assessment pages: who may see what, objects by id (404 for anything else), and running
a service with its refusal shown as a message."""

from importlib import import_module

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from subsidia.calls.models import Call
from subsidia.core.exceptions import ServiceError

from .. import pages


def services():
    """The services module, imported when a page changes something (the pages that only read need none)."""
    return import_module("subsidia.assessment.services")


def staff(request):
    if not pages.is_staff(request.user):
        raise PermissionDenied


def officer(request):
    if not pages.is_officer(request.user):
        raise PermissionDenied


def deciders(request):
    if not (pages.is_officer(request.user) or pages.is_authorising_officer(request.user)):
        raise PermissionDenied


def call_for_staff(request, call_id) -> Call:
    staff(request)
    return get_object_or_404(Call, pk=pages.int_or_404(call_id))


def act(request, call, success: str) -> bool:
    """Run a transition without a form; its refusal (rule, state or permission) becomes a page message."""
    try:
        call()
    except ServiceError as exc:
        messages.error(request, exc.message)
        return False
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
        return False
    messages.success(request, success)
    return True


def attempt(request, form, call):
    """Like ``core.forms.apply_service`` but a refused permission is a message on the form, not a 403."""
    try:
        return call()
    except ServiceError as exc:
        for field, errors in exc.errors.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
        if exc.errors and "__all__" not in exc.errors and not any(f in form.fields for f in exc.errors):
            messages.error(request, exc.message)
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or _("You may not do this."))
    return None


def safe_next(request):
    """A redirect to the ``next`` field when it is a path of this site, else None."""
    from django.shortcuts import redirect
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return None
