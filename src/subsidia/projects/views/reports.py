"""Progress report pages: the beneficiary opens the report of a period, fills in the narrative and the values,
submits it after the period; an officer accepts it or returns it with a note."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core.exceptions import ServiceError
from subsidia.core.forms import apply_service

from .. import services
from ..constants import EDITABLE_REPORT_STATUSES
from ..forms import NoteForm, ReportForm, RequiredNoteForm
from .common import act, back, visible_operation


@login_required
@require_POST
def report_create(request, code):
    operation = visible_operation(request, code)
    try:
        start = dt.date.fromisoformat(request.POST.get("period_start", ""))
        report = services.report_create(request.user, operation, period_start=start)
    except ValueError:
        messages.error(request, _("Choose one of the operation's reporting periods."))
        return back(operation, "reports")
    except (ServiceError, PermissionDenied) as exc:
        messages.error(request, getattr(exc, "message", "") or _("Your role does not allow this."))
        return back(operation, "reports")
    return redirect("projects:report", code=operation.code, pk=report.pk)


@login_required
def report_page(request, code, pk):
    operation = visible_operation(request, code)
    report = get_object_or_404(operation.progress_reports, pk=pk)
    targets = list(operation.indicator_targets.select_related("indicator"))
    current = {value.target_id: value for value in report.values.all()}
    editable = report.status in EDITABLE_REPORT_STATUSES and request.user.has_perm(
        "projects.report_progress", operation
    )
    form = ReportForm(request.POST or None, targets=targets, current=current, initial={"narrative": report.narrative})
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid() and apply_service(
            request,
            form,
            lambda: services.report_update(
                request.user, report, narrative=form.cleaned_data["narrative"], values=form.values()
            ),
        ):
            messages.success(request, _("The report was saved."))
            return redirect("projects:report", code=operation.code, pk=report.pk)
    return render(
        request,
        "projects/report.html",
        {
            "operation": operation,
            "report": report,
            "form": form,
            "editable": editable,
            "values": [(t, current.get(t.pk)) for t in targets],
            "can_manage": request.user.has_perm("projects.manage_operation", operation),
            "note_form": NoteForm(),
            "required_note_form": RequiredNoteForm(),
        },
    )


@login_required
@require_POST
def report_submit(request, code, pk):
    operation = visible_operation(request, code)
    report = get_object_or_404(operation.progress_reports, pk=pk)
    return act(
        request,
        operation,
        lambda: services.report_submit(request.user, report),
        _("The report was submitted to the managing authority."),
        "reports",
    )


@login_required
@require_POST
def report_review(request, code, pk, verb):
    operation = visible_operation(request, code)
    report = get_object_or_404(operation.progress_reports, pk=pk)
    form = (NoteForm if verb == "accept" else RequiredNoteForm)(request.POST)
    service = services.report_accept if verb == "accept" else services.report_return
    if form.is_valid() and apply_service(
        request, form, lambda: service(request.user, report, note=form.cleaned_data.get("note", ""))
    ):
        return back(operation, "reports")
    return render(
        request,
        "projects/simple_form.html",
        {"operation": operation, "form": form, "title": _("Review the progress report")},
    )
