"""Reading decisions: what a decision selects and commits, what a call's budget still holds, what-if rankings,
and who sees which assignments, results and letters."""

from decimal import Decimal

from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce

from subsidia.applications.models import Membership
from subsidia.core.fields import MoneyField
from subsidia.core.roles import ASSESSOR, STAFF_ROLES, has_role

from ..constants import ACTIVE_ASSIGNMENT, FUNDED, DecisionKind, DecisionStatus
from ..models import Assignment, BudgetRelease, DecisionLetter, SelectionDecision, SelectionLine
from .ranking import RankRow, Rules, ranking


def _money_sum(queryset, field: str) -> Decimal:
    return queryset.aggregate(amount_sum=Coalesce(Sum(field), Value(0), output_field=MoneyField()))["amount_sum"]


def selected_lines(decision):
    """The applications this decision selects (funded lines only), in rank order, with their figures."""
    return (
        SelectionLine.objects.filter(decision=decision, outcome__in=FUNDED)
        .select_related("application", "application__organisation", "application__call")
        .order_by("rank")
    )


def decision_total(decision) -> Decimal:
    """The EU amount the decision selects (a database sum of its funded lines)."""
    return _money_sum(SelectionLine.objects.filter(decision=decision, outcome__in=FUNDED), "eu_amount")


def call_budget_use(call) -> dict:
    """The call's budget and its use, by database sums: ``committed`` (grants of approved decisions, not
    declined), ``declined`` (grants given up), ``released`` (returned to the allocation), ``prepared`` (what an
    open decision would commit) and ``available`` (budget − committed − released)."""
    lines = SelectionLine.objects.filter(decision__call=call, committed=True)
    figures = lines.aggregate(
        committed_sum=Coalesce(
            Sum("eu_amount", filter=Q(declined_at__isnull=True)), Value(0), output_field=MoneyField()
        ),
        declined_sum=Coalesce(
            Sum("eu_amount", filter=Q(declined_at__isnull=False)), Value(0), output_field=MoneyField()
        ),
    )
    released = _money_sum(BudgetRelease.objects.filter(call=call), "amount")
    prepared = _money_sum(SelectionDecision.objects.filter(call=call, status=DecisionStatus.PREPARED), "eu_total")
    committed = figures["committed_sum"]
    return {
        "budget": call.budget,
        "committed": committed,
        "declined": figures["declined_sum"],
        "released": released,
        "prepared": prepared,
        "available": call.budget - committed - released,
    }


def what_if(call, *, budget=None, thresholds=None, overall_threshold=None) -> list[RankRow]:
    """The ranking and funding line under another budget (euro) or other thresholds ({criterion id: points or
    None}); nothing is saved."""
    return ranking(call, Rules.of(call, budget=budget, thresholds=thresholds, overall_threshold=overall_threshold))


def decisions_of(call):
    return SelectionDecision.objects.filter(call=call).order_by("-number")


def approved_initial(call):
    return SelectionDecision.objects.filter(
        call=call, kind=DecisionKind.INITIAL, status=DecisionStatus.APPROVED
    ).first()


def assignments_for(user):
    """An assessor's active assignments (awaiting the declaration, scoring, submitted)."""
    if not getattr(user, "is_authenticated", False) or not has_role(user, ASSESSOR):
        return Assignment.objects.none()
    return (
        Assignment.objects.filter(assessor=user, status__in=ACTIVE_ASSIGNMENT)
        .select_related("application", "application__call", "application__organisation")
        .order_by("application__call__closes_at", "application__reference")
    )


def _decided(application) -> bool:
    """The application's outcome is notified: an approved decision has a line for it, or a letter exists."""
    return (
        SelectionLine.objects.filter(application=application, decision__status=DecisionStatus.APPROVED).exists()
        or DecisionLetter.objects.filter(application=application).exists()
    )


def application_results_visible_to(user, application) -> bool:
    """Staff see the results at any time; the applicant's members only once the outcome is decided and
    notified (an approved decision, or the letter of ineligibility). Nobody else."""
    if not getattr(user, "is_authenticated", False) or application is None:
        return False
    if has_role(user, *STAFF_ROLES):
        return True
    if not Membership.objects.filter(user=user, organisation_id=application.organisation_id).exists():
        return False
    return _decided(application)


def letters_visible_to(user):
    """Staff read every letter; an applicant's members read the letters to their organisations."""
    letters = DecisionLetter.objects.select_related("application", "application__organisation", "decision")
    if not getattr(user, "is_authenticated", False):
        return letters.none()
    if has_role(user, *STAFF_ROLES):
        return letters
    return letters.filter(
        application__organisation__in=Membership.objects.filter(user=user).values("organisation")
    ).filter(Q(decision__isnull=True) | Q(decision__status=DecisionStatus.APPROVED))
