"""The stakeholder register and the needs and priorities register."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from subsidia.core.forms import apply_service, run_action
from subsidia.programmes.models import Programme

from .. import selectors, services
from ..constants import StakeholderType
from ..forms import AdoptForm, EvidenceForm, OrganisationForm, PriorityForm, ReasonForm, RegisterImportForm
from ..models import Evidence, Priority, StakeholderOrganisation, Survey
from .surveys import require_perm

# --- Stakeholder organisations ----------------------------------------------------------------------------


@login_required
def organisation_list(request):
    require_perm(request, "consultations.view_stakeholderorganisation")
    organisations = selectors.organisations_visible_to(request.user)
    kind = request.GET.get("type", "")
    if kind in StakeholderType.values:
        organisations = organisations.filter(stakeholder_type=kind)
    return render(
        request,
        "consultations/organisation_list.html",
        {"organisations": organisations, "types": StakeholderType.choices, "type": kind},
    )


def _organisation_page(request, organisation=None):
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.fields}
        if organisation is None:
            done = apply_service(request, form, lambda: services.organisation_create(request.user, **data))
        else:
            changes = {f: data[f] for f in form.changed_data}
            done = apply_service(
                request, form, lambda: services.organisation_update(request.user, organisation, **changes)
            )
        if done:
            messages.success(request, _("Organisation saved."))
            return redirect("consultations:organisations")
    title = _("New organisation") if organisation is None else organisation.name
    return render(request, "consultations/form.html", {"form": form, "title": title})


@login_required
def organisation_import(request):
    require_perm(request, "consultations.add_stakeholderorganisation")
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.SUBSIDIA_MAX_UPLOAD_BYTES:
            form.add_error(
                "file",
                _("The file is larger than the %(mb)s MB allowed.")
                % {"mb": settings.SUBSIDIA_MAX_UPLOAD_BYTES // 2**20},
            )
        elif not upload.name.lower().endswith((".csv", ".txt")):
            form.add_error("file", _("Choose a CSV file."))
        else:
            report = apply_service(request, form, lambda: services.organisations_import(request.user, upload.read()))
            if report:
                messages.success(
                    request,
                    _("Register imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
                    % {
                        "created": len(report.created),
                        "updated": len(report.updated),
                        "unchanged": len(report.unchanged),
                    },
                )
                return redirect("consultations:organisations")
    return render(request, "consultations/import.html", {"form": form})


@login_required
def organisation_create(request):
    require_perm(request, "consultations.add_stakeholderorganisation")
    return _organisation_page(request)


@login_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(StakeholderOrganisation, pk=pk)
    require_perm(request, "consultations.change_stakeholderorganisation", organisation)
    return _organisation_page(request, organisation)


# --- Priorities -------------------------------------------------------------------------------------------


@require_GET
def priority_list(request):
    """The register: public for adopted priorities, with the survey findings behind each."""
    programmes = Programme.objects.filter(priorities__isnull=False).distinct().order_by("cci")
    programme = None
    chosen = request.GET.get("programme", "")
    if chosen.isdigit():
        programme = programmes.filter(pk=int(chosen)).first()
    items = selectors.priorities_with_evidence(programme, user=request.user)
    return render(
        request,
        "consultations/priority_list.html",
        {
            "items": items,
            "programmes": programmes,
            "programme": programme,
            "sees_all": request.user.has_perm("consultations.view_all_priorities"),
            "can_add": request.user.has_perm("consultations.add_priority"),
        },
    )


def _visible_priority(request, pk) -> Priority:
    priority = get_object_or_404(selectors.priorities_visible_to(request.user), pk=pk)
    if not request.user.has_perm("consultations.view_priority", priority):
        raise PermissionDenied
    return priority


@require_GET
def priority_detail(request, pk):
    priority = _visible_priority(request, pk)
    can_change = request.user.has_perm("consultations.change_priority", priority)
    context = {
        "item": selectors.priority_with_evidence(priority),
        "priority": priority,
        "can_change": can_change,
        "evidence_form": EvidenceForm(priority=priority) if can_change else None,
        "adopt_form": AdoptForm(),
        "withdraw_form": ReasonForm(),
        "sees_results": request.user.is_authenticated
        and priority.survey_id is not None
        and request.user.has_perm("consultations.view_results", priority.survey),
    }
    return render(request, "consultations/priority_detail.html", context)


def _priority_page(request, priority=None):
    editing = priority is not None
    initial = None
    if editing:
        initial = {f: getattr(priority, f) for f in services.priorities.PRIORITY_FIELDS}
    else:
        survey = (
            Survey.objects.filter(pk=request.GET.get("survey") or 0).first()
            if (request.GET.get("survey", "").isdigit())
            else None
        )
        if survey:
            initial = {"survey": survey, "programme": survey.programme}
    form = PriorityForm(request.POST or None, initial=initial, editing=editing)
    if editing:
        form.fields["survey"].queryset = Survey.objects.filter(programme=priority.programme)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if editing:
            changes = {f: data[f] for f in form.changed_data}
            done = apply_service(request, form, lambda: services.priority_update(request.user, priority, **changes))
        else:
            done = apply_service(request, form, lambda: services.priority_create(request.user, **data))
        if done:
            messages.success(request, _("Priority saved."))
            return redirect("consultations:priority", pk=done.pk)
    title = _("New priority") if not editing else _("Edit priority %(code)s") % {"code": priority.code}
    return render(request, "consultations/form.html", {"form": form, "title": title})


@login_required
def priority_create(request):
    require_perm(request, "consultations.add_priority")
    return _priority_page(request)


@login_required
def priority_edit(request, pk):
    priority = _visible_priority(request, pk)
    require_perm(request, "consultations.change_priority", priority)
    return _priority_page(request, priority)


@login_required
@require_POST
def priority_adopt(request, pk):
    priority = _visible_priority(request, pk)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date of adoption."))
    else:
        run_action(
            request,
            lambda: services.priority_adopt(request.user, priority, **form.cleaned_data),
            _("The priority is recorded as adopted in the programme."),
        )
    return redirect("consultations:priority", pk=pk)


@login_required
@require_POST
def priority_withdraw(request, pk):
    priority = _visible_priority(request, pk)
    reason = request.POST.get("reason", "")
    run_action(
        request,
        lambda: services.priority_withdraw_adoption(request.user, priority, reason=reason),
        _("The priority is proposed again."),
    )
    return redirect("consultations:priority", pk=pk)


@login_required
@require_POST
def evidence_add(request, pk):
    priority = _visible_priority(request, pk)
    require_perm(request, "consultations.change_priority", priority)
    form = EvidenceForm(request.POST, priority=priority)
    if form.is_valid() and apply_service(
        request, form, lambda: services.evidence_add(request.user, priority, **form.cleaned_data)
    ):
        messages.success(request, _("Evidence linked."))
        return redirect("consultations:priority", pk=pk)
    for field, errors in form.errors.items():
        for error in errors:
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect("consultations:priority", pk=pk)


@login_required
@require_POST
def evidence_remove(request, pk, evidence_id):
    priority = _visible_priority(request, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_id, priority=priority)
    run_action(request, lambda: services.evidence_remove(request.user, evidence), _("Evidence removed."))
    return redirect("consultations:priority", pk=pk)
