"""Officer pages: the committee, its members and its rules of procedure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from subsidia.core import approvals, clock
from subsidia.core.forms import apply_service

from .. import selectors, services
from ..forms import CommitteeForm, MemberForm, RulesForm
from ..models import Member, RulesOfProcedure
from ._helpers import require_manage, visible_committee


@login_required
def detail(request, pk):
    committee = visible_committee(request, pk)
    today = clock.today()
    members = committee.members.select_related("substitute_for", "user").order_by("substitute_for_id", "position")
    return render(
        request,
        "committee/detail.html",
        {
            "committee": committee,
            "members": [m for m in members if not m.substitute_for_id],
            "substitutes": [m for m in members if m.substitute_for_id],
            "today": today,
            "voting_count": selectors.voting_seats(committee, today).count(),
            "meetings": committee.meetings.order_by("-starts_at"),
            "procedures": committee.written_procedures.order_by("-started_at"),
            "rules_versions": [(r, approvals.approval_state(r)) for r in committee.rules_versions.order_by("-version")],
            "rules_in_force": selectors.rules_in_force(committee),
            "reminders": selectors.committee_reminders(committee),
            "can_manage": request.user.has_perm("committee.manage", committee),
            "quorum_example": committee.quorum_rule.required(selectors.voting_seats(committee, today).count()),
        },
    )


@login_required
def create(request):
    require_manage(request)
    form = CommitteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        programme = data.pop("programme")
        committee = apply_service(request, form, lambda: services.committee_create(request.user, programme, **data))
        if committee:
            messages.success(request, _("The monitoring committee was set up."))
            return redirect("committee:detail", pk=committee.pk)
    return render(request, "committee/form.html", {"form": form, "title": _("Set up the monitoring committee")})


@login_required
def edit(request, pk):
    committee = visible_committee(request, pk)
    require_manage(request, committee)
    form = CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        if apply_service(request, form, lambda: services.committee_update(request.user, committee, **changes)):
            messages.success(request, _("Saved."))
            return redirect("committee:detail", pk=pk)
    return render(
        request,
        "committee/form.html",
        {"form": form, "title": _("Committee settings"), "back": committee.get_absolute_url()},
    )


def _member_initial(member: Member) -> dict:
    return {
        "name": member.name,
        "organisation": member.organisation,
        "member_type": member.member_type,
        "seat": member.seat,
        "substitute_for": member.substitute_for,
        "account": member.user,
        "email": member.email,
        "language": member.language,
        "term_start": member.term_start,
        "term_end": member.term_end,
    }


@login_required
def member_add(request, pk):
    committee = visible_committee(request, pk)
    require_manage(request, committee)
    form = MemberForm(request.POST or None, committee=committee, initial={"term_start": clock.today()})
    if (
        request.method == "POST"
        and form.is_valid()
        and apply_service(request, form, lambda: services.member_add(request.user, committee, **form.cleaned_data))
    ):
        messages.success(request, _("Member added."))
        return redirect("committee:detail", pk=pk)
    return render(
        request,
        "committee/form.html",
        {"form": form, "title": _("Add a member"), "back": committee.get_absolute_url()},
    )


@login_required
def member_edit(request, member_id):
    member = get_object_or_404(Member, pk=member_id)
    committee = visible_committee(request, member.committee_id)
    require_manage(request, committee)
    form = MemberForm(request.POST or None, committee=committee, initial=_member_initial(member))
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        if apply_service(request, form, lambda: services.member_update(request.user, member, **changes)):
            messages.success(request, _("Saved."))
            return redirect("committee:detail", pk=committee.pk)
    return render(
        request,
        "committee/form.html",
        {"form": form, "title": member.name, "back": committee.get_absolute_url()},
    )


@login_required
def rules_create(request, pk):
    committee = visible_committee(request, pk)
    require_manage(request, committee)
    current = committee.rules_versions.order_by("-version").first()
    initial = {f: getattr(current, f) for f in ("text_nl", "text_fr", "text_en")} if current else {}
    form = RulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        rules = apply_service(
            request, form, lambda: services.rules_create_version(request.user, committee, **form.cleaned_data)
        )
        if rules:
            messages.success(
                request,
                _("Version %(v)s of the rules of procedure was created as a draft.") % {"v": rules.version},
            )
            return redirect("committee:rules", pk=pk, version=rules.version)
    return render(
        request,
        "committee/form.html",
        {
            "form": form,
            "title": _("New version of the rules of procedure"),
            "back": committee.get_absolute_url(),
        },
    )


@login_required
def rules_edit(request, rules_id):
    rules = get_object_or_404(RulesOfProcedure, pk=rules_id)
    committee = visible_committee(request, rules.committee_id)
    require_manage(request, committee)
    form = RulesForm(request.POST or None, initial={f: getattr(rules, f) for f in ("text_nl", "text_fr", "text_en")})
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        previously_pending = approvals.approval_state(rules).pending
        if apply_service(request, form, lambda: services.rules_update(request.user, rules, **changes)):
            if previously_pending and not approvals.approval_state(rules).pending:
                messages.warning(
                    request,
                    _(
                        "The text changed while it awaited the committee: that request was "
                        "withdrawn. Put the new text to the committee."
                    ),
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("committee:rules", pk=committee.pk, version=rules.version)
    return render(request, "committee/form.html", {"form": form, "title": str(rules), "back": rules.get_absolute_url()})
