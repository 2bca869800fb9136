"""The register of complaints about a call's selection (CPR art. 69(7)): registered with the date received,
taken up, answered in writing with the date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.applications.constants import ApplicationStatus
from subsidia.applications.models import Application

from .. import pages
from ..forms import ComplaintAnswerForm, ComplaintForm, ReasonForm
from ..models import Complaint
from .common import act, attempt, call_for_staff, officer, services, staff


@login_required
def complaint_list(request, call_id):
    call = call_for_staff(request, call_id)
    applications = (
        Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)
        .select_related("organisation")
        .order_by("reference")
    )
    form = ComplaintForm(request.POST or None, applications=applications)
    if request.method == "POST":
        officer(request)
        if form.is_valid():
            data = form.cleaned_data
            complaint = attempt(
                request,
                form,
                lambda: services().complaint_register(
                    request.user,
                    data["application"],
                    channel=data["channel"],
                    received_at=data["received_at"],
                    subject=data["subject"],
                    text=data["text"],
                ),
            )
            if complaint is not None:
                messages.success(
                    request, _("Complaint %(reference)s is registered.") % {"reference": complaint.reference}
                )
                return redirect("assessment:complaint", complaint_id=complaint.pk)
    return render(
        request,
        "assessment/complaint_list.html",
        {"call": call, "complaints": pages.complaints_of(call), "form": form},
    )


def _complaint(request, complaint_id) -> Complaint:
    staff(request)
    return get_object_or_404(
        Complaint.objects.select_related("application", "application__call", "application__organisation", "decision"),
        pk=pages.int_or_404(complaint_id),
    )


@login_required
def complaint_detail(request, complaint_id):
    complaint = _complaint(request, complaint_id)
    form = ComplaintAnswerForm(request.POST or None)
    if request.method == "POST":
        officer(request)
        if form.is_valid():
            done = attempt(
                request,
                form,
                lambda: services().complaint_answer(
                    request.user, complaint, outcome=form.cleaned_data["outcome"], answer=form.cleaned_data["answer"]
                ),
            )
            if done is not None:
                messages.success(request, _("The answer is recorded."))
                return redirect("assessment:complaint", complaint_id=complaint.pk)
    return render(
        request,
        "assessment/complaint_detail.html",
        {"complaint": complaint, "call": complaint.application.call, "form": form, "reason_form": ReasonForm()},
    )


@login_required
@require_POST
def complaint_action(request, complaint_id, verb):
    complaint = _complaint(request, complaint_id)
    officer(request)
    if verb == "take-up":
        act(request, lambda: services().complaint_take_up(request.user, complaint), _("You handle this complaint."))
    elif verb == "withdraw":
        form = ReasonForm(request.POST)
        if form.is_valid():
            act(
                request,
                lambda: services().complaint_withdraw(request.user, complaint, reason=form.cleaned_data["reason"]),
                _("The complaint is recorded as withdrawn."),
            )
        else:
            messages.error(request, _("Give the reason."))
    else:
        from django.http import Http404

        raise Http404
    return redirect("assessment:complaint", complaint_id=complaint.pk)
