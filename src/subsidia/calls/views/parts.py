"""The parts of a call on the officer's page (criteria, cost options, attachments, documents), edited in place
with HTMX; without JavaScript the same URLs work as plain pages."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from subsidia.core import approvals
from subsidia.core.forms import apply_service, run_action

from .. import selectors, services
from ..forms import (
    AwardCriterionForm,
    CostOptionForm,
    DocumentForm,
    EligibilityCriterionForm,
    RequiredAttachmentForm,
)
from ..models import AwardCriterion, CallDocument, CostOption, EligibilityCriterion, RequiredAttachment
from .common import call_for_staff, staff


@dataclass(frozen=True)
class Part:
    model: type
    form: type
    save: object
    delete: object
    title: str
    related: str


def _texts(obj, *names):
    return {f"{n}_{lang}": getattr(obj, f"{n}_{lang}") for n in names for lang in ("nl", "fr", "en")}


def initial_for(kind, obj) -> dict:
    if obj is None:
        return {}
    if kind == "eligibility":
        return {"position": obj.position, **_texts(obj, "text", "explanation")}
    if kind == "award":
        return {
            "position": obj.position,
            "max_points": obj.max_points,
            "weight": obj.weight,
            "threshold": obj.threshold,
            "tie_break_rank": obj.tie_break_rank,
            **_texts(obj, "title", "description"),
        }
    if kind == "cost":
        return {
            "position": obj.position,
            "kind": obj.kind,
            "category": obj.category,
            "flat_rate": obj.flat_rate,
            "rate": (obj.rate * 100).normalize() if obj.rate is not None else None,
            "amount": obj.amount,
            **_texts(obj, "title", "description", "unit"),
        }
    return {
        "position": obj.position,
        "is_mandatory": obj.is_mandatory,
        "file_types": obj.accepted_types,
        **_texts(obj, "title", "description"),
    }


PARTS = {
    "eligibility": Part(
        EligibilityCriterion,
        EligibilityCriterionForm,
        services.eligibility_criterion_save,
        services.eligibility_criterion_delete,
        gettext_lazy("Eligibility criteria"),
        "eligibility_criteria",
    ),
    "award": Part(
        AwardCriterion,
        AwardCriterionForm,
        services.award_criterion_save,
        services.award_criterion_delete,
        gettext_lazy("Award criteria"),
        "award_criteria",
    ),
    "cost": Part(
        CostOption,
        CostOptionForm,
        services.cost_option_save,
        services.cost_option_delete,
        gettext_lazy("Cost options"),
        "cost_options",
    ),
    "attachment": Part(
        RequiredAttachment,
        RequiredAttachmentForm,
        services.required_attachment_save,
        services.required_attachment_delete,
        gettext_lazy("Required attachments"),
        "required_attachments",
    ),
}


def _part(kind) -> Part:
    if kind not in PARTS:
        raise Http404
    return PARTS[kind]


def section_context(request, call, kind, form=None, item=None):
    return {
        "call": call,
        "kind": kind,
        "part": PARTS[kind],
        "items": getattr(call, PARTS[kind].related).all(),
        "flat_rates": selectors.flat_rates(call) if kind == "cost" else [],
        "form": form,
        "item": item,
        "can_edit": request.user.has_perm("calls.change_call", call),
    }


def _after_change(request, call, approved_before, pending_before, kind):
    """HTMX answers with the refreshed section; when the change cleared an approval the whole page reloads to
    show it (the state box, the status and the message)."""
    call.refresh_from_db()
    cleared = (approved_before or pending_before) and not approvals.is_approved(call)
    if cleared:
        messages.warning(
            request,
            _(
                "This change concerns the content the monitoring committee approves: the "
                "committee's approval no longer applies and the call is a draft again."
            ),
        )
    if request.htmx and not cleared:
        return render(request, "calls/_part_section.html", section_context(request, call, kind))
    response = redirect("calls:detail", pk=call.pk)
    if request.htmx:
        response = render(request, "calls/_part_section.html", section_context(request, call, kind))
        response["HX-Refresh"] = "true"
    return response


@login_required
def part_form(request, pk, kind, item_id=None):
    part = _part(kind)
    staff(request, "calls.change_call")
    call = call_for_staff(request, pk)
    item = get_object_or_404(part.model, pk=item_id, call=call) if item_id else None
    form = part.form(request.POST or None, initial=initial_for(kind, item))
    if request.method == "POST" and form.is_valid():
        approved_before, pending_before = approvals.is_approved(call), call.status == "submitted"
        done = apply_service(request, form, lambda: part.save(request.user, call, item, **form.cleaned_data))
        if done:
            return _after_change(request, call, approved_before, pending_before, kind)
    context = section_context(request, call, kind, form=form, item=item)
    template = "calls/_part_section.html" if request.htmx else "calls/part_form.html"
    return render(request, template, context)


@login_required
@require_POST
def part_delete(request, pk, kind, item_id):
    part = _part(kind)
    staff(request, "calls.change_call")
    call = call_for_staff(request, pk)
    item = get_object_or_404(part.model, pk=item_id, call=call)
    approved_before, pending_before = approvals.is_approved(call), call.status == "submitted"
    if run_action(request, lambda: part.delete(request.user, item), _("Removed.")):
        return _after_change(request, call, approved_before, pending_before, kind)
    return redirect("calls:detail", pk=call.pk)


@login_required
def document_add(request, pk):
    staff(request, "calls.change_call")
    call = call_for_staff(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("upload")
        approved_before = approvals.is_approved(call)
        done = apply_service(request, form, lambda: services.document_add(request.user, call, upload=upload, **data))
        if done:
            if approved_before:
                messages.warning(
                    request,
                    _("A new document changes the approved content: put the call to the committee again."),
                )
            else:
                messages.success(request, _("Document added."))
            return redirect("calls:detail", pk=call.pk)
    return render(request, "calls/document_form.html", {"call": call, "form": form})


@login_required
@require_POST
def document_delete(request, pk, document_id):
    staff(request, "calls.change_call")
    call = call_for_staff(request, pk)
    doc = get_object_or_404(CallDocument, pk=document_id, call=call)
    run_action(request, lambda: services.document_delete(request.user, doc), _("Document removed."))
    return redirect("calls:detail", pk=call.pk)


__all__ = ["document_add", "document_delete", "part_delete", "part_form"]
