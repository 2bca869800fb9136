"""Officers' pages: the state of publication (with the four-month warning), publishing a snapshot, and
publication restrictions under four eyes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core.forms import apply_service, run_action

from ..constants import OPEN
from ..forms import PrepareRestrictionForm, PublishForm, ReasonForm
from ..models import PublicationRestriction
from ..selectors import operations as list_selectors
from ..selectors import publications as publication_selectors
from ..services import publication, restrictions


def _staff(request):
    if not request.user.has_perm("transparency.view_publication_status"):
        raise PermissionDenied


@login_required
def dashboard(request):
    _staff(request)
    form = PrepareRestrictionForm()
    context = {
        "status": publication_selectors.publication_status(),
        "publish_form": PublishForm(),
        "form": form,
        "open_restrictions": PublicationRestriction.objects.filter(status__in=OPEN).select_related(
            "operation", "prepared_by", "decided_by"
        ),
        "closed_restrictions": PublicationRestriction.objects.exclude(status__in=OPEN).select_related("operation")[:50],
    }
    return render(request, "transparency/officers.html", context)


@login_required
@require_POST
def publish(request):
    _staff(request)
    form = PublishForm(request.POST)
    note = form.data.get("note", "") if form.is_valid() else ""
    run_action(
        request, lambda: publication.publish(request.user, note=note), _("The list of operations was published.")
    )
    return redirect("transparency:officers")


@login_required
def restriction_prepare(request):
    _staff(request)
    form = PrepareRestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        operation = list_selectors.public_operation(form.cleaned_data["code"].strip())
        if operation is None:
            form.add_error("code", _("No published operation has this code."))
        else:
            done = apply_service(
                request, form, lambda: restrictions.prepare(request.user, operation, form.cleaned_data["legal_ground"])
            )
            if done:
                messages.success(request, _("The restriction awaits confirmation by an authorising officer."))
                return redirect("transparency:restriction", pk=done.pk)
    return render(request, "transparency/restriction_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def restriction_detail(request, pk):
    if not request.user.has_perm("transparency.view_publicationrestriction"):
        raise PermissionDenied
    restriction = get_object_or_404(
        PublicationRestriction.objects.select_related("operation", "prepared_by", "decided_by", "lift_prepared_by"),
        pk=pk,
    )
    return render(request, "transparency/restriction.html", {"r": restriction, "reason_form": ReasonForm()})


ACTIONS = {
    "confirm": (lambda user, r, reason: restrictions.confirm(user, r), _("The restriction is in force.")),
    "refuse": (restrictions.refuse, _("The restriction was refused.")),
    "prepare-lift": (restrictions.prepare_lift, _("Lifting the restriction awaits confirmation.")),
    "confirm-lift": (lambda user, r, reason: restrictions.confirm_lift(user, r), _("The restriction was lifted.")),
    "keep": (restrictions.keep, _("The restriction stays in force.")),
}


@login_required
@require_POST
def restriction_action(request, pk, verb):
    if verb not in ACTIONS:
        raise PermissionDenied
    restriction = get_object_or_404(PublicationRestriction, pk=pk)
    action, message = ACTIONS[verb]
    reason = request.POST.get("reason", "")
    try:
        run_action(request, lambda: action(request.user, restriction, reason), str(message))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You may not do this."))
    return redirect("transparency:restriction", pk=pk)
