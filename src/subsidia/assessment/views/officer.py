"""Officer pages: calls in assessment, the eligibility checklist of each application (four eyes on a refusal),
and the assessors' assignments (by hand or balanced over the pool)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.applications.constants import ApplicationStatus
from subsidia.applications.models import Application

from .. import pages, selectors
from ..constants import ACTIVE_ASSIGNMENT, Capacity, CheckStatus
from ..forms import AssignForm, ChecklistForm, ConcludeForm, DeclarationForm, NoteForm, PrepareForm, ReasonForm
from ..models import Assignment
from .common import act, attempt, call_for_staff, officer, safe_next, services, staff


@login_required
def call_list(request):
    staff(request)
    return render(request, "assessment/call_list.html", {"calls": pages.calls_in_assessment()})


@login_required
def call_overview(request, call_id):
    call = call_for_staff(request, call_id)
    applications = list(pages.applications_of(call))
    counts = {}
    for a in applications:
        status = a.eligibility_check.status if hasattr(a, "eligibility_check") else "unchecked"
        counts[status] = counts.get(status, 0) + 1
    return render(
        request,
        "assessment/call_overview.html",
        {
            "call": call,
            "applications": applications,
            "counts": counts,
            "decisions": pages.decisions_of(call),
            "open_complaints": pages.open_complaints_count(call),
            "can_prepare_reserve": pages.is_officer(request.user)
            and selectors.approved_initial(call) is not None
            and pages.open_decision(call) is None
            and pages.declined_lines(call).exists(),
            "prepare_form": PrepareForm(),
        },
    )


def _application_for_staff(request, application_id) -> Application:
    staff(request)
    return get_object_or_404(
        Application.objects.select_related("call", "organisation"),
        pk=pages.int_or_404(application_id),
        status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN],
    )


@login_required
def check(request, application_id):
    """The checklist: the call's criteria and the programme-level checks, a reason for every "no"."""
    application = _application_for_staff(request, application_id)
    current = pages.check_of(application)
    rows = pages.checklist(application, current)
    editable = current is None or current.status == CheckStatus.DRAFT
    form = ChecklistForm(request.POST or None, rows=rows)
    declaration = pages.declaration_of(request.user, application)
    if request.method == "POST":
        officer(request)
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            done = attempt(request, form, lambda: _save_answers(request.user, application, current, form))
            if done is not None:
                messages.success(request, _("The checklist is saved."))
                return redirect("assessment:check", application_id=application.pk)
    return render(
        request,
        "assessment/check.html",
        {
            "application": application,
            "call": application.call,
            "check": current,
            "rows": form.bound_rows(),
            "form": form,
            "editable": editable,
            "declaration": declaration,
            "declaration_form": DeclarationForm(),
            "conclude_form": ConcludeForm(initial={"reasons": current.reasons if current else ""}),
            "note_form": NoteForm(),
            "missing": [r for r in rows if r.answer is None],
            "refusals": [r for r in rows if r.answer is not None and not r.answer.met],
        },
    )


def _save_answers(user, application, current, form):
    s = services()
    if current is None:
        current = s.check_start(user, application)
    for row, met, reason in form.answers():
        if row.answer is not None and row.answer.met == met and row.answer.reason == reason:
            continue
        s.check_answer(
            user,
            current,
            met=met,
            reason=reason,
            criterion=row.criterion,
            programme_check=row.programme_check or None,
        )
    return current


@login_required
@require_POST
def declare(request, application_id):
    """An officer's declaration for one application (before checking it or approving its decision)."""
    application = _application_for_staff(request, application_id)
    if pages.is_officer(request.user):
        capacity = Capacity.ELIGIBILITY_OFFICER
    elif pages.is_authorising_officer(request.user):
        capacity = Capacity.AUTHORISING_OFFICER
    else:
        raise PermissionDenied
    form = DeclarationForm(request.POST)
    if form.is_valid():
        conflict = form.cleaned_data["has_conflict"] == "yes"
        act(
            request,
            lambda: services().declare(
                request.user,
                application,
                capacity=capacity,
                has_conflict=conflict,
                conflict_reason=form.cleaned_data.get("conflict_reason", ""),
            ),
            _("Your declaration is recorded."),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return safe_next(request) or redirect("assessment:check", application_id=application.pk)


CHECK_ACTIONS = {"conclude", "confirm", "return"}


@login_required
@require_POST
def check_action(request, application_id, verb):
    if verb not in CHECK_ACTIONS:
        raise PermissionDenied
    application = _application_for_staff(request, application_id)
    officer(request)
    current = pages.check_of(application)
    if current is None:
        raise PermissionDenied
    s = services()
    if verb == "conclude":
        form = ConcludeForm(request.POST)
        reasons = form.cleaned_data.get("reasons", "") if form.is_valid() else ""
        act(
            request,
            lambda: s.check_conclude(request.user, current, reasons=reasons),
            _("The check is concluded."),
        )
    elif verb == "confirm":
        act(
            request,
            lambda: s.check_confirm(request.user, current),
            _("The application is declared ineligible; the applicant receives a reasoned letter."),
        )
    else:
        form = NoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the check goes back."))
        else:
            act(
                request,
                lambda: s.check_return(request.user, current, note=form.cleaned_data["note"]),
                _("The check goes back to be checked again."),
            )
    return redirect("assessment:check", application_id=application.pk)


# --- Assignments --------------------------------------------------------------------------------------------


def _eligible(call):
    return (
        Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED, eligibility_check__status="eligible")
        .select_related("organisation")
        .order_by("submitted_at", "id")
    )


@login_required
def assignments(request, call_id):
    call = call_for_staff(request, call_id)
    eligible = _eligible(call)
    form = AssignForm(request.POST or None, applications=eligible)
    if request.method == "POST":
        officer(request)
        if form.is_valid():
            done = attempt(
                request,
                form,
                lambda: services().assign(
                    request.user,
                    form.cleaned_data["application"],
                    form.cleaned_data["assessor"],
                    lead=form.cleaned_data["lead"],
                ),
            )
            if done is not None:
                messages.success(request, _("The assessor is assigned."))
                return redirect("assessment:assignments", call_id=call.pk)
    rows = list(pages.assignments_of(call))
    active_counts = {}
    for a in rows:
        if a.status in ACTIVE_ASSIGNMENT:
            active_counts[a.application_id] = active_counts.get(a.application_id, 0) + 1
    short = [a for a in eligible if active_counts.get(a.pk, 0) < call.number_of_assessors]
    return render(
        request,
        "assessment/assignments.html",
        {
            "call": call,
            "assignments": rows,
            "form": form,
            "short": short,
            "eligible_count": eligible.count(),
            "reason_form": ReasonForm(),
            "language": get_language(),
        },
    )


@login_required
@require_POST
def assignments_balance(request, call_id):
    call = call_for_staff(request, call_id)
    officer(request)
    act(request, lambda: services().assign_balanced(request.user, call), _("The assessors are assigned."))
    return redirect("assessment:assignments", call_id=call.pk)


@login_required
@require_POST
def assignment_withdraw(request, assignment_id):
    staff(request)
    officer(request)
    assignment = get_object_or_404(Assignment, pk=pages.int_or_404(assignment_id))
    form = ReasonForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: services().assignment_withdraw(request.user, assignment, reason=form.cleaned_data["reason"]),
            _("The assignment is withdrawn."),
        )
    else:
        messages.error(request, _("Give the reason for withdrawing the assignment."))
    return redirect("assessment:assignments", call_id=assignment.application.call_id)
