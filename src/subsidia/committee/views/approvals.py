"""The approval gate's pages: requests with their pinned content, putting objects to the committee, and the
"conditions fulfilled" step (officer prepares, another authorising officer confirms)."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core import approvals
from subsidia.core.approval_models import ApprovalStatus
from subsidia.core.forms import run_action
from subsidia.core.roles import AUTHORISING_OFFICER, PROGRAMME_OFFICER, has_role

from .. import selectors
from ..forms import NoteForm, ReasonForm


def _visible(request):
    requests = approvals.requests_visible_to(request.user)
    if not has_role(request.user, "committee_member", "programme_officer", "authorising_officer", "auditor"):
        raise PermissionDenied
    return requests


@login_required
def request_list(request):
    requests = _visible(request)
    status = request.GET.get("status", "")
    if status in ApprovalStatus.values:
        requests = requests.filter(status=status)
    page = Paginator(requests.order_by("-submitted_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "committee/approvals/list.html",
        {
            "page": page,
            "status": status,
            "statuses": ApprovalStatus.choices,
        },
    )


@login_required
def request_detail(request, pk):
    req = get_object_or_404(_visible(request), pk=pk)
    obj = approvals.target(req)
    try:
        pretty = json.dumps(json.loads(req.content), indent=2, ensure_ascii=False)
    except ValueError:
        pretty = req.content
    decision = req.decision_or_none
    state = approvals.approval_state(obj) if obj is not None else None
    return render(
        request,
        "committee/approvals/detail.html",
        {
            "req": req,
            "obj": obj,
            "object_url": approvals.object_url(obj) if obj is not None else "",
            "pretty": pretty,
            "verifies": approvals.content_verifies(req),
            "decision": decision,
            "state": state,
            "current_hash": state.current_hash if state else "",
            "items": selectors.items_carrying(req),
            "procedures": selectors.procedures_carrying(req),
            "committees": selectors.committees_visible_to(request.user),
            "can_submit": has_role(request.user, PROGRAMME_OFFICER),
            "can_confirm": has_role(request.user, AUTHORISING_OFFICER),
            "withdraw_form": ReasonForm(),
        },
    )


@login_required
def submit_list(request):
    """Objects an officer may put to the committee, with the state of their approval."""
    if not has_role(request.user, PROGRAMME_OFFICER):
        raise PermissionDenied
    rows = []
    for obj in approvals.candidates(request.user):
        rows.append(
            {
                "obj": obj,
                "state": approvals.approval_state(obj),
                "url": approvals.object_url(obj),
                "ct": ContentType.objects.get_for_model(obj, for_concrete_model=False).pk,
            }
        )
    return render(request, "committee/approvals/submit.html", {"rows": rows, "note_form": NoteForm()})


@login_required
@require_POST
def submit(request, ct, object_id):
    if not has_role(request.user, PROGRAMME_OFFICER):
        raise PermissionDenied
    content_type = get_object_or_404(ContentType, pk=ct)
    model = content_type.model_class()
    if model is None or not issubclass(model, approvals.Approvable):
        raise Http404
    try:
        obj = model._default_manager.filter(pk=object_id).first()
    except (ValueError, ValidationError):  # an id of the wrong shape for this model's key
        obj = None
    if obj is None:
        raise Http404
    note = request.POST.get("note", "")[:2000]
    run_action(
        request,
        lambda: approvals.request_approval(request.user, obj, note=note),
        _("“%(object)s” was put to the committee with its exact current content.") % {"object": obj.approval_label()},
    )
    return redirect("committee:approvals-submit")


def _request_and_object(request, pk):
    req = get_object_or_404(_visible(request), pk=pk)
    obj = approvals.target(req)
    if obj is None:
        raise Http404
    return req, obj


@login_required
@require_POST
def withdraw(request, pk):
    req = get_object_or_404(_visible(request), pk=pk)
    form = ReasonForm(request.POST)
    reason = form.data.get("reason", "")
    run_action(request, lambda: approvals.withdraw(request.user, req, reason), _("The request was withdrawn."))
    return redirect("committee:approval", pk=pk)


@login_required
@require_POST
def prepare_conditions(request, pk):
    req, obj = _request_and_object(request, pk)
    run_action(
        request,
        lambda: approvals.prepare_conditions_fulfilled(request.user, req, obj),
        _("Prepared: an authorising officer must now confirm that the content meets the conditions."),
    )
    return redirect("committee:approval", pk=pk)


@login_required
@require_POST
def confirm_conditions(request, pk):
    req, obj = _request_and_object(request, pk)
    if run_action(
        request,
        lambda: approvals.confirm_conditions_fulfilled(request.user, req, obj),
        _("Confirmed: the conditions are fulfilled and the committee is informed."),
    ):
        messages.info(request, _("The new content hash is recorded against the decision."))
    return redirect("committee:approval", pk=pk)
