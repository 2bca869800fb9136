"""The officer's side of the calendar of planned calls: lines, updates, and the overdue warning."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core.forms import apply_service, run_action
from subsidia.programmes.models import Programme

from .. import selectors, services
from ..forms import CalendarConfirmForm, PlannedCallForm
from ..models import PlannedCall
from .common import staff


def _programme(request):
    programmes = Programme.objects.order_by("cci")
    chosen = request.GET.get("programme") or request.POST.get("programme") or ""
    return (programmes.filter(pk=chosen).first() if chosen.isdigit() else None) or programmes.first(), programmes


@login_required
def calendar_manage(request):
    staff(request)
    programme, programmes = _programme(request)
    context = {"programme": programme, "programmes": programmes, "confirm_form": CalendarConfirmForm()}
    if programme:
        context.update(
            status=selectors.calendar_status(programme),
            planned=selectors.planned_calls(programme),
            revisions=programme.calendar_revisions.select_related("revised_by")[:10],
        )
    return render(request, "calls/calendar_manage.html", context)


def _initial(planned):
    if planned is None:
        return {}
    initial = {
        name: getattr(planned, name)
        for name in (
            "specific_objective",
            "region",
            "indicative_budget",
            "planned_opening",
            "planned_closing",
        )
    }
    for name in ("title", "eligible_applicants"):
        for lang in ("nl", "fr", "en"):
            initial[f"{name}_{lang}"] = getattr(planned, f"{name}_{lang}")
    initial["eligible_area"] = list(planned.eligible_area.all())
    return initial


@login_required
def planned_form(request, programme_id, planned_id=None):
    staff(request, "calls.change_plannedcall")
    programme = get_object_or_404(Programme, pk=programme_id)
    planned = get_object_or_404(PlannedCall, pk=planned_id, programme=programme) if planned_id else None
    form = PlannedCallForm(request.POST or None, initial=_initial(planned))
    if request.method == "POST" and form.is_valid():
        done = apply_service(
            request,
            form,
            lambda: services.planned_call_save(request.user, programme, planned, **form.cleaned_data),
        )
        if done:
            messages.success(request, _("The calendar of planned calls is updated."))
            return redirect(f"{_calendar_url()}?programme={programme.pk}")
    title = _("Planned call") if planned else _("New planned call")
    return render(request, "calls/planned_form.html", {"form": form, "title": title, "programme": programme})


def _calendar_url():
    return reverse("calls:calendar-manage")


@login_required
@require_POST
def planned_delete(request, programme_id, planned_id):
    staff(request, "calls.change_plannedcall")
    planned = get_object_or_404(PlannedCall, pk=planned_id, programme_id=programme_id)
    run_action(request, lambda: services.planned_call_delete(request.user, planned), _("Removed from the calendar."))
    return redirect(f"{_calendar_url()}?programme={programme_id}")


@login_required
@require_POST
def calendar_confirm(request, programme_id):
    staff(request, "calls.change_plannedcall")
    programme = get_object_or_404(Programme, pk=programme_id)
    run_action(
        request,
        lambda: services.calendar_confirm(request.user, programme, note=request.POST.get("note", "")),
        _("The calendar is published as up to date."),
    )
    return redirect(f"{_calendar_url()}?programme={programme.pk}")
