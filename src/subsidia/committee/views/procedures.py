"""Written procedures: start, vote, declare a conflict, close."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core import clock
from subsidia.core.approval_models import ApprovalRequest
from subsidia.core.forms import apply_service, run_action

from .. import selectors, services
from ..forms import ProcedureForm, ReasonForm, VoteForm
from ._helpers import require_manage, visible_committee, visible_procedure


@login_required
def procedure_create(request, pk):
    committee = visible_committee(request, pk)
    require_manage(request, committee)
    initial = {}
    request_id = request.GET.get("request", "")
    if request_id.isdigit():
        req = ApprovalRequest.objects.filter(pk=request_id).first()
        if req:
            initial = {"approval_request": req, "title": req.object_label}
    form = ProcedureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        procedure = apply_service(
            request,
            form,
            lambda: services.written_procedure_start(request.user, committee, **form.cleaned_data),
        )
        if procedure:
            messages.success(request, _("The written procedure started; the members were informed."))
            return redirect("committee:procedure", pk=procedure.pk)
    return render(
        request,
        "committee/form.html",
        {"form": form, "title": _("Start a written procedure"), "back": committee.get_absolute_url()},
    )


@login_required
def procedure_detail(request, pk):
    procedure = visible_procedure(request, pk)
    member = selectors.membership_on(request.user, procedure.committee, clock.today())
    tally = selectors.written_procedure_result(procedure)
    can_manage = request.user.has_perm("committee.manage", procedure)
    return render(
        request,
        "committee/procedure.html",
        {
            "procedure": procedure,
            "tally": tally,
            "member": member,
            "my_vote": selectors.vote_of(procedure, member) if member else None,
            "recused_self": bool(member and member.seat_holder.pk in selectors.procedure_recused(procedure)),
            "vote_form": VoteForm(),
            "votes": procedure.votes.select_related("seat", "cast_by")
            if (can_manage or request.user.has_perm("committee.view_committee", procedure.committee))
            else [],
            "seats": selectors.procedure_seats(procedure),
            "declarations": procedure.declarations.select_related("member"),
            "can_manage": can_manage,
            "cancel_form": ReasonForm(),
            "open": procedure.status == "open" and not tally.deadline_passed,
        },
    )


@login_required
@require_POST
def vote(request, pk):
    procedure = visible_procedure(request, pk)
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose for, against or abstain."))
    else:
        run_action(
            request,
            lambda: services.written_procedure_vote(request.user, procedure, **form.cleaned_data),
            _("Your vote was recorded."),
        )
    return redirect("committee:procedure", pk=pk)


@login_required
@require_POST
def declare(request, pk):
    procedure = visible_procedure(request, pk)
    member = selectors.membership_on(request.user, procedure.committee, clock.today())
    reason = request.POST.get("reason", "")
    if member is None:
        messages.error(request, _("Only members of this committee declare a conflict here."))
    else:
        run_action(
            request,
            lambda: services.conflict_declare(request.user, member, written_procedure=procedure, reason=reason),
            _("Your conflict of interest was recorded; your seat does not vote in this procedure."),
        )
    return redirect("committee:procedure", pk=pk)


@login_required
@require_POST
def close(request, pk):
    procedure = visible_procedure(request, pk)
    require_manage(request, procedure)
    run_action(
        request,
        lambda: services.written_procedure_close(request.user, procedure),
        _("The written procedure is closed and its result recorded."),
    )
    return redirect("committee:procedure", pk=pk)


@login_required
@require_POST
def cancel(request, pk):
    procedure = visible_procedure(request, pk)
    require_manage(request, procedure)
    reason = request.POST.get("reason", "")
    run_action(
        request,
        lambda: services.written_procedure_cancel(request.user, procedure, reason=reason),
        _("The written procedure was cancelled."),
    )
    return redirect("committee:procedure", pk=pk)
