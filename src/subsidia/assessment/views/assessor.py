"""Assessor pages: my assignments; for each, the conflict-of-interest declaration before anything of the
application is shown, then the score form per award criterion (save as draft, submit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.calls.constants import ConsolidationMethod

from .. import pages
from ..constants import AssignmentStatus, Capacity, ConsensusStatus
from ..forms import DeclarationForm, ScoreForm
from ..models import Assignment, Consensus
from .common import act, attempt, services


def _assessor(request):
    if not pages.is_assessor(request.user):
        raise PermissionDenied


@login_required
def my_assignments(request):
    _assessor(request)
    rows = list(pages.my_assignments(request.user))
    return render(
        request,
        "assessment/my_assignments.html",
        {
            "open": [a for a in rows if a.status in (AssignmentStatus.ASSIGNED, AssignmentStatus.ACCEPTED)],
            "done": [a for a in rows if a.status == AssignmentStatus.SUBMITTED],
            "removed": [a for a in rows if a.status in (AssignmentStatus.CONFLICT, AssignmentStatus.WITHDRAWN)],
        },
    )


def _own_assignment(request, assignment_id) -> Assignment:
    _assessor(request)
    # Someone else's assignment is not found, whatever its id.
    return get_object_or_404(
        Assignment.objects.select_related("application", "application__call", "application__organisation"),
        pk=pages.int_or_404(assignment_id),
        assessor=request.user,
    )


@login_required
def assignment_page(request, assignment_id):
    assignment = _own_assignment(request, assignment_id)
    application = assignment.application
    if assignment.status == AssignmentStatus.ASSIGNED:
        # Nothing of the application but its reference, title and applicant before the declaration.
        form = DeclarationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            conflict = form.cleaned_data["has_conflict"] == "yes"
            done = attempt(
                request,
                form,
                lambda: services().declare(
                    request.user,
                    application,
                    capacity=Capacity.ASSESSOR,
                    has_conflict=conflict,
                    conflict_reason=form.cleaned_data.get("conflict_reason", ""),
                ),
            )
            if done is not None:
                if conflict:
                    messages.success(
                        request, _("Your conflict of interest is recorded; the application is reassigned.")
                    )
                    return redirect("assessment:my-assignments")
                messages.success(
                    request, _("You declared no conflict of interest. You can now assess the application.")
                )
                return redirect("assessment:assignment", assignment_id=assignment.pk)
        return render(
            request, "assessment/declare.html", {"assignment": assignment, "application": application, "form": form}
        )
    if assignment.status not in (AssignmentStatus.ACCEPTED, AssignmentStatus.SUBMITTED):
        raise Http404
    rows = pages.score_sheet(assignment)
    editable = assignment.status == AssignmentStatus.ACCEPTED
    form = ScoreForm(request.POST or None, rows=rows)
    if request.method == "POST":
        if not editable:
            messages.error(request, _("The scores are submitted and can no longer change."))
            return redirect("assessment:assignment", assignment_id=assignment.pk)
        if form.is_valid():
            submit = "submit" in request.POST
            s, user = services(), request.user
            done = attempt(
                request,
                form,
                lambda: _save_sheet(
                    form,
                    lambda **score: s.score_save(user, assignment, **score),
                    (lambda: s.scores_submit(user, assignment)) if submit else None,
                ),
            )
            if done is not None:
                messages.success(
                    request,
                    _("Your scores are submitted.") if submit else _("Your scores are saved as a draft."),
                )
                return redirect("assessment:assignment", assignment_id=assignment.pk)
    return render(
        request,
        "assessment/score.html",
        {
            "assignment": assignment,
            "application": application,
            "call": application.call,
            "rows": form.bound_rows(),
            "form": form,
            "editable": editable,
        },
    )


def _save_sheet(form, save_one, submit_all=None):
    """Every criterion of a score sheet, then its submission when asked: all or nothing, so that a refusal on one
    criterion leaves the sheet (and the audit trail) as it was."""
    with transaction.atomic():
        for criterion, points, justification in form.entries():
            save_one(criterion=criterion, points=points, justification=justification)
        if submit_all:
            submit_all()
    return True


@login_required
@require_POST
def assignment_submit(request, assignment_id):
    assignment = _own_assignment(request, assignment_id)
    act(request, lambda: services().scores_submit(request.user, assignment), _("Your scores are submitted."))
    return redirect("assessment:assignment", assignment_id=assignment.pk)


@login_required
def consensus_page(request, assignment_id):
    """The lead assessor enters the consensus scores (calls that consolidate by consensus), after the assessors
    submitted theirs; the other assessors' scores and justifications are shown to support the discussion."""
    assignment = _own_assignment(request, assignment_id)
    application = assignment.application
    call = application.call
    if not assignment.is_lead or call.consolidation != ConsolidationMethod.CONSENSUS or not assignment.is_active:
        raise Http404
    consensus = Consensus.objects.filter(application=application).first()
    existing = {s.criterion_id: s for s in consensus.scores.all()} if consensus else {}
    rows = [pages.ScoreRow(c, existing.get(c.pk)) for c in call.award_criteria.order_by("position", "id")]
    editable = consensus is None or consensus.status != ConsensusStatus.SUBMITTED
    form = ScoreForm(request.POST or None, rows=rows)
    if request.method == "POST" and editable and form.is_valid():
        submit = "submit" in request.POST

        s, user = services(), request.user
        saved = attempt(
            request,
            form,
            lambda: _save_sheet(
                form,
                lambda **score: s.consensus_save(user, application, **score),
                (lambda: s.consensus_submit(user, application)) if submit else None,
            ),
        )
        if saved is not None:
            messages.success(
                request, _("The consensus is submitted.") if submit else _("The consensus is saved as a draft.")
            )
            return redirect("assessment:consensus", assignment_id=assignment.pk)
    others = (
        Assignment.objects.filter(application=application, status=AssignmentStatus.SUBMITTED)
        .select_related("assessor")
        .prefetch_related("scores")
    )
    return render(
        request,
        "assessment/consensus.html",
        {
            "assignment": assignment,
            "application": application,
            "call": call,
            "consensus": consensus,
            "rows": form.bound_rows(),
            "form": form,
            "editable": editable,
            "others": others,
        },
    )
