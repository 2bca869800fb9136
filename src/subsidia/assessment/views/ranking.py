"""The ranking with its funding line and reserve list, the what-if view (nothing saved), the XLSX export, and the
selection decision: prepared by an officer, approved by an authorising officer who did not prepare it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from subsidia.applications.models import Application

from .. import exports, pages
from ..constants import DecisionStatus, Outcome
from ..forms import PrepareForm, ReasonForm, WhatIfForm
from ..models import SelectionDecision
from ..selectors.ranking import Rules, ranking
from .common import act, attempt, call_for_staff, deciders, officer, staff


def ranking_rows(call, rules):
    rows = ranking(call, rules=rules)
    applications = Application.objects.select_related("organisation").in_bulk([r.application_id for r in rows])
    for row in rows:
        row.application = applications[row.application_id]
    return rows


def summary(rows) -> dict:
    funded = [r for r in rows if r.is_funded]
    return {
        "funded": len(funded),
        "funded_total": sum((r.granted for r in funded), start=0),
        "reserve": sum(1 for r in rows if r.outcome == Outcome.RESERVE),
        "below": sum(1 for r in rows if r.outcome == Outcome.BELOW_THRESHOLD),
        "incomplete": sum(1 for r in rows if not r.complete),
        "flagged": sum(1 for r in rows if r.flagged),
    }


@login_required
@require_GET
def ranking_page(request, call_id):
    call = call_for_staff(request, call_id)
    criteria = list(call.award_criteria.order_by("position", "id"))
    what_if = WhatIfForm(request.GET or None, criteria=criteria)
    changes = what_if.changes()
    rows = ranking_rows(call, Rules.of(call))
    context = {
        "call": call,
        "criteria": criteria,
        "rows": rows,
        "summary": summary(rows),
        "what_if": what_if,
        "open_decision": pages.open_decision(call),
        "prepare_form": PrepareForm(),
    }
    if changes:
        trial = ranking_rows(call, Rules.of(call, **changes))
        before = {r.application_id: r for r in rows}
        for row in trial:
            row.before = before.get(row.application_id)
        context.update(trial=trial, trial_summary=summary(trial), changes=changes)
    template = (
        "assessment/_what_if.html" if request.headers.get("HX-Request") and changes else "assessment/ranking.html"
    )
    return render(request, template, context)


@login_required
@require_GET
def ranking_xlsx(request, call_id):
    call = call_for_staff(request, call_id)
    criteria = list(call.award_criteria.order_by("position", "id"))
    return exports.ranking_xlsx(call, criteria, ranking_rows(call, Rules.of(call)))


@login_required
@require_POST
def decision_prepare(request, call_id):
    call = call_for_staff(request, call_id)
    officer(request)
    form = PrepareForm(request.POST)
    if form.is_valid():
        decision = attempt(
            request,
            form,
            lambda: _services().decision_prepare(request.user, call, reasons=form.cleaned_data["reasons"]),
        )
        if decision is not None:
            messages.success(request, _("The decision is prepared; an authorising officer approves it."))
            return redirect("assessment:decision", decision_id=decision.pk)
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("assessment:ranking", call_id=call.pk)


@login_required
@require_POST
def reserve_prepare(request, call_id):
    call = call_for_staff(request, call_id)
    officer(request)
    form = PrepareForm(request.POST)
    if form.is_valid():
        decision = attempt(
            request,
            form,
            lambda: _services().reserve_decision_prepare(request.user, call, reasons=form.cleaned_data["reasons"]),
        )
        if decision is not None:
            messages.success(request, _("The decision on the reserve list is prepared."))
            return redirect("assessment:decision", decision_id=decision.pk)
        for error in form.non_field_errors():
            messages.error(request, error)
    return redirect("assessment:call", call_id=call.pk)


def _services():
    from .common import services

    return services()


def _decision_for_staff(request, decision_id) -> SelectionDecision:
    staff(request)
    return get_object_or_404(
        SelectionDecision.objects.select_related("call", "prepared_by", "approved_by", "closed_by"),
        pk=pages.int_or_404(decision_id),
    )


@login_required
def decision_page(request, decision_id):
    decision = _decision_for_staff(request, decision_id)
    lines = list(pages.decision_lines(decision))
    criteria = list(decision.call.award_criteria.order_by("position", "id"))
    for line in lines:
        by_criterion = {s.get("criterion"): s.get("points") for s in (line.scores or []) if isinstance(s, dict)}
        line.points = [by_criterion.get(c.pk) for c in criteria]
    declared = set()
    if pages.is_authorising_officer(request.user):
        declared = set(
            pages.Declaration.objects.filter(
                user=request.user, application__in=[line.application_id for line in lines], has_conflict=False
            ).values_list("application_id", flat=True)
        )
    undeclared = [line for line in lines if line.application_id not in declared]
    return render(
        request,
        "assessment/decision.html",
        {
            "decision": decision,
            "call": decision.call,
            "lines": lines,
            "criteria": criteria,
            "funded": [line for line in lines if line.is_funded],
            "own": decision.prepared_by_id == request.user.pk,
            "can_approve": pages.is_authorising_officer(request.user)
            and decision.status == DecisionStatus.PREPARED
            and decision.prepared_by_id != request.user.pk,
            "undeclared": undeclared,
            "reason_form": ReasonForm(),
            "letters": decision.letters.select_related("application").order_by("reference"),
        },
    )


@login_required
@require_POST
def decision_declare(request, decision_id):
    """The authorising officer declares, for every application of the decision, that they have no conflict."""
    decision = _decision_for_staff(request, decision_id)
    if not pages.is_authorising_officer(request.user):
        raise PermissionDenied
    if request.POST.get("no_conflict") != "yes":
        messages.error(request, _("Tick the declaration to confirm it."))
        return redirect("assessment:decision", decision_id=decision.pk)
    from ..constants import Capacity

    s = _services()
    applications = [line.application for line in pages.decision_lines(decision)]
    declared = set(
        pages.Declaration.objects.filter(user=request.user, application__in=applications).values_list(
            "application_id", flat=True
        )
    )

    def run():
        for application in applications:
            if application.pk not in declared:
                s.declare(request.user, application, capacity=Capacity.AUTHORISING_OFFICER, has_conflict=False)

    act(request, run, _("Your declarations are recorded."))
    return redirect("assessment:decision", decision_id=decision.pk)


DECISION_ACTIONS = {"approve", "return", "withdraw"}


@login_required
@require_POST
def decision_action(request, decision_id, verb):
    if verb not in DECISION_ACTIONS:
        raise PermissionDenied
    decision = _decision_for_staff(request, decision_id)
    deciders(request)
    s = _services()
    if verb == "approve":
        act(
            request,
            lambda: s.decision_approve(request.user, decision),
            _("The decision is approved: the grants are committed and the letters issued."),
        )
    else:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the reason."))
        elif verb == "return":
            act(
                request,
                lambda: s.decision_return(request.user, decision, reason=form.cleaned_data["reason"]),
                _("The decision goes back to the officer."),
            )
        else:
            act(
                request,
                lambda: s.decision_withdraw(request.user, decision, reason=form.cleaned_data["reason"]),
                _("The decision is withdrawn."),
            )
    return redirect("assessment:decision", decision_id=decision.pk)


@login_required
@require_POST
def line_decline(request, decision_id, line_id):
    decision = _decision_for_staff(request, decision_id)
    officer(request)
    line = get_object_or_404(decision.lines, pk=pages.int_or_404(line_id))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason."))
    else:
        act(
            request,
            lambda: _services().grant_decline(request.user, line, reason=form.cleaned_data["reason"]),
            _("The grant is declined; the freed budget can go to the reserve list."),
        )
    return redirect("assessment:decision", decision_id=decision.pk)
