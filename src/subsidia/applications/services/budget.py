"""Budget lines and flat rates of a draft. Every change recomputes the flat-rate lines and the totals in the
same transaction, so the stored figures always follow from the entered ones."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from subsidia.calls.constants import CostCategory, CostOptionKind, FlatRate
from subsidia.calls.models import CostOption
from subsidia.core import audit
from subsidia.core.exceptions import RuleViolation
from subsidia.core.fields import MoneyField
from subsidia.core.money import eu_share, round_half_up

from .. import budgeting
from ..models import Application, AppliedFlatRate, BudgetLine
from .common import amount, fail_if, text
from .drafts import editable, eligibility_period, touch

LINE_FIELDS = (
    "year",
    "category",
    "cost_option",
    "call_option",
    "description",
    "quantity",
    "unit_amount",
    "amount",
)
MAX_QUANTITY = Decimal("9999999999.99")


def entered_lines(application: Application) -> list[budgeting.Line]:
    return [
        budgeting.Line(x.year, x.category, x.cost_option, x.amount, x.description)
        for x in application.budget_lines.exclude(cost_option=CostOptionKind.FLAT_RATE).order_by("year", "id")
    ]


def applied_rates(application: Application) -> list[budgeting.Rate]:
    return [budgeting.Rate(r.kind, r.rate) for r in application.flat_rates.all()]


def recompute(application: Application) -> budgeting.Budget:
    """Rewrite the flat-rate lines and the totals; the total is the database's sum of the lines."""
    budget = budgeting.compute(entered_lines(application), applied_rates(application))
    application.budget_lines.filter(cost_option=CostOptionKind.FLAT_RATE).delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(
            application=application,
            year=f.year,
            category=f.category,
            cost_option=CostOptionKind.FLAT_RATE,
            flat_rate=f.key,
            rate=f.rate,
            quantity=None,
            unit_amount=None,
            amount=f.amount,
            description=str(FlatRate(f.key).label),
        )
        for f in budget.flat_lines
    )
    total = application.budget_lines.aggregate(sum_amount=Coalesce(Sum("amount"), Value(0), output_field=MoneyField()))[
        "sum_amount"
    ]
    if total != budget.total:  # pragma: no cover - the two sums are the same arithmetic
        raise RuntimeError(f"budget total {total} differs from the computed {budget.total}")
    application.total_eligible_cost = total
    application.eu_grant_requested = eu_share(total, application.cofinancing_rate)
    application.save(update_fields=["total_eligible_cost", "eu_grant_requested"])
    return budget


def _option(application, value, errors) -> CostOption | None:
    option_id = getattr(value, "pk", value)
    option = None
    if option_id not in (None, ""):
        try:
            option = application.call.cost_options.filter(pk=int(option_id)).first()
        except (TypeError, ValueError):
            option = None
    if option is None or option.kind not in budgeting.ENTERED_OPTIONS:
        errors["call_option"] = _("Choose one of the call's cost options for real costs, unit costs or lump sums.")
        return None
    return option


def _years(application) -> range | None:
    first, last = eligibility_period(application.call)
    start = application.start_date or first
    end = application.end_date or last
    return range(start.year, end.year + 1) if start and end else None


def _quantity(value, option, errors) -> Decimal | None:
    try:
        quantity = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors["quantity"] = _("Enter how many units, e.g. 120 or 12.5.")
        return None
    if not quantity.is_finite() or quantity <= 0 or quantity > MAX_QUANTITY:
        errors["quantity"] = _("The quantity must be above zero.")
        return None
    if quantity != quantity.quantize(Decimal("0.01")):
        errors["quantity"] = _("A quantity has at most two decimals.")
        return None
    if option.kind == CostOptionKind.LUMP_SUM and quantity != quantity.to_integral_value():
        errors["quantity"] = _("A lump sum is counted in whole numbers.")
        return None
    return quantity.quantize(Decimal("0.01"))


def validate_line(application: Application, data: dict) -> dict:
    """Clean one entered line against the call's cost options, the project's years and the flat rates."""
    errors: dict = {}
    option = _option(application, data.get("call_option"), errors)
    clean: dict = {"description": text(data.get("description"), max_length=300, field="description", errors=errors)}
    try:
        year = int(data.get("year"))
    except (TypeError, ValueError):
        errors["year"] = _("Enter a year.")
        year = None
    years = _years(application)
    if year is not None and years is not None and year not in years:
        errors["year"] = _("The year must lie within the project's duration (%(first)s-%(last)s).") % {
            "first": years[0],
            "last": years[-1],
        }
    clean["year"] = year
    if option is None:
        fail_if(errors)
    clean["call_option"] = option
    clean["cost_option"] = option.kind
    category = option.category or data.get("category") or ""
    if category not in CostCategory.values:
        errors["category"] = _("Choose a cost category.")
    elif category == CostCategory.INDIRECT and option.kind != CostOptionKind.REAL_COSTS:
        errors["category"] = _("Indirect costs are real costs or a flat rate, not a unit cost or lump sum.")
    keys = set(application.flat_rates.values_list("kind", flat=True))
    covering = budgeting.covered_by_flat_rate(category, keys)
    if covering:
        errors["category"] = _(
            "%(category)s are already calculated by the flat rate “%(rate)s”; entering them too would count them twice."
        ) % {
            "category": CostCategory(category).label if category in CostCategory.values else category,
            "rate": FlatRate(covering).label,
        }
    clean["category"] = category
    if option.kind == CostOptionKind.REAL_COSTS:
        if not clean["description"]:
            errors["description"] = _("Describe what the costs are for.")
        value = amount(data.get("amount"), "amount", errors)
        if value is not None:
            clean.update(amount=value, quantity=None, unit_amount=None)
    else:
        quantity = _quantity(data.get("quantity") if data.get("quantity") not in (None, "") else "1", option, errors)
        if quantity is not None:
            clean.update(
                quantity=quantity,
                unit_amount=option.amount,
                amount=round_half_up(quantity * option.amount, 2),
            )
        clean["description"] = clean["description"] or option.title
    fail_if(errors)
    return clean


def _line_snapshot(line: BudgetLine) -> dict:
    return {
        **audit.snapshot(line, [f for f in LINE_FIELDS if f != "call_option"]),
        "call_option": line.call_option_id,
    }


def budget_line_add(user, application: Application, **data) -> BudgetLine:
    with transaction.atomic():
        application = editable(user, application)
        line = BudgetLine.objects.create(application=application, **validate_line(application, data))
        recompute(application)
        touch(application)
        audit.record(
            user,
            "application.budget_line_added",
            application,
            after=_line_snapshot(line),
            data={"line": line.pk, "total_eligible_cost": application.total_eligible_cost},
        )
    return line


def _entered(application, line) -> BudgetLine:
    line = application.budget_lines.filter(pk=line.pk).first()
    if line is None or line.is_computed:
        raise RuleViolation(_("Flat-rate lines are computed; change the lines they are based on instead."))
    return line


def budget_line_update(user, line: BudgetLine, **changes) -> BudgetLine:
    with transaction.atomic():
        application = editable(user, line.application)
        line = _entered(application, line)
        before = _line_snapshot(line)
        merged = {
            "year": line.year,
            "category": line.category,
            "call_option": line.call_option_id,
            "description": line.description,
            "quantity": line.quantity,
            "amount": line.amount,
        }
        merged.update(changes)
        for key, value in validate_line(application, merged).items():
            setattr(line, key, value)
        line.save()
        recompute(application)
        touch(application)
        audit.record(
            user,
            "application.budget_line_changed",
            application,
            before=before,
            after=_line_snapshot(line),
            data={"line": line.pk, "total_eligible_cost": application.total_eligible_cost},
        )
    return line


def budget_line_delete(user, line: BudgetLine) -> None:
    with transaction.atomic():
        application = editable(user, line.application)
        line = _entered(application, line)
        before = _line_snapshot(line)
        pk = line.pk
        line.delete()
        recompute(application)
        touch(application)
        audit.record(
            user,
            "application.budget_line_deleted",
            application,
            before=before,
            data={"line": pk, "total_eligible_cost": application.total_eligible_cost},
        )


def flat_rates_set(user, application: Application, *, keys) -> list[AppliedFlatRate]:
    """Apply a set of the call's flat rates, each at the call's rate (never above the article's ceiling)."""
    from subsidia.reference.figures import figure

    with transaction.atomic():
        application = editable(user, application)
        offered = {o.flat_rate: o for o in application.call.cost_options.filter(kind=CostOptionKind.FLAT_RATE)}
        keys = {str(k) for k in (keys or [])}
        errors: dict = {}
        unknown = keys - set(offered)
        if unknown:
            errors["flat_rates"] = _("This call does not offer these flat rates: %(keys)s.") % {
                "keys": ", ".join(sorted(unknown))
            }
        for problem in budgeting.combination_problems(keys):
            errors.setdefault(problem.field, problem.message)
        for key in keys & set(offered):
            ceiling = figure(key)
            if offered[key].rate > ceiling.value:
                errors["flat_rates"] = _("The call's rate for “%(rate)s” exceeds the %(max)s %% of %(basis)s.") % {
                    "rate": FlatRate(key).label,
                    "max": (ceiling.value * 100).normalize(),
                    "basis": ceiling.legal_basis,
                }
        clashing = [
            x
            for x in application.budget_lines.exclude(cost_option=CostOptionKind.FLAT_RATE)
            if budgeting.covered_by_flat_rate(x.category, keys)
        ]
        if clashing:
            errors["flat_rates"] = _("Remove the entered lines this flat rate would calculate first: %(lines)s.") % {
                "lines": "; ".join(f"{x.get_category_display()} {x.year}" for x in clashing[:5])
            }
        fail_if(errors)
        before = sorted(application.flat_rates.values_list("kind", flat=True))
        application.flat_rates.all().delete()
        rows = AppliedFlatRate.objects.bulk_create(
            AppliedFlatRate(application=application, kind=key, rate=offered[key].rate) for key in sorted(keys)
        )
        recompute(application)
        touch(application)
        audit.record(
            user,
            "application.flat_rates_set",
            application,
            before={"flat_rates": before},
            after={"flat_rates": sorted(keys)},
            data={"total_eligible_cost": application.total_eligible_cost},
        )
    return rows
