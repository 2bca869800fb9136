"""Programme pages for officers (list, create, edit, transitions) and the public budget page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from subsidia.core import approvals
from subsidia.core.charts import Series, StackedBarChart
from subsidia.core.exceptions import ServiceError
from subsidia.core.forms import apply_service, run_action
from subsidia.core.money import AmountError, parse_amount, rate_of
from subsidia.reference.figures import cofinancing_cap
from subsidia.reference.models import ImplementationModality

from . import exports, selectors, services
from .constants import VersionStatus
from .forms import AdoptForm, AllocationForm, ProgrammeForm, ReasonForm, VersionForm
from .models import Allocation, Programme


def _staff(request, perm="programmes.view_programme"):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _version(request, pk, number):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    version = selectors.versions_visible_to(request.user, programme).filter(number=number).first()
    if version is None:
        raise Http404
    return programme, version


def budget_chart(table) -> str:
    return StackedBarChart(
        title=_("EU contribution per year and specific objective"),
        categories=[str(y) for y in table.years],
        series=[
            Series(objective.label, [cell["eu_contribution"] for cell in cells])
            for objective, cells, _total in table.rows()
        ],
    ).render()


def budget_context(version):
    table = selectors.budget_table(version)
    return {
        "version": version,
        "table": table,
        "regions": selectors.totals_by_region(version),
        "chart": budget_chart(table),
        "warnings": selectors.budget_warnings(version),
    }


# --- Officer pages ---------------------------------------------------------------------------------------


@login_required
def programme_list(request):
    _staff(request)
    programmes = selectors.programmes_with_totals(request.user)
    return render(request, "programmes/programme_list.html", {"programmes": programmes})


@login_required
def programme_create(request):
    _staff(request, "programmes.add_programme")
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = apply_service(request, form, lambda: services.programme_create(request.user, **form.cleaned_data))
        if programme:
            messages.success(request, _("Programme %(cci)s created.") % {"cci": programme.cci})
            return redirect("programmes:detail", pk=programme.pk)
    return render(request, "programmes/form.html", {"form": form, "title": _("New programme")})


@login_required
def programme_detail(request, pk):
    _staff(request)
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    version = programme.current_version
    context = {
        "programme": programme,
        "versions": programme.versions.order_by("-number"),
        "open_version": programme.open_version(),
        "amend_form": ReasonForm(),
    }
    if version:
        context.update(budget_context(version))
    return render(request, "programmes/programme_detail.html", context)


@login_required
def version_detail(request, pk, number):
    _staff(request)
    programme, version = _version(request, pk, number)
    context = budget_context(version)
    context.update(
        {
            "programme": programme,
            "allocations": selectors.allocations_visible_to(request.user).filter(version=version),
            "approval": approvals.approval_state(version) if version.is_amendment else None,
            "adopt_form": AdoptForm(),
            "return_form": ReasonForm(),
            "can_edit": request.user.has_perm("programmes.change_programmeversion", version) and version.is_editable,
        }
    )
    return render(request, "programmes/version_detail.html", context)


@login_required
def version_edit(request, pk, number):
    _staff(request, "programmes.change_programmeversion")
    _programme, version = _version(request, pk, number)
    form = VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        previously_approved = approvals.is_approved(version) if version.is_amendment else False
        done = apply_service(request, form, lambda: services.version_update(request.user, version, **changes))
        if done:
            if previously_approved and not approvals.is_approved(done):
                messages.warning(
                    request,
                    _("This change clears the committee's approval: the amendment must go back to the committee."),
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("programmes:version", pk=pk, number=number)
    return render(
        request, "programmes/form.html", {"form": form, "title": _("Edit %(version)s") % {"version": version}}
    )


def _allocation_form_page(request, programme, version, instance=None):
    preview_url = reverse("programmes:rate-preview")
    form = AllocationForm(request.POST or None, instance=instance, version=version, preview_url=preview_url)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.fields}
        previously_approved = approvals.is_approved(version) if version.is_amendment else False
        if instance is None:
            done = apply_service(request, form, lambda: services.allocation_create(request.user, version, **data))
        else:
            done = apply_service(request, form, lambda: services.allocation_update(request.user, instance, **data))
        if done:
            version.refresh_from_db()
            if previously_approved and not approvals.is_approved(version):
                messages.warning(
                    request,
                    _("This change clears the committee's approval: the amendment must go back to the committee."),
                )
            else:
                messages.success(request, _("Allocation saved."))
            return redirect("programmes:version", pk=programme.pk, number=version.number)
    title = _("New allocation") if instance is None else _("Edit allocation")
    return render(
        request,
        "programmes/allocation_form.html",
        {"form": form, "title": title, "version": version, "programme": programme},
    )


@login_required
def allocation_create(request, pk, number):
    _staff(request, "programmes.change_allocation")
    programme, version = _version(request, pk, number)
    return _allocation_form_page(request, programme, version)


@login_required
def allocation_edit(request, pk, number, allocation_id):
    _staff(request, "programmes.change_allocation")
    programme, version = _version(request, pk, number)
    allocation = get_object_or_404(Allocation, pk=allocation_id, version=version)
    return _allocation_form_page(request, programme, version, allocation)


@login_required
@require_POST
def allocation_delete(request, pk, number, allocation_id):
    _staff(request, "programmes.change_allocation")
    _programme, version = _version(request, pk, number)
    allocation = get_object_or_404(Allocation, pk=allocation_id, version=version)
    run_action(request, lambda: services.allocation_delete(request.user, allocation), _("Allocation deleted."))
    return redirect("programmes:version", pk=pk, number=number)


@login_required
@require_POST
def rate_preview(request):
    """HTMX: the co-financing rate and its cap while the officer types the amounts."""
    _staff(request, "programmes.change_allocation")
    context = {}
    try:
        eu = parse_amount(request.POST.get("eu_contribution") or "0")
        national = parse_amount(request.POST.get("national_contribution") or "0")
    except AmountError:
        context["error"] = _("Enter amounts in euro with at most two decimals.")
    else:
        context.update(eu=eu, national=national, total=eu + national, rate=rate_of(eu, eu + national))
        modality_id = request.POST.get("implementation_modality") or ""
        modality = ImplementationModality.objects.filter(pk=modality_id).first() if modality_id.isdigit() else None
        if modality:
            cap = cofinancing_cap(modality)
            context.update(cap=cap, over=cap.max_rate is not None and eu > cap.max_rate * (eu + national))
    return render(request, "programmes/_rate_preview.html", context)


@login_required
@require_POST
def version_submit(request, pk, number):
    _staff(request, "programmes.submit_programmeversion")
    _programme, version = _version(request, pk, number)
    run_action(
        request,
        lambda: services.version_submit_to_commission(request.user, version),
        _("The version was submitted to the Commission."),
    )
    return redirect("programmes:version", pk=pk, number=number)


@login_required
def version_adopt(request, pk, number):
    _staff(request, "programmes.record_decision_programmeversion")
    _programme, version = _version(request, pk, number)
    form = AdoptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = apply_service(request, form, lambda: services.version_adopt(request.user, version, **form.cleaned_data))
        if done:
            messages.success(request, _("The Commission's decision was recorded; this version is now in force."))
            return redirect("programmes:detail", pk=pk)
    return render(request, "programmes/form.html", {"form": form, "title": _("Record the Commission's decision")})


@login_required
@require_POST
def version_return(request, pk, number):
    _staff(request, "programmes.submit_programmeversion")
    _programme, version = _version(request, pk, number)
    form = ReasonForm(request.POST)
    reason = form.data.get("reason", "")
    run_action(
        request,
        lambda: services.version_return_to_draft(request.user, version, reason=reason),
        _("The version is a draft again."),
    )
    return redirect("programmes:version", pk=pk, number=number)


@login_required
@require_POST
def programme_amend(request, pk):
    _staff(request, "programmes.amend_programme")
    programme = get_object_or_404(Programme, pk=pk)
    reason = request.POST.get("reason", "")
    try:
        version = services.programme_amend(request.user, programme, reason=reason)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("programmes:detail", pk=pk)
    messages.success(request, _("Amendment %(n)s started as a draft.") % {"n": version.number})
    return redirect("programmes:version", pk=pk, number=version.number)


# --- Exports (public for versions the public may see) -------------------------------------------------------


@require_GET
def budget_export(request, pk, number, fmt):
    _programme, version = _version(request, pk, number)
    if fmt == "csv":
        return exports.budget_csv(version)
    if fmt == "semicolon.csv":
        return exports.budget_csv(version, delimiter=";")
    if fmt == "xlsx":
        return exports.budget_xlsx(version)
    raise Http404


# --- Public pages -------------------------------------------------------------------------------------------


@require_GET
def public_budget_list(request):
    programmes = selectors.programmes_with_totals(None).filter(current_version__status__in=selectors.PUBLIC_STATUSES)
    return render(request, "programmes/public_list.html", {"programmes": programmes})


@require_GET
def public_budget(request, pk):
    programme = get_object_or_404(
        Programme.objects.select_related("fund", "current_version").filter(
            current_version__status__in=selectors.PUBLIC_STATUSES
        ),
        pk=pk,
    )
    context = budget_context(programme.current_version)
    context["programme"] = programme
    context["is_public"] = True
    context["is_adopted"] = programme.current_version.status == VersionStatus.ADOPTED
    return render(request, "programmes/public_budget.html", context)
