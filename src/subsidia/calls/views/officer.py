"""Officer pages: the list of calls, creating and editing a call, its approval state and its transitions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core import approvals
from subsidia.core.forms import apply_service, run_action
from subsidia.core.money import AmountError, parse_amount
from subsidia.programmes.models import Programme, Region
from subsidia.reference.figures import cofinancing_cap
from subsidia.reference.models import ImplementationModality, SpecificObjective

from .. import selectors, services, validation
from ..constants import CallStatus
from ..filters import CallFilter
from ..forms import CallForm, NoteForm, ReasonForm
from .common import call_for_staff, staff
from .parts import PARTS, section_context


@login_required
def call_list(request):
    staff(request)
    filterset = CallFilter(request.GET or None, queryset=selectors.calls_visible_to(request.user))
    calls = filterset.qs if filterset.is_bound and filterset.is_valid() else selectors.calls_visible_to(request.user)
    calls = selectors.with_effective_status(calls).order_by("-created_at", "reference")
    page = Paginator(calls, 50).get_page(request.GET.get("page"))
    return render(request, "calls/call_list.html", {"filter": filterset, "page": page})


def _form_data(form) -> dict:
    data = {name: form.cleaned_data[name] for name in form.fields}
    data.pop("programme", None)
    return data


@login_required
def call_create(request):
    staff(request, "calls.add_call")
    form = CallForm(
        request.POST or None,
        budget_preview_url=reverse("calls:budget-room"),
        initial={"programme": Programme.objects.order_by("cci").first(), "number_of_assessors": 2},
    )
    if request.method == "POST" and form.is_valid():
        programme = form.cleaned_data["programme"]
        call = apply_service(
            request, form, lambda: services.call_create(request.user, programme=programme, **_form_data(form))
        )
        if call:
            messages.success(request, _("Call %(reference)s created as a draft.") % {"reference": call.reference})
            return redirect("calls:detail", pk=call.pk)
    return render(request, "calls/call_form.html", {"form": form, "title": _("New call for proposals")})


@login_required
def call_edit(request, pk):
    staff(request, "calls.change_call")
    call = call_for_staff(request, pk)
    form = CallForm(
        request.POST or None,
        call=call,
        initial=CallForm.initial_from(call),
        budget_preview_url=reverse("calls:budget-room"),
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        was_approved = approvals.is_approved(call)
        was_pending = call.status == CallStatus.SUBMITTED
        done = apply_service(request, form, lambda: services.call_update(request.user, call, **changes))
        if done:
            if (was_approved or was_pending) and not approvals.is_approved(done):
                messages.warning(
                    request,
                    _(
                        "This change concerns the content the monitoring committee approves: the "
                        "committee's approval "
                        "no longer applies and the call is a draft again. Put it to the committee again."
                    ),
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("calls:detail", pk=call.pk)
    return render(
        request,
        "calls/call_form.html",
        {"form": form, "call": call, "title": _("Edit call %(reference)s") % {"reference": call.reference}},
    )


@login_required
def call_detail(request, pk):
    call = call_for_staff(request, pk)
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "effective": call.effective_status(),
            "approval": approvals.approval_state(call),
            "room": selectors.budget_room(
                call.programme,
                call.specific_objective,
                call.region,
                call.implementation_modality,
                exclude_call=call,
            ),
            "missing": validation.completeness(call) if call.is_editable else {},
            "flat_rates": selectors.flat_rates(call),
            "can_edit": request.user.has_perm("calls.change_call", call),
            "note_form": NoteForm(),
            "reason_form": ReasonForm(),
            "sections": [section_context(request, call, kind) for kind in PARTS],
        },
    )


TRANSITIONS = {
    "submit": (
        lambda user, call, post: services.call_submit_for_approval(user, call, note=post.get("note", "")),
        "calls.submit_call",
        _("The call was put to the monitoring committee."),
    ),
    "return": (
        lambda user, call, post: services.call_return_to_draft(user, call, reason=post.get("reason", "")),
        "calls.submit_call",
        _("The call is a draft again."),
    ),
    "publish": (
        lambda user, call, post: services.call_publish(user, call),
        "calls.publish_call",
        _("The call is published."),
    ),
    "start-assessment": (
        lambda user, call, post: services.call_start_assessment(user, call),
        "calls.manage_call",
        _("The applications go to assessment."),
    ),
    "decided": (
        lambda user, call, post: services.call_mark_decided(user, call, note=post.get("note", "")),
        "calls.decide_call",
        _("The call is marked as decided."),
    ),
    "archive": (
        lambda user, call, post: services.call_archive(user, call),
        "calls.manage_call",
        _("The call is archived."),
    ),
    "withdraw": (
        lambda user, call, post: services.call_withdraw(user, call, reason=post.get("reason", "")),
        "calls.manage_call",
        _("The call is withdrawn."),
    ),
}


@login_required
@require_POST
def call_transition(request, pk, verb):
    if verb not in TRANSITIONS:
        raise PermissionDenied
    run, perm, success = TRANSITIONS[verb]
    staff(request, perm)
    call = call_for_staff(request, pk)
    run_action(request, lambda: run(request.user, call, request.POST), str(success))
    return redirect("calls:detail", pk=pk)


def _pick(model, value, field="pk"):
    value = (value or "").strip()
    if not value.isdigit():
        return None
    return model.objects.filter(**{field: int(value)}).first()


@login_required
@require_POST
def budget_room(request):
    """HTMX: what is left of the allocation for the chosen objective, region and modality, and the rate "
    "cap."""
    staff(request, "calls.change_call")
    post = request.POST
    call = _pick(selectors.Call, post.get("call"))
    programme = call.programme if call else _pick(Programme, post.get("programme"))
    objective = _pick(SpecificObjective, post.get("specific_objective"))
    region = _pick(Region, post.get("region"))
    modality = _pick(ImplementationModality, post.get("implementation_modality"))
    context = {}
    if programme and objective and region and modality:
        room = selectors.budget_room(programme, objective, region, modality, exclude_call=call)
        context["room"] = room
        try:
            budget = parse_amount(post.get("budget") or "0")
        except AmountError:
            budget = None
        context.update(budget=budget, over=budget is not None and budget > room.available)
    if modality:
        context["cap"] = cofinancing_cap(modality)
        context["rate_over"] = _rate_over(post.get("cofinancing_rate"), context["cap"])
    return render(request, "calls/_budget_room.html", context)


def _rate_over(percent, cap) -> bool:
    try:
        value = parse_amount(percent or "0") / 100
    except AmountError:
        return False
    return cap.max_rate is not None and value > cap.max_rate
