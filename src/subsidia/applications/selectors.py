"""Read queries over organisations and applications: who sees what, and the budget figures as database sums.

For later stages (assessment, projects): ``submitted_applications(call)`` lists what may be assessed,
``budget_summary(application)`` gives the totals by category, year and cost option, and
``submission_content(application)`` the frozen snapshot as a dict.
"""

import json

from django.db.models import Exists, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce

from subsidia.calls.constants import CallStatus, CostOptionKind
from subsidia.calls.models import Call
from subsidia.core import clock
from subsidia.core.fields import MoneyField
from subsidia.core.roles import STAFF_ROLES, has_role

from .constants import SUBMITTED_STATUSES, ApplicationStatus, MemberRole
from .models import Application, BudgetLine, Membership, Organisation


def _money_sum(expression):
    return Coalesce(Sum(expression), Value(0), output_field=MoneyField())


def is_staff(user) -> bool:
    return has_role(user, *STAFF_ROLES)


# --- Organisations ---------------------------------------------------------------------------------------


def organisations_of(user):
    """The organisations ``user`` is a member of (editor or signatory)."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).select_related("nuts")


def organisations_visible_to(user):
    if is_staff(user):
        return Organisation.objects.select_related("nuts")
    return organisations_of(user)


def organisations_where_signatory(user):
    return organisations_of(user).filter(memberships__user=user, memberships__role=MemberRole.SIGNATORY)


def memberships_of(organisation):
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "added_by")
        .order_by("user__last_name", "user__username")
    )


def role_in(user, organisation) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()


# --- Applications ----------------------------------------------------------------------------------------


def applications_visible_to(user):
    """Applicants: their organisations' applications. Staff: everything submitted or withdrawn, no draft."""
    queryset = Application.objects.select_related("call", "organisation", "organisation__nuts")
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    member = Exists(Membership.objects.filter(organisation=OuterRef("organisation"), user=user))
    if is_staff(user):
        return queryset.filter(Q(status__in=SUBMITTED_STATUSES) | member)
    return queryset.filter(member)


def submitted_applications(call: Call | None = None):
    """What the managing authority received: submitted and not withdrawn, oldest first (for assessment)."""
    queryset = Application.objects.filter(status=ApplicationStatus.SUBMITTED).select_related(
        "call", "organisation", "submission"
    )
    if call is not None:
        queryset = queryset.filter(call=call)
    return queryset.order_by("submitted_at", "id")


def received_for_call(call: Call):
    """Officers' list per call: submitted and withdrawn applications."""
    return (
        Application.objects.filter(call=call, status__in=SUBMITTED_STATUSES)
        .select_related("organisation", "organisation__nuts", "submission")
        .order_by("reference")
    )


def calls_open_for_applications(at=None):
    """Published calls an applicant can start an application for now (open or upcoming)."""
    at = at or clock.now()
    return Call.objects.filter(status=CallStatus.PUBLISHED, closes_at__gt=at).order_by("closes_at")


def submission_content(application: Application) -> dict | None:
    submission = getattr(application, "submission", None)
    return json.loads(submission.content) if submission else None


# --- Budget figures -----------------------------------------------------------------------------------------


def budget_by(application: Application, *fields) -> list[dict]:
    return list(
        BudgetLine.objects.filter(application=application)
        .values(*fields)
        .annotate(sum_amount=_money_sum("amount"))
        .order_by(*fields)
    )


def budget_summary(application: Application) -> dict:
    """Totals of the stored lines by category, by year, by cost option, and overall: database sums."""
    lines = BudgetLine.objects.filter(application=application)
    total = lines.aggregate(sum_amount=_money_sum("amount"))["sum_amount"]
    simplified = lines.exclude(cost_option=CostOptionKind.REAL_COSTS).aggregate(sum_amount=_money_sum("amount"))[
        "sum_amount"
    ]
    return {
        "total": total,
        "simplified": simplified,
        "real": total - simplified,
        "by_category": {r["category"]: r["sum_amount"] for r in budget_by(application, "category")},
        "by_year": {r["year"]: r["sum_amount"] for r in budget_by(application, "year")},
        "by_option": {r["cost_option"]: r["sum_amount"] for r in budget_by(application, "cost_option")},
        "cells": {(r["category"], r["year"]): r["sum_amount"] for r in budget_by(application, "category", "year")},
    }


def call_totals(call: Call) -> dict:
    """Count and sums of what a call received (submitted, not withdrawn)."""
    return submitted_applications(call).aggregate(
        sum_total=_money_sum("total_eligible_cost"),
        sum_eu=_money_sum("eu_grant_requested"),
    ) | {"count": submitted_applications(call).count()}
