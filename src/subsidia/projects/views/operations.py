"""Operations: the officers' list with totals, the beneficiary's own list, the file of one operation, and the
officers' corrections and closing transitions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from subsidia.core import clock
from subsidia.core.forms import apply_service

from .. import exports, selectors, services
from ..constants import EDITABLE_REPORT_STATUSES, OPEN_AGREEMENT_STATUSES
from ..filters import OperationFilter
from ..forms import (
    CompleteForm,
    ConditionsForm,
    DetailsForm,
    NoteForm,
    ReasonForm,
    ReportStartForm,
    RequiredNoteForm,
    SignatureForm,
    TerminateForm,
)
from ..periods import periods
from .common import allowed, back, visible_operation


def _filtered(request):
    if not request.user.has_perm("projects.list_operations"):
        raise PermissionDenied
    return OperationFilter(request.GET or None, queryset=selectors.operations_visible_to(request.user))


@login_required
@require_GET
def operation_list(request):
    filterset = _filtered(request)
    operations = filterset.qs if filterset.is_bound else filterset.queryset
    if filterset.is_bound and not filterset.is_valid():
        operations = operations.none()
    return render(
        request,
        "projects/operation_list.html",
        {
            "filter": filterset,
            "page": Paginator(operations, 50).get_page(request.GET.get("page")),
            "totals": selectors.totals(operations.exclude(status="cancelled")),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def operation_list_xlsx(request):
    filterset = _filtered(request)
    operations = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return exports.operations_xlsx(operations)


@login_required
@require_GET
def operation_list_csv(request):
    filterset = _filtered(request)
    operations = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return exports.operations_csv(operations, delimiter=";" if request.GET.get("sep") == "semicolon" else ",")


@login_required
@require_GET
def my_operations(request):
    if request.user.has_perm("projects.list_operations"):
        return redirect("projects:list")
    operations = selectors.operations_visible_to(request.user)
    return render(request, "projects/my_operations.html", {"operations": operations, "today": clock.today()})


def _report_periods(operation):
    taken = set(operation.progress_reports.values_list("period_start", flat=True))
    today = clock.today()
    return [
        (period, f"{period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}")
        for period in periods(operation.start_date, operation.end_date)
        if period.start not in taken and period.start <= today
    ]


@login_required
@require_GET
def operation_detail(request, code):
    operation = visible_operation(request, code)
    user = request.user
    agreements = list(operation.agreements.select_related("prepared_by", "confirmed_by", "amendment"))
    amendments = list(operation.amendments.prefetch_related("budget_lines").select_related("prepared_by", "decided_by"))
    reports = list(operation.progress_reports.select_related("submitted_by", "reviewed_by"))
    can_manage = user.has_perm("projects.manage_operation", operation)
    open_periods = _report_periods(operation)
    context = {
        "operation": operation,
        "budget": selectors.budget_table(operation),
        "achievements": selectors.achievements(operation),
        "agreements": agreements,
        "open_agreement": next((a for a in agreements if a.status in OPEN_AGREEMENT_STATUSES), None),
        "amendments": amendments,
        "open_amendment": next((a for a in amendments if a.status in ("draft", "submitted")), None),
        "reports": reports,
        "editable_report_statuses": EDITABLE_REPORT_STATUSES,
        "room": selectors.call_budget_room(operation.call) if can_manage else None,
        "can_manage": can_manage,
        "can_approve": user.has_perm("projects.approve_operation", operation),
        "can_report": user.has_perm("projects.report_progress", operation),
        "can_sign": user.has_perm("projects.sign_agreement", operation),
        "is_staff_reader": user.has_perm("projects.list_operations"),
        "conditions_form": ConditionsForm(),
        "signature_form": SignatureForm(initial={"signed_on": clock.today(), "signatory_name": user.get_full_name()}),
        "reason_form": ReasonForm(),
        "note_form": NoteForm(),
        "required_note_form": RequiredNoteForm(),
        "report_start_form": ReportStartForm(periods=open_periods) if open_periods else None,
        "complete_form": CompleteForm(initial={"actual_end_date": operation.end_date}),
        "terminate_form": TerminateForm(initial={"actual_end_date": clock.today()}),
        "today": clock.today(),
        "pdf_languages": ("nl", "fr", "en"),
    }
    return render(request, "projects/operation_detail.html", context)


@login_required
def details_edit(request, code):
    operation = visible_operation(request, code)
    allowed(request, "projects.manage_operation", operation)
    initial = {name: getattr(operation, name) for name in services.lifecycle.DETAIL_FIELDS}
    form = DetailsForm(request.POST or None, operation=operation, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = apply_service(
            request, form, lambda: services.operation_update_details(request.user, operation, **form.cleaned_data)
        )
        if done:
            return back(operation)
    return render(request, "projects/details_form.html", {"operation": operation, "form": form})


def _closing(request, code, form_class, service, template_title, perm):
    operation = visible_operation(request, code)
    allowed(request, perm, operation)
    form = form_class(request.POST or None)
    done = (
        request.method == "POST"
        and form.is_valid()
        and apply_service(request, form, lambda: service(request.user, operation, **form.cleaned_data))
    )
    if done:
        return back(operation)
    return render(request, "projects/simple_form.html", {"operation": operation, "form": form, "title": template_title})


@login_required
def operation_complete(request, code):
    return _closing(
        request,
        code,
        CompleteForm,
        services.operation_complete,
        _("Close the operation as completed"),
        "projects.manage_operation",
    )


@login_required
def operation_terminate(request, code):
    return _closing(
        request,
        code,
        TerminateForm,
        services.operation_terminate,
        _("End the operation early"),
        "projects.approve_operation",
    )
