"""Amendment pages: an officer prepares (new end date, whole new budget, new EU contribution, reason), submits
or recalls; an authorising officer who did not prepare it approves or rejects."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core.forms import apply_service

from .. import selectors, services
from ..forms import AmendmentForm, NoteForm, RequiredNoteForm
from .common import act, back, visible_operation


def _years(operation, amendment=None):
    start = operation.start_date.year
    end = (
        max(
            operation.end_date.year,
            getattr(amendment, "new_end_date", None).year if getattr(amendment, "new_end_date", None) else 0,
        )
        + 1
    )
    return list(range(start, end + 1))


def _page(request, operation, amendment=None):
    if not request.user.has_perm("projects.manage_operation", operation):
        raise PermissionDenied
    if amendment is not None:
        lines = [{"category": b.category, "year": b.year, "amount": b.amount} for b in amendment.budget_lines.all()]
        lines = lines or [
            {"category": b.category, "year": b.year, "amount": b.amount} for b in operation.budget_lines.all()
        ]
        initial = {
            "reason": amendment.reason,
            "new_end_date": amendment.new_end_date,
            "change_budget": amendment.changes_budget,
            "new_eu_contribution": amendment.new_eu_contribution,
        }
    else:
        lines = [{"category": b.category, "year": b.year, "amount": b.amount} for b in operation.budget_lines.all()]
        initial = {}
    form = AmendmentForm(request.POST or None, years=_years(operation, amendment), lines=lines, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        arguments = {
            "reason": data["reason"],
            "new_end_date": data.get("new_end_date"),
            "budget_lines": form.budget_lines(),
            "new_eu_contribution": data.get("new_eu_contribution"),
        }
        if amendment is None:
            saved = apply_service(
                request, form, lambda: services.amendment_prepare(request.user, operation, **arguments)
            )
        else:
            saved = apply_service(
                request, form, lambda: services.amendment_update(request.user, amendment, **arguments)
            )
        if saved:
            return back(operation, "amendments")
    return render(
        request,
        "projects/amendment_form.html",
        {
            "operation": operation,
            "amendment": amendment,
            "form": form,
            "budget": selectors.budget_table(operation),
            "room": selectors.call_budget_room(operation.call),
        },
    )


@login_required
def amendment_create(request, code):
    return _page(request, visible_operation(request, code))


@login_required
def amendment_edit(request, code, pk):
    operation = visible_operation(request, code)
    return _page(request, operation, get_object_or_404(operation.amendments, pk=pk))


TRANSITIONS = {
    "submit": (services.amendment_submit, _("The amendment awaits approval.")),
    "recall": (services.amendment_recall, _("The amendment is a draft again.")),
    "withdraw": (services.amendment_withdraw, _("The amendment was withdrawn.")),
}


@login_required
@require_POST
def amendment_transition(request, code, pk, verb):
    operation = visible_operation(request, code)
    amendment = get_object_or_404(operation.amendments, pk=pk)
    service, message = TRANSITIONS[verb]
    return act(request, operation, lambda: service(request.user, amendment), str(message), "amendments")


@login_required
@require_POST
def amendment_decide(request, code, pk, verb):
    operation = visible_operation(request, code)
    amendment = get_object_or_404(operation.amendments, pk=pk)
    form = (NoteForm if verb == "approve" else RequiredNoteForm)(request.POST)
    service = services.amendment_approve if verb == "approve" else services.amendment_reject
    if form.is_valid() and apply_service(
        request, form, lambda: service(request.user, amendment, note=form.cleaned_data.get("note", ""))
    ):
        return back(operation, "amendments")
    title = _("Approve amendment %(n)s") if verb == "approve" else _("Reject amendment %(n)s")
    return render(
        request,
        "projects/simple_form.html",
        {"operation": operation, "form": form, "title": title % {"n": amendment.number}},
    )
