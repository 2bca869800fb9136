"""The budget section: flat rates, lines by category and year, and the live preview while a line is typed."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.calls.constants import CostCategory, CostOptionKind
from subsidia.core.exceptions import RuleViolation
from subsidia.core.forms import apply_service, run_action
from subsidia.core.money import round_half_up
from subsidia.reference.figures import figure

from .. import budgeting, cofinancing, selectors, services
from ..constants import Section
from ..forms import BudgetLineForm, FlatRatesForm
from ..models import BudgetLine
from ..receipts import category_label
from ..services.budget import _years, applied_rates, validate_line
from .common import editable_application, frame


def _line_form(application, data=None, initial=None):
    years = _years(application) or []
    return BudgetLineForm(
        data,
        initial=initial,
        application=application,
        years=list(years),
        preview_url=reverse("applications:budget-preview", args=[application.pk]),
    )


def preview(application, data=None, *, replacing: BudgetLine | None = None) -> dict:
    """Every figure of the budget as it would be with the line being typed (not saved)."""
    lines = [
        x
        for x in application.budget_lines.exclude(cost_option=CostOptionKind.FLAT_RATE).order_by("year", "id")
        if replacing is None or x.pk != replacing.pk
    ]
    entered = [budgeting.Line(x.year, x.category, x.cost_option, x.amount, x.description) for x in lines]
    typed_error = ""
    if data is not None and any(data.get(k) for k in ("amount", "quantity")):
        try:
            clean = validate_line(application, data)
        except RuleViolation as exc:
            typed_error = exc.message
        else:
            entered.append(
                budgeting.Line(
                    clean["year"],
                    clean["category"],
                    clean["cost_option"],
                    clean["amount"],
                    clean["description"],
                )
            )
    rates = applied_rates(application)
    budget = budgeting.compute(entered, rates)
    keys = {r.key for r in rates}
    rule = figure("sco_mandatory_total_cost")
    call = application.call
    plan = cofinancing.plan(
        budget.total,
        application.cofinancing_rate,
        application.own_contribution,
        application.other_public_funding,
    )
    problems = [p.message for p in budgeting.combination_problems(keys)]
    problems += [
        p.message
        for p in budgeting.sco_problems(
            budget,
            keys,
            threshold=rule.value,
            legal_basis=rule.legal_basis,
            draft_budget=application.draft_budget,
        )
    ]
    grant = cofinancing.problems(
        plan, call_rate=call.cofinancing_rate, min_grant=call.min_grant, max_grant=call.max_grant
    ).get("eu_grant_requested")
    flat_totals: dict = {}
    for f in budget.flat_lines:
        flat_totals[f.key] = flat_totals.get(f.key, Decimal("0")) + f.amount
    return {
        "budget": budget,
        "plan": plan,
        "flat_totals": [
            (_flat_label(k), r.rate, flat_totals.get(k, Decimal("0.00"))) for k, r in ((r.key, r) for r in rates)
        ],
        "table": [
            (
                category_label(c),
                [budget.cells.get((c, y), Decimal("0.00")) for y in budget.years],
                budget.by_category[c],
            )
            for c in budget.categories()
        ],
        "problems": problems,
        "grant_problem": grant,
        "typed_error": typed_error,
        "threshold": rule,
        "simplified_share": round_half_up(budget.simplified * 100 / budget.total, 1) if budget.total else None,
    }


def _flat_label(key):
    from subsidia.calls.constants import FlatRate

    return FlatRate(key).label


@login_required
def section_budget(request, pk):
    application = editable_application(request, pk)
    editing = None
    if request.GET.get("edit", "").isdigit():
        editing = get_object_or_404(BudgetLine, pk=int(request.GET["edit"]), application=application)
    if request.method == "POST" and request.POST.get("form") == "flat_rates":
        rates_form = FlatRatesForm(request.POST, call=application.call)
        if rates_form.is_valid():
            done = apply_service(
                request,
                rates_form,
                lambda: services.flat_rates_set(request.user, application, keys=rates_form.cleaned_data["keys"]),
            )
            if done is not None:
                messages.success(request, _("Flat rates saved; the budget was recomputed."))
                return redirect("applications:section-budget", pk=pk)
        line_form = _line_form(application)
    else:
        rates_form = FlatRatesForm(
            call=application.call,
            initial={"keys": list(application.flat_rates.values_list("kind", flat=True))},
        )
        initial = None
        if editing:
            initial = {
                "call_option": editing.call_option_id,
                "category": editing.category,
                "year": editing.year,
                "description": editing.description,
                "amount": editing.amount if editing.cost_option == CostOptionKind.REAL_COSTS else "",
                "quantity": editing.quantity or "",
            }
        line_form = _line_form(application, request.POST if request.method == "POST" else None, initial=initial)
        if request.method == "POST" and line_form.is_valid():
            data = dict(line_form.cleaned_data)
            if editing:
                done = apply_service(
                    request, line_form, lambda: services.budget_line_update(request.user, editing, **data)
                )
            else:
                done = apply_service(
                    request, line_form, lambda: services.budget_line_add(request.user, application, **data)
                )
            if done:
                messages.success(request, _("Budget line saved."))
                return redirect("applications:section-budget", pk=pk)
    application.refresh_from_db()
    context = frame(request, application, Section.BUDGET)
    context.update(
        {
            "rates_form": rates_form,
            "line_form": line_form,
            "editing": editing,
            "lines": application.budget_lines.exclude(cost_option=CostOptionKind.FLAT_RATE)
            .select_related("call_option")
            .order_by("year", "category", "id"),
            "summary": selectors.budget_summary(application),
            "uncategorised": list(
                application.call.cost_options.filter(category="")
                .exclude(kind=CostOptionKind.FLAT_RATE)
                .values_list("pk", flat=True)
            ),
            "categories": CostCategory,
            **preview(application, replacing=editing),
        }
    )
    return render(request, "applications/section_budget.html", context)


@login_required
@require_POST
def budget_preview(request, pk):
    """HTMX: flat rates, total and EU grant recomputed with the line being typed."""
    application = editable_application(request, pk)
    editing = None
    if request.POST.get("editing", "").isdigit():
        editing = BudgetLine.objects.filter(pk=int(request.POST["editing"]), application=application).first()
    return render(
        request,
        "applications/_budget_preview.html",
        {"application": application, **preview(application, request.POST, replacing=editing)},
    )


@login_required
@require_POST
def budget_line_delete(request, pk, line_id):
    application = editable_application(request, pk)
    line = get_object_or_404(BudgetLine, pk=line_id, application=application)
    run_action(request, lambda: services.budget_line_delete(request.user, line), _("Budget line removed."))
    return redirect("applications:section-budget", pk=pk)
