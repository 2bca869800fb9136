"""The applicant's pages: my applications, starting one, the overview, the general sections, submitting."""

import json
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.calls.models import Call
from subsidia.core import clock
from subsidia.core.exceptions import ServiceError
from subsidia.core.forms import apply_service, run_action

from .. import cofinancing, selectors, services, snapshot
from ..constants import Section
from ..forms import ApplicationCreateForm, CofinancingForm, DeclarationsForm, GeneralForm, WithdrawForm
from ..receipts import category_label
from ..services.common import amount as parse_input_amount
from ..services.drafts import eligibility_period
from .common import editable_application, frame, visible_application


@login_required
def home(request):
    """Applicants: their applications, their organisations and the calls they can apply to now."""
    if selectors.is_staff(request.user) and not selectors.organisations_of(request.user).exists():
        return redirect("applications:received")
    applications = selectors.applications_visible_to(request.user).order_by("-updated_at")
    return render(
        request,
        "applications/home.html",
        {
            "applications": applications,
            "organisations": selectors.organisations_of(request.user),
            "calls": selectors.calls_open_for_applications(),
            "now": clock.now(),
            "can_register": request.user.has_perm("applications.add_organisation"),
        },
    )


@login_required
def application_create(request, call_id):
    call = get_object_or_404(Call, pk=call_id)
    organisations = selectors.organisations_of(request.user).order_by("legal_name")
    if not organisations.exists():
        messages.info(request, _("Register your organisation first; then start the application."))
        return redirect(f"{reverse('applications:organisation-create')}?next={request.path}")
    only = organisations.first() if organisations.count() == 1 else None
    form = ApplicationCreateForm(request.POST or None, organisations=organisations, initial={"organisation": only})
    if request.method == "POST" and form.is_valid():
        application = apply_service(
            request,
            form,
            lambda: services.application_create(
                request.user,
                organisation=form.cleaned_data["organisation"],
                call=call,
                title=form.cleaned_data["title"],
            ),
        )
        if application:
            messages.success(request, _("Your draft is saved. Fill in each section; you can come back at any time."))
            return redirect("applications:detail", pk=application.pk)
    return render(request, "applications/application_create.html", {"form": form, "call": call})


def _summary(application) -> dict:
    if hasattr(application, "submission"):
        return json.loads(application.submission.content)
    return snapshot.build(application, submitted_at=None, submitted_by=None)


@login_required
def application_detail(request, pk):
    application = visible_application(request, pk)
    context = frame(request, application)
    summary = _summary(application)
    budget = selectors.budget_summary(application)
    context.update(
        {
            "summary": summary,
            "budget": budget,
            "budget_rows": [(category_label(c), a) for c, a in budget["by_category"].items()],
            "declarations_form": DeclarationsForm(
                initial={
                    "on_honour": application.declared_on_honour,
                    "no_double_funding": application.declared_no_double_funding,
                    "not_completed": application.declared_not_completed,
                }
            ),
            "withdraw_form": WithdrawForm(),
            "can_withdraw": (
                application.status == "submitted" and context["can_sign"] and clock.now() < application.call.closes_at
            ),
            "call_open": application.call.effective_status() == "open",
        }
    )
    return render(request, "applications/application_detail.html", context)


@login_required
def section_general(request, pk):
    application = editable_application(request, pk)
    fields = list(GeneralForm.base_fields)
    form = GeneralForm(request.POST or None, initial={f: getattr(application, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        done = apply_service(request, form, lambda: services.application_update(request.user, application, **changes))
        if done:
            messages.success(request, _("Saved."))
            return redirect("applications:section-general", pk=pk)
    first, last = eligibility_period(application.call)
    context = frame(request, application, Section.GENERAL)
    context.update({"form": form, "eligibility_start": first, "eligibility_end": last})
    return render(request, "applications/section_general.html", context)


def _plan_context(application, data=None) -> dict:
    """The co-financing figures for the page or the live preview (``data``: what is being typed)."""
    errors: dict = {}
    rate = application.cofinancing_rate
    own, other = application.own_contribution, application.other_public_funding
    if data is not None:
        try:
            rate = Decimal(str(data.get("cofinancing_rate") or rate).strip())
            if not rate.is_finite() or not 0 <= rate <= 1:
                raise ValueError(rate)
        except (ArithmeticError, ValueError):
            errors["cofinancing_rate"] = _("Enter the rate as a fraction between 0 and 1, e.g. 0.75 for 75 %.")
            rate = application.cofinancing_rate
        own = parse_input_amount(data.get("own_contribution") or "0", "own_contribution", errors) or Decimal("0")
        other = parse_input_amount(data.get("other_public_funding") or "0", "other_public_funding", errors) or Decimal(
            "0"
        )
    call = application.call
    p = cofinancing.plan(application.total_eligible_cost, rate, own, other)
    problems = cofinancing.problems(
        p, call_rate=call.cofinancing_rate, min_grant=call.min_grant, max_grant=call.max_grant
    )
    return {"plan": p, "problems": list(errors.values()) + list(problems.values()), "call": call}


@login_required
def section_cofinancing(request, pk):
    application = editable_application(request, pk)
    preview_url = reverse("applications:cofinancing-preview", args=[pk])
    initial = {
        "cofinancing_rate": application.cofinancing_rate,
        "own_contribution": application.own_contribution,
        "other_public_funding": application.other_public_funding,
        "other_public_funding_source": application.other_public_funding_source,
        "draft_budget": application.draft_budget,
    }
    form = CofinancingForm(
        request.POST or None,
        initial=initial,
        preview_url=preview_url,
        allow_draft_budget=application.call.draft_budget_allowed,
    )
    if request.method == "POST" and "balance" in request.POST:
        run_action(
            request,
            lambda: services.cofinancing_balance(request.user, application),
            _("The own contribution now covers the rest of the total."),
        )
        return redirect("applications:section-cofinancing", pk=pk)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        done = apply_service(request, form, lambda: services.application_update(request.user, application, **changes))
        if done:
            messages.success(request, _("Saved."))
            return redirect("applications:section-cofinancing", pk=pk)
    context = frame(request, application, Section.COFINANCING)
    context.update({"form": form, **_plan_context(application)})
    return render(request, "applications/section_cofinancing.html", context)


@login_required
@require_POST
def cofinancing_preview(request, pk):
    """HTMX: the EU grant and whether the plan adds up, while the amounts are typed."""
    application = editable_application(request, pk)
    return render(request, "applications/_plan_preview.html", _plan_context(application, request.POST))


@login_required
def section_declarations(request, pk):
    application = editable_application(request, pk)
    form = DeclarationsForm(
        request.POST or None,
        initial={
            "on_honour": application.declared_on_honour,
            "no_double_funding": application.declared_no_double_funding,
            "not_completed": application.declared_not_completed,
        },
    )
    context = frame(request, application, Section.DECLARATIONS)
    if request.method == "POST":
        if not context["can_sign"]:
            raise PermissionDenied
        if form.is_valid():
            done = apply_service(
                request,
                form,
                lambda: services.application_declare(request.user, application, **form.cleaned_data),
            )
            if done:
                messages.success(request, _("Declarations saved."))
                return redirect("applications:section-declarations", pk=pk)
    context["form"] = form
    return render(request, "applications/section_declarations.html", context)


@login_required
@require_POST
def application_submit(request, pk):
    application = visible_application(request, pk)
    form = DeclarationsForm(request.POST)
    declarations = form.cleaned_data if form.is_valid() else None
    try:
        done = services.application_submit(request.user, application, declarations=declarations)
    except ServiceError as exc:
        for errors in exc.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("applications:detail", pk=pk)
    messages.success(
        request,
        _("Application %(reference)s was submitted. Download your acknowledgement of receipt below.")
        % {"reference": done.reference},
    )
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = visible_application(request, pk)
    form = WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run_action(
        request,
        lambda: services.application_withdraw(request.user, application, reason=reason),
        _("The application was withdrawn."),
    )
    return redirect("applications:detail", pk=pk)


@login_required
@require_POST
def application_delete(request, pk):
    application = editable_application(request, pk)
    if run_action(request, lambda: services.application_delete(request.user, application), _("The draft was deleted.")):
        return redirect("applications:home")
    return redirect("applications:detail", pk=pk)
