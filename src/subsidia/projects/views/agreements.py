"""Grant agreement pages: prepare and edit a draft, sign (the beneficiary's signatory, or an officer recording a
paper signature), confirm (an authorising officer), cancel, and the PDF in the binding language or a translation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from subsidia.core.forms import apply_service
from subsidia.core.pdf import pdf_response

from .. import services
from ..exports import agreement_pdf as build_pdf
from ..forms import ConditionsForm, ReasonForm, SignatureForm
from .common import act, allowed, back, visible_operation

LANGUAGES = ("nl", "fr", "en")


def _agreement(operation, pk):
    return get_object_or_404(operation.agreements, pk=pk)


def _form_page(request, operation, form, title, call, success):
    if request.method == "POST" and form.is_valid() and apply_service(request, form, lambda: call(form.cleaned_data)):
        messages.success(request, success)
        return back(operation, "agreement")
    return render(request, "projects/simple_form.html", {"operation": operation, "form": form, "title": title})


@login_required
def agreement_prepare(request, code):
    operation = visible_operation(request, code)
    allowed(request, "projects.manage_operation", operation)
    form = ConditionsForm(request.POST or None)
    return _form_page(
        request,
        operation,
        form,
        _("Prepare a version of the grant agreement"),
        lambda data: services.agreement_prepare(request.user, operation, **data),
        _("The new version of the agreement is ready to be signed."),
    )


@login_required
def agreement_edit(request, code, pk):
    operation = visible_operation(request, code)
    allowed(request, "projects.manage_operation", operation)
    agreement = _agreement(operation, pk)
    initial = {f"conditions_{lang}": getattr(agreement, f"conditions_{lang}") for lang in LANGUAGES}
    form = ConditionsForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        operation,
        form,
        _("Special conditions of %(reference)s") % {"reference": agreement.reference},
        lambda data: services.agreement_update_conditions(request.user, agreement, **data),
        _("The special conditions were saved."),
    )


@login_required
@require_POST
def agreement_sign(request, code, pk):
    operation = visible_operation(request, code)
    agreement = _agreement(operation, pk)
    form = SignatureForm(request.POST)
    return _form_page(
        request,
        operation,
        form,
        _("Sign %(reference)s") % {"reference": agreement.reference},
        lambda data: services.agreement_sign(request.user, agreement, **data),
        _("The signature was recorded; an authorising officer confirms it."),
    )


@login_required
@require_POST
def agreement_confirm(request, code, pk):
    operation = visible_operation(request, code)
    agreement = _agreement(operation, pk)
    return act(
        request,
        operation,
        lambda: services.agreement_confirm(request.user, agreement),
        _("The agreement %(reference)s is in force.") % {"reference": agreement.reference},
        "agreement",
    )


@login_required
def agreement_cancel(request, code, pk):
    operation = visible_operation(request, code)
    allowed(request, "projects.manage_operation", operation)
    agreement = _agreement(operation, pk)
    form = ReasonForm(request.POST or None)
    return _form_page(
        request,
        operation,
        form,
        _("Cancel %(reference)s") % {"reference": agreement.reference},
        lambda data: services.agreement_cancel(request.user, agreement, **data),
        _("The version was cancelled."),
    )


@login_required
@require_GET
def agreement_pdf(request, code, pk):
    operation = visible_operation(request, code)
    agreement = _agreement(operation, pk)
    language = request.GET.get("lang", agreement.language)
    if language not in LANGUAGES:
        raise Http404
    content = build_pdf(agreement, language)
    return pdf_response(f"{agreement.reference.replace('/', '-')}-{language}.pdf", content)
