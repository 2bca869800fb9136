"""Registering an organisation, its page and its members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from subsidia.core.forms import apply_service, run_action
from subsidia.reference.postcodes import nuts_for_postcode

from .. import selectors, services
from ..forms import MemberForm, OrganisationForm
from ..models import Membership
from ..services.organisations import ORGANISATION_FIELDS


def _next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


@login_required
def organisation_list(request):
    organisations = selectors.organisations_visible_to(request.user)
    return render(
        request,
        "applications/organisation_list.html",
        {
            "organisations": organisations,
            "can_register": request.user.has_perm("applications.add_organisation"),
        },
    )


@login_required
def organisation_create(request):
    if not request.user.has_perm("applications.add_organisation"):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, postcode_url=reverse("applications:postcode-hint"))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ORGANISATION_FIELDS}
        organisation = apply_service(request, form, lambda: services.organisation_register(request.user, **data))
        if organisation:
            messages.success(
                request,
                _("%(name)s is registered; you are its signatory.") % {"name": organisation.legal_name},
            )
            return redirect(_next(request, reverse("applications:organisation", args=[organisation.pk])))
    return render(
        request,
        "applications/organisation_form.html",
        {
            "form": form,
            "title": _("Register an organisation"),
            "next": _next(request, ""),
            "hint": _postcode_hint(form["postcode"].value(), form["country"].value()),
        },
    )


@login_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(selectors.organisations_visible_to(request.user), pk=pk)
    if not request.user.has_perm("applications.change_organisation", organisation):
        raise PermissionDenied
    initial = {k: getattr(organisation, k) for k in ORGANISATION_FIELDS}
    form = OrganisationForm(request.POST or None, initial=initial, postcode_url=reverse("applications:postcode-hint"))
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ORGANISATION_FIELDS}
        done = apply_service(request, form, lambda: services.organisation_update(request.user, organisation, **data))
        if done:
            messages.success(request, _("Saved."))
            return redirect("applications:organisation", pk=pk)
    return render(
        request,
        "applications/organisation_form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": organisation.legal_name},
            "organisation": organisation,
            "hint": _postcode_hint(form["postcode"].value(), form["country"].value()),
        },
    )


@login_required
def organisation_detail(request, pk):
    organisation = get_object_or_404(selectors.organisations_visible_to(request.user), pk=pk)
    return render(
        request,
        "applications/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": selectors.memberships_of(organisation),
            "my_role": selectors.role_in(request.user, organisation),
            "can_manage": request.user.has_perm("applications.manage_members", organisation),
            "can_edit": request.user.has_perm("applications.change_organisation", organisation),
            "applications": selectors.applications_visible_to(request.user).filter(organisation=organisation),
            "member_form": MemberForm(),
        },
    )


@login_required
@require_POST
def member_add(request, pk):
    organisation = get_object_or_404(selectors.organisations_visible_to(request.user), pk=pk)
    form = MemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a username or e-mail address and a role."))
    else:
        run_action(
            request,
            lambda: services.member_add(request.user, organisation, **form.cleaned_data),
            _("Member added."),
        )
    return redirect("applications:organisation", pk=pk)


@login_required
@require_POST
def member_remove(request, pk, membership_id):
    organisation = get_object_or_404(selectors.organisations_visible_to(request.user), pk=pk)
    membership = get_object_or_404(Membership, pk=membership_id, organisation=organisation)
    leaving = membership.user_id == request.user.pk
    done = run_action(
        request,
        lambda: services.member_remove(request.user, membership),
        _("You left the organisation.") if leaving else _("Member removed."),
    )
    if done and leaving:
        return redirect("applications:organisations")
    return redirect("applications:organisation", pk=pk)


@login_required
@require_POST
def member_role(request, pk, membership_id):
    organisation = get_object_or_404(selectors.organisations_visible_to(request.user), pk=pk)
    membership = get_object_or_404(Membership, pk=membership_id, organisation=organisation)
    role = request.POST.get("role", "")
    run_action(request, lambda: services.member_change_role(request.user, membership, role=role), _("Role changed."))
    return redirect("applications:organisation", pk=pk)


def _postcode_hint(postcode, country) -> dict:
    postcode = (postcode or "").strip()
    country = (country or "BE").strip().upper()
    if country != "BE" or not postcode:
        return {"state": "none"}
    nuts = nuts_for_postcode(postcode)
    return {"state": "placed", "nuts": nuts} if nuts else {"state": "ask", "postcode": postcode}


@login_required
@require_GET
def postcode_hint(request):
    """HTMX: where a postcode lies, or a request to choose the area when it cannot be placed."""
    hint = _postcode_hint(request.GET.get("postcode"), request.GET.get("country"))
    return render(request, "applications/_postcode_hint.html", {"hint": hint})
