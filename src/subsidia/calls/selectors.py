"""Read queries over calls: visibility, effective status, budget room, what applicants may use."""

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, CharField, Prefetch, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from subsidia.core import clock
from subsidia.core.fields import MoneyField
from subsidia.core.money import ZERO
from subsidia.programmes.models import Allocation
from subsidia.programmes.selectors import totals
from subsidia.reference.figures import figure

from .constants import (
    FLAT_RATE_BASIS,
    PUBLIC_STATUSES,
    RELEASED_STATUSES,
    CallStatus,
    CostOptionKind,
    EffectiveStatus,
)
from .models import AwardCriterion, CalendarRevision, Call, PlannedCall


def is_open(call: Call, at=None) -> bool:
    """Whether applications may be submitted at ``at`` (default: now):
    published and ``opens_at ≤ at < closes_at``."""
    at = at or clock.now()
    return call.status == CallStatus.PUBLISHED and call.opens_at <= at < call.closes_at


# --- Visibility ---------------------------------------------------------------------------------------------

PUBLIC_Q = Q(status__in=PUBLIC_STATUSES) | Q(status=CallStatus.WITHDRAWN, published_at__isnull=False)


def can_see_drafts(user) -> bool:
    return bool(user is not None and user.has_perm("calls.view_call"))


def _base():
    return Call.objects.select_related(
        "programme",
        "specific_objective",
        "region",
        "implementation_modality",
        "implementation_modality__cofinancing_rule",
        "action_type",
    )


def public_calls():
    """Calls the public may see: published and after (a withdrawn call only if it was published once)."""
    return _base().filter(PUBLIC_Q)


def calls_visible_to(user):
    """Officers, authorising officers and auditors see every call; everyone else the public ones."""
    return _base() if can_see_drafts(user) else public_calls()


def with_details(queryset):
    return queryset.prefetch_related(
        Prefetch("award_criteria", queryset=AwardCriterion.objects.order_by("position", "id")),
        "eligibility_criteria",
        "cost_options",
        "required_attachments",
        "documents",
        "eligible_area",
        "priorities",
        "implementation_measures",
        "intervention_fields",
    )


# --- Effective status, computed by the database at the moment of asking ------------------------------------


def with_effective_status(queryset, at=None):
    """Annotate ``effective`` (upcoming / open / closed for published calls; the status otherwise)."""
    at = at or clock.now()
    return queryset.annotate(
        effective=Case(
            When(status=CallStatus.PUBLISHED, opens_at__gt=at, then=Value(EffectiveStatus.UPCOMING.value)),
            When(status=CallStatus.PUBLISHED, closes_at__gt=at, then=Value(EffectiveStatus.OPEN.value)),
            When(status=CallStatus.PUBLISHED, then=Value(EffectiveStatus.CLOSED.value)),
            default="status",
            output_field=CharField(),
        )
    )


def filter_effective(queryset, value: str, at=None):
    """``open`` / ``upcoming``: published calls by their dates; ``closed``: every call no longer open to
    applications that the public knows of (closed by date, in assessment, decided, archived)."""
    at = at or clock.now()
    if value == EffectiveStatus.OPEN:
        return queryset.filter(status=CallStatus.PUBLISHED, opens_at__lte=at, closes_at__gt=at)
    if value == EffectiveStatus.UPCOMING:
        return queryset.filter(status=CallStatus.PUBLISHED, opens_at__gt=at)
    if value == EffectiveStatus.CLOSED:
        return queryset.filter(
            Q(status=CallStatus.PUBLISHED, closes_at__lte=at)
            | Q(status__in=[CallStatus.IN_ASSESSMENT, CallStatus.DECIDED, CallStatus.ARCHIVED])
        )
    return queryset.filter(status=value)


def new_calls(limit: int = 30):
    """The most recently published calls, for the Atom feed."""
    return public_calls().order_by("-published_at", "-id")[:limit]


# --- Budget room: the allocation of objective × region × modality less every other call -------------------


@dataclass(frozen=True)
class BudgetRoom:
    allocated: Decimal
    committed: Decimal

    @property
    def available(self) -> Decimal:
        return self.allocated - self.committed


def budget_room(programme, specific_objective, region, modality, *, exclude_call=None) -> BudgetRoom:
    """EU contribution of the version in force for the cell (all years), and the budgets of the other calls
    drawing on it (withdrawn and archived calls no longer count). Both are database sums."""
    allocations = Allocation.objects.filter(
        version_id=programme.current_version_id,
        specific_objective=specific_objective,
        region=region,
        implementation_modality=modality,
    )
    others = Call.objects.filter(
        programme=programme,
        specific_objective=specific_objective,
        region=region,
        implementation_modality=modality,
    ).exclude(status__in=RELEASED_STATUSES)
    if exclude_call is not None and exclude_call.pk:
        others = others.exclude(pk=exclude_call.pk)
    committed = others.aggregate(s=Coalesce(Sum("budget"), Value(0), output_field=MoneyField()))["s"]
    return BudgetRoom(allocated=totals(allocations)["eu_contribution"], committed=committed or ZERO)


def calls_on_allocation(programme):
    """Per objective × region × modality: the budget of the calls that draw on it (for the officer's "
    "overview)."""
    return (
        Call.objects.filter(programme=programme)
        .exclude(status__in=RELEASED_STATUSES)
        .values("specific_objective", "region", "implementation_modality")
        .annotate(calls_budget=Coalesce(Sum("budget"), Value(0), output_field=MoneyField()))
        .order_by("specific_objective", "region", "implementation_modality")
    )


# --- What the applications and assessment stages read -------------------------------------------------------


@dataclass(frozen=True)
class FlatRateOption:
    key: str
    rate: Decimal
    max_rate: Decimal
    legal_basis: str
    basis: str  # what the rate is applied to: "direct", "staff" or "direct_other_than_staff"
    covers: str  # the cost category it pays for ("indirect", "staff") or "all_other"


def flat_rates(call: Call) -> list[FlatRateOption]:
    """The call's flat rates with the article and maximum they derive from (CPR art. 54-56)."""
    result = []
    for option in call.cost_options.filter(kind=CostOptionKind.FLAT_RATE):
        rule = figure(option.flat_rate)
        basis, covers = FLAT_RATE_BASIS[option.flat_rate]
        result.append(FlatRateOption(option.flat_rate, option.rate, rule.value, rule.legal_basis, basis, str(covers)))
    return result


def real_cost_categories(call: Call) -> list[str]:
    return list(call.cost_options.filter(kind=CostOptionKind.REAL_COSTS).values_list("category", flat=True))


def lump_sums(call: Call):
    return call.cost_options.filter(kind=CostOptionKind.LUMP_SUM)


def unit_costs(call: Call):
    return call.cost_options.filter(kind=CostOptionKind.UNIT_COST)


def sco_threshold():
    """The total cost up to which an operation must use simplified cost options (CPR art. 53(2))."""
    return figure("sco_mandatory_total_cost")


# --- Calendar of planned calls (CPR art. 49(2)) -----------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class CalendarStatus:
    last_update: CalendarRevision | None
    interval_months: int
    due_on: dt.date | None
    legal_basis: str

    @property
    def overdue(self) -> bool:
        return self.due_on is None or clock.today() > self.due_on


def calendar_status(programme) -> CalendarStatus:
    """When the calendar was last updated and when the next update is due: the figure asks for at least
    ``n`` updates a year, so at most 12 ÷ n months may pass between two."""
    rule = figure("call_calendar_updates_per_year")
    interval = int(12 // rule.value)
    last = CalendarRevision.objects.filter(programme=programme).select_related("revised_by").first()
    due = add_months(clock.to_local(last.revised_at).date(), interval) if last else None
    return CalendarStatus(last, interval, due, rule.legal_basis)


def planned_calls(programme=None, *, include_launched=True):
    queryset = PlannedCall.objects.select_related("programme", "specific_objective", "region", "call")
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    if not include_launched:
        queryset = queryset.filter(call__isnull=True)
    return queryset.prefetch_related("eligible_area")
