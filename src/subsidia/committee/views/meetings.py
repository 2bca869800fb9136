"""Meeting pages: agenda with the quorum of each item, attendance, decisions, conflicts, papers, minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from subsidia.core import clock
from subsidia.core.exceptions import ServiceError
from subsidia.core.forms import apply_service, run_action
from subsidia.core.pdf import pdf_response, render_pdf

from .. import selectors, services
from ..forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    DeclareForm,
    MeetingForm,
    MinutesApprovalForm,
    MinutesForm,
    PaperForm,
    ReasonForm,
)
from ..models import Paper
from ._helpers import require_manage, visible_committee, visible_item, visible_meeting


@login_required
def meeting_create(request, pk):
    committee = visible_committee(request, pk)
    require_manage(request, committee)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = apply_service(
            request, form, lambda: services.meeting_create(request.user, committee, **form.cleaned_data)
        )
        if meeting:
            messages.success(request, _("Meeting planned. Add the agenda, then invite the members."))
            return redirect("committee:meeting", pk=meeting.pk)
    return render(
        request,
        "committee/form.html",
        {"form": form, "title": _("Plan a meeting"), "back": committee.get_absolute_url()},
    )


@login_required
def meeting_edit(request, pk):
    meeting = visible_meeting(request, pk)
    require_manage(request, meeting)
    fields = ("reference", "title", "starts_at", "place", "online_url")
    form = MeetingForm(request.POST or None, initial={f: getattr(meeting, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        if apply_service(request, form, lambda: services.meeting_update(request.user, meeting, **changes)):
            messages.success(request, _("Saved."))
            return redirect("committee:meeting", pk=pk)
    return render(
        request,
        "committee/form.html",
        {"form": form, "title": str(meeting), "back": meeting.get_absolute_url()},
    )


def _item_rows(request, meeting, member_self):
    rows = []
    for item in meeting.items.select_related("approval_request").prefetch_related("papers"):
        declarations = list(item.declarations.select_related("member"))
        rows.append(
            {
                "item": item,
                "quorum": selectors.item_quorum(item) if item.kind == "decision" else None,
                "declarations": declarations,
                "concerned": selectors.concerned_members(item),
                "can_declare_self": bool(
                    member_self and not item.decided and not any(d.member_id == member_self.pk for d in declarations)
                ),
            }
        )
    return rows


@login_required
def meeting_detail(request, pk):
    meeting = visible_meeting(request, pk)
    can_manage = request.user.has_perm("committee.manage", meeting)
    day = selectors.meeting_day(meeting)
    members_on_day = selectors.members_on(meeting.committee, day).order_by("substitute_for_id", "position")
    member_self = selectors.membership_on(request.user, meeting.committee, day)
    return render(
        request,
        "committee/meeting.html",
        {
            "meeting": meeting,
            "items": _item_rows(request, meeting, member_self),
            "quorum": selectors.meeting_quorum(meeting),
            "papers": selectors.papers_visible_to(request.user).filter(meeting=meeting),
            "can_manage": can_manage,
            "started": meeting.starts_at <= clock.now(),
            "attendance_locked": meeting.items.exclude(outcome="").exists(),
            "member_self": member_self,
            "item_form": AgendaItemForm() if can_manage else None,
            "paper_form": PaperForm(meeting=meeting) if can_manage else None,
            "attendance_form": AttendanceForm(
                members=members_on_day,
                initial={"present": [a.member_id for a in meeting.attendance.filter(present=True)]},
            )
            if can_manage
            else None,
            "decision_form": DecisionForm() if can_manage else None,
            "declare_form": DeclareForm(members=members_on_day) if can_manage else None,
            "cancel_form": ReasonForm() if can_manage else None,
        },
    )


@login_required
@require_POST
def item_add(request, pk):
    meeting = visible_meeting(request, pk)
    require_manage(request, meeting)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("committee:meeting", pk=pk)
    try:
        services.meeting_add_agenda_item(request.user, meeting, **form.cleaned_data)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Item added to the agenda."))
    return redirect("committee:meeting", pk=pk)


@login_required
@require_POST
def invite(request, pk):
    meeting = visible_meeting(request, pk)
    require_manage(request, meeting)
    run_action(
        request,
        lambda: services.meeting_invite(request.user, meeting),
        _("The invitation with the agenda was sent to the members."),
    )
    return redirect("committee:meeting", pk=pk)


@login_required
@require_POST
def cancel(request, pk):
    meeting = visible_meeting(request, pk)
    require_manage(request, meeting)
    reason = request.POST.get("reason", "")
    run_action(
        request,
        lambda: services.meeting_cancel(request.user, meeting, reason=reason),
        _("The meeting was cancelled."),
    )
    return redirect("committee:meeting", pk=pk)


@login_required
@require_POST
def attendance(request, pk):
    meeting = visible_meeting(request, pk)
    require_manage(request, meeting)
    members = selectors.members_on(meeting.committee, selectors.meeting_day(meeting))
    form = AttendanceForm(request.POST, members=members)
    if form.is_valid():
        present = list(form.cleaned_data["present"])
        run_action(
            request,
            lambda: services.meeting_record_attendance(request.user, meeting, present=present),
            _("Attendance recorded."),
        )
    else:
        messages.error(request, _("Choose the members who are present."))
    return redirect("committee:meeting", pk=pk)


@login_required
@require_POST
def decide(request, item_id):
    item = visible_item(request, item_id)
    require_manage(request, item.meeting)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.agenda_item_decide(request.user, item, **form.cleaned_data)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The decision was recorded."))
    else:
        messages.error(request, _("Enter the decision and the numbers of votes (whole numbers, zero or more)."))
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def declare(request, item_id):
    item = visible_item(request, item_id)
    day = selectors.meeting_day(item.meeting)
    if request.user.has_perm("committee.manage", item.meeting):
        members = selectors.members_on(item.meeting.committee, day)
    else:
        members = selectors.memberships_of(request.user, item.meeting.committee, day)
    form = DeclareForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("Choose the member and say how their organisation is concerned."))
        return redirect(item.get_absolute_url())
    run_action(
        request,
        lambda: services.conflict_declare(
            request.user, form.cleaned_data["member"], agenda_item=item, reason=form.cleaned_data["reason"]
        ),
        _("The conflict of interest was recorded; the seat is recused from this item."),
    )
    return redirect(item.get_absolute_url())


@login_required
@require_POST
def paper_upload(request, pk):
    meeting = visible_meeting(request, pk)
    require_manage(request, meeting)
    form = PaperForm(request.POST, request.FILES, meeting=meeting)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.paper_upload(
                request.user,
                meeting,
                data["file"],
                title=data["title"],
                agenda_item=data["agenda_item"],
                is_public=data["is_public"],
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The paper was added."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("committee:meeting", pk=pk)


@login_required
@require_POST
def paper_publish(request, paper_id):
    paper = get_object_or_404(Paper, pk=paper_id)
    require_manage(request, paper)
    publish = request.POST.get("is_public") == "1"
    run_action(
        request,
        lambda: services.paper_set_public(request.user, paper, is_public=publish),
        _("The paper is published.") if publish else _("The paper is no longer published."),
    )
    return redirect("committee:meeting", pk=paper.meeting_id)


@require_GET
def paper_download(request, paper_id):
    """Papers are never served from MEDIA_ROOT directly: published ones to anyone, others to the committee."""
    paper = get_object_or_404(Paper.objects.select_related("meeting__committee"), pk=paper_id)
    if not request.user.has_perm("committee.view_paper", paper):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied
    try:
        handle = paper.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=paper.content_type, as_attachment=True, filename=paper.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _minutes_context(meeting):
    items = []
    for item in meeting.items.select_related("approval_request"):
        items.append(
            {
                "item": item,
                "declarations": list(item.declarations.select_related("member")),
                "quorum": selectors.item_quorum(item) if item.kind == "decision" else None,
            }
        )
    attendance = meeting.attendance.select_related("member", "member__substitute_for")
    return {
        "meeting": meeting,
        "items": items,
        "present": [a.member for a in attendance if a.present],
        "absent": [a.member for a in attendance if not a.present],
        "quorum": selectors.meeting_quorum(meeting),
    }


@login_required
def minutes(request, pk):
    meeting = visible_meeting(request, pk)
    can_manage = request.user.has_perm("committee.manage", meeting)
    form = MinutesForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST":
        require_manage(request, meeting)
        if form.is_valid() and apply_service(
            request, form, lambda: services.meeting_minutes_save(request.user, meeting, **form.cleaned_data)
        ):
            messages.success(request, _("Minutes saved."))
            return redirect("committee:minutes", pk=pk)
    context = _minutes_context(meeting)
    context.update(
        {
            "form": form if can_manage and not meeting.minutes_approved_on else None,
            "approve_form": MinutesApprovalForm(meeting=meeting) if can_manage else None,
        }
    )
    return render(request, "committee/minutes.html", context)


@login_required
@require_POST
def minutes_approve(request, pk):
    meeting = visible_meeting(request, pk)
    require_manage(request, meeting)
    form = MinutesApprovalForm(request.POST, meeting=meeting)
    if form.is_valid():
        run_action(
            request,
            lambda: services.meeting_minutes_approve(request.user, meeting, at_meeting=form.cleaned_data["at_meeting"]),
            _("The minutes are approved."),
        )
    else:
        messages.error(request, _("Choose the later meeting at which the minutes were approved."))
    return redirect("committee:minutes", pk=pk)


@login_required
@require_GET
def minutes_pdf(request, pk):
    meeting = visible_meeting(request, pk)
    content = render_pdf(
        "committee/minutes_pdf.html",
        _minutes_context(meeting),
        title=_("Minutes of %(meeting)s") % {"meeting": meeting.reference},
    )
    return pdf_response(f"minutes-{meeting.reference}.pdf", content)
