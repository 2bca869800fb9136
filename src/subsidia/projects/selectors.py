"""Read queries over operations. Totals are summed by the database (integer cents), never in Python loops.

``operations_for_publication()`` and the ``totals_by_*`` functions are what the list of operations
(``transparency``) and the answer packs (``parliament``) read; see docs/projects.md.
"""

from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce

from subsidia.applications.models.budget import LINE_CATEGORIES
from subsidia.applications.receipts import category_label
from subsidia.core.fields import MoneyField

from .constants import SUPPORTED_STATUSES
from .models import Operation

# Aggregate aliases must differ from the model's field names (Django refuses the clash).
_ALIASES = {
    "sum_total_cost": "total_cost",
    "sum_total_eligible_cost": "total_eligible_cost",
    "sum_eu_contribution": "eu_contribution",
    "sum_own_contribution": "own_contribution",
    "sum_other_public_funding": "other_public_funding",
    "operation_count": "operations",
}


def _money_sum(field):
    return Coalesce(Sum(field), Value(0), output_field=MoneyField())


def _sums() -> dict:
    return {
        "sum_total_cost": _money_sum("total_cost"),
        "sum_total_eligible_cost": _money_sum("total_eligible_cost"),
        "sum_eu_contribution": _money_sum("eu_contribution"),
        "sum_own_contribution": _money_sum("own_contribution"),
        "sum_other_public_funding": _money_sum("other_public_funding"),
        "operation_count": Count("id"),
    }


def _renamed(row: dict) -> dict:
    return {_ALIASES.get(key, key): value for key, value in row.items()}


def supported_operations():
    """Operations that hold support: every status except ``cancelled`` (a declined selection never ran)."""
    return Operation.objects.filter(status__in=SUPPORTED_STATUSES)


def operations_for_publication(queryset=None):
    """Every supported operation with what the list of operations needs in one query, ordered by code."""
    queryset = supported_operations() if queryset is None else queryset
    return (
        queryset.select_related(
            "programme",
            "region",
            "call",
            "beneficiary",
            "fund",
            "specific_objective",
            "specific_objective__fund",
            "intervention_field",
            "intervention_field__objective",
            "action_type",
            "implementation_modality",
            "nuts",
        )
        .prefetch_related("priorities")
        .order_by("code")
    )


def totals(queryset=None) -> dict:
    """Total cost, eligible cost, EU contribution, own and other funding, and the count, over ``queryset``."""
    queryset = supported_operations() if queryset is None else queryset
    return _renamed(queryset.aggregate(**_sums()))


def grouped_totals(queryset, *fields) -> list[dict]:
    """The same sums per value of ``fields`` (ids), ordered by them."""
    return [_renamed(row) for row in queryset.values(*fields).annotate(**_sums()).order_by(*fields)]


def totals_by_objective(queryset=None) -> list[dict]:
    queryset = supported_operations() if queryset is None else queryset
    return grouped_totals(queryset, "specific_objective", "specific_objective__code")


def totals_by_call(queryset=None) -> list[dict]:
    queryset = supported_operations() if queryset is None else queryset
    return grouped_totals(queryset, "call", "call__reference")


def totals_by_region(queryset=None) -> list[dict]:
    """Per region or delegated body running the call (``region``) — the envelope the answer packs speak of."""
    queryset = supported_operations() if queryset is None else queryset
    return grouped_totals(queryset, "region", "region__code")


def totals_by_nuts(queryset=None) -> list[dict]:
    """Per NUTS area of the operation's location (operations without a location count under ``None``)."""
    queryset = supported_operations() if queryset is None else queryset
    return grouped_totals(queryset, "nuts", "nuts__code")


def committed_eu_for_call(call) -> dict:
    """EU contribution held by the call's supported operations (what amendments must keep within the budget)."""
    return totals(supported_operations().filter(call=call))


def operations_for_beneficiary(organisation):
    return operations_for_publication(Operation.objects.filter(beneficiary=organisation))


def has_operation(application) -> bool:
    return Operation.objects.filter(Q(application=application)).exists()


def _assessment_committed(call):
    """What assessment's decisions hold against the call, where that stage can tell (else None)."""
    try:
        from subsidia.assessment import selectors as assessment_selectors
    except ImportError:  # pragma: no cover - the assessment stage is not installed yet
        return None
    use = getattr(assessment_selectors, "call_budget_use", None)
    if use is None:
        return None
    figures = use(call)
    committed = figures.get("committed") if isinstance(figures, dict) else getattr(figures, "committed", None)
    return committed


def call_budget_room(call) -> dict:
    """The call's budget, what its operations hold (or assessment's decisions, whichever is more), what is left.

    Operations may hold more than the decisions committed once an amendment raised an EU contribution; they
    may hold less once one was lowered, and then the decisions' figure is the prudent one.
    """
    held = committed_eu_for_call(call)["eu_contribution"]
    decided = _assessment_committed(call)
    committed = max(held, decided) if decided is not None else held
    return {"budget": call.budget, "operations": held, "committed": committed, "available": call.budget - committed}


def achievements(operation) -> list[dict]:
    """Per indicator target: the target and what accepted reports achieved (a database sum per target)."""
    from .constants import ReportStatus
    from .models import OperationIndicatorTarget

    accepted = Q(reported_values__report__status=ReportStatus.ACCEPTED)
    rows = (
        OperationIndicatorTarget.objects.filter(operation=operation)
        .select_related("indicator")
        .annotate(achieved=Coalesce(Sum("reported_values__value", filter=accepted), Value(0)))
        .order_by("indicator__id")
    )
    return [{"indicator": row.indicator, "target": row.target, "achieved": row.achieved, "row": row} for row in rows]


def operations_visible_to(user):
    """Staff (officers, authorising officers, auditors): every operation. A beneficiary's members: their own."""
    from subsidia.applications.models import Membership
    from subsidia.core.roles import STAFF_ROLES, has_role

    queryset = operations_for_publication(Operation.objects.all())
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if has_role(user, *STAFF_ROLES):
        return queryset
    return queryset.filter(beneficiary__in=Membership.objects.filter(user=user).values("organisation"))


def budget_table(operation) -> dict:
    """The budget as a table: categories × years, with row, column and grand totals (database sums)."""
    from .models import OperationBudgetLine

    lines = OperationBudgetLine.objects.filter(operation=operation)
    cells = {(row["category"], row["year"]): row["amount"] for row in lines.values("category", "year", "amount")}
    by_year = dict(lines.values("year").annotate(s=_money_sum("amount")).order_by("year").values_list("year", "s"))
    by_category = dict(lines.values("category").annotate(s=_money_sum("amount")).values_list("category", "s"))
    order = [key for key, _label in LINE_CATEGORIES]
    categories = sorted(by_category, key=lambda c: order.index(c) if c in order else len(order))
    return {
        "years": list(by_year),
        "rows": [
            {
                "category": category,
                "label": category_label(category),
                "cells": [cells.get((category, year)) for year in by_year],
                "total": by_category[category],
            }
            for category in categories
        ],
        "by_year": list(by_year.values()),
        "total": lines.aggregate(s=_money_sum("amount"))["s"],
    }
