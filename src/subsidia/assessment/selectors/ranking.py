"""Consolidation, ranking and the funding line of a call, computed by the database in one query.

Points are integer hundredths, so every rounding is integer arithmetic that SQLite and PostgreSQL evaluate the
same way (both truncate integer division, and every operand here is non-negative):

- consolidated points of a criterion, average of ``n`` assessors summing ``S`` hundredths:
  ``(2·S + n) div (2·n)`` = ``S / n`` rounded half up to the hundredth;
- total: ``(Σ consolidated × weight in thousandths + 500) div 1000`` = the weighted sum rounded half up.

The rows are grouped per application (one pivot column per award criterion), ordered by a window function
(total, then the call's tie-break criteria, then lower grant or earlier submission, then id: a total order), and a
running sum over that order draws the funding line. Nothing is saved: the same query answers the what-if view.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import add

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RowRange
from django.db.models.functions import Coalesce, Least, NullIf, RowNumber
from django.db.models.lookups import Exact, GreaterThanOrEqual, LessThan
from django_cte import CTE, with_cte

from subsidia.applications.constants import ApplicationStatus
from subsidia.applications.models import Application
from subsidia.calls.constants import ConsolidationMethod, TieBreakFinal
from subsidia.calls.models import Call
from subsidia.core.money import from_cents, to_cents

from ..constants import AssignmentStatus, CheckStatus, ConsensusStatus, Outcome
from ..fields import from_hundredths, to_hundredths
from ..models import Assignment

INCOMPLETE = "incomplete"  # not every required assessment (or the consensus) is submitted yet


class Literal(Value):
    """An integer written into the SQL text instead of passed as a parameter. With parameters, every
    ``COUNT(…) FILTER (WHERE criterion_id = ?)`` reads differently and the database computes each copy; with
    literals identical aggregates are identical text, and SQLite and PostgreSQL compute them once."""

    def __init__(self, value):
        super().__init__(int(value), output_field=BigIntegerField())

    def as_sql(self, compiler, connection):
        return str(int(self.value)), []


def _is(field, value):
    return Q(Exact(F(field), Literal(value)))


def _int(expression):
    return ExpressionWrapper(expression, output_field=BigIntegerField())


@dataclass(frozen=True)
class CriterionRule:
    id: int
    position: int
    title: str
    weight_thousandths: int
    max_hundredths: int
    threshold_hundredths: int | None
    tie_break_rank: int | None


@dataclass(frozen=True)
class Rules:
    """What the ranking applies. Built from the call (``Rules.of(call)``); the what-if view overrides parts."""

    budget_cents: int
    criteria: tuple[CriterionRule, ...]
    overall_threshold_hundredths: int | None
    required_assessors: int
    consensus: bool
    gap_hundredths: int | None
    partial_allowed: bool
    min_grant_cents: int
    max_grant_cents: int
    lower_grant_first: bool

    @classmethod
    def of(cls, call: Call, *, budget=None, overall_threshold=None, thresholds=None) -> "Rules":
        """``budget`` (euro), ``overall_threshold`` (points) and ``thresholds`` ({criterion id: points or
        None}) replace the call's figures when given; ``overall_threshold=""`` removes the overall threshold."""
        thresholds = thresholds or {}
        criteria = tuple(
            CriterionRule(
                id=c.pk,
                position=c.position,
                title=c.title,
                weight_thousandths=int(Decimal(c.weight) * 1000),
                max_hundredths=to_hundredths(c.max_points),
                threshold_hundredths=_hundredths_or_none(thresholds.get(c.pk, c.threshold)),
                tie_break_rank=c.tie_break_rank,
            )
            for c in call.award_criteria.order_by("position", "id")
        )
        overall = call.overall_threshold if overall_threshold is None else overall_threshold
        return cls(
            budget_cents=to_cents(call.budget if budget is None else budget),
            criteria=criteria,
            overall_threshold_hundredths=_hundredths_or_none(overall),
            required_assessors=call.number_of_assessors,
            consensus=call.consolidation == ConsolidationMethod.CONSENSUS,
            gap_hundredths=_hundredths_or_none(call.disagreement_gap),
            partial_allowed=call.partial_funding_allowed,
            min_grant_cents=to_cents(call.min_grant),
            max_grant_cents=to_cents(call.max_grant),
            lower_grant_first=call.tie_break_final == TieBreakFinal.LOWER_GRANT_FIRST,
        )

    @property
    def tie_breakers(self) -> list[CriterionRule]:
        return sorted((c for c in self.criteria if c.tie_break_rank is not None), key=lambda c: c.tie_break_rank)


def _hundredths_or_none(value):
    return None if value is None or value == "" else to_hundredths(value)


@dataclass
class RankRow:
    """One line of the ranking. Figures are kept as the database returned them (integer hundredths of points,
    integer cents) and read as ``Decimal`` through the properties."""

    application_id: int
    rank: int
    total_hundredths: int | None
    scores_hundredths: dict[int, int | None]  # criterion id → consolidated points
    assessments: int
    complete: bool
    passes: bool
    flagged: bool
    spread_hundredths: int | None
    grant_cents: int
    cumulative_cents: int
    outcome: str
    granted_cents: int | None
    reserve_position: int | None
    submitted_at: object
    rules: Rules

    @property
    def total(self) -> Decimal | None:
        return from_hundredths(self.total_hundredths)

    @property
    def scores(self) -> dict[int, Decimal | None]:
        return {key: from_hundredths(value) for key, value in self.scores_hundredths.items()}

    @property
    def spread(self) -> Decimal | None:
        return from_hundredths(self.spread_hundredths)

    @property
    def grant_basis(self) -> Decimal:
        """The EU grant requested, within the call's maximum: what the funding line counts."""
        return from_cents(self.grant_cents)

    @property
    def cumulative(self) -> Decimal:
        return from_cents(self.cumulative_cents)

    @property
    def granted(self) -> Decimal | None:
        return None if self.granted_cents is None else from_cents(self.granted_cents)

    @property
    def is_funded(self) -> bool:
        return self.outcome in (Outcome.SELECTED, Outcome.PARTIAL)

    @property
    def failed_thresholds(self) -> list[int]:
        """Criterion ids scored below their threshold; 0 stands for the overall threshold."""
        failed = [
            c.id
            for c in self.rules.criteria
            if c.threshold_hundredths is not None
            and self.scores_hundredths.get(c.id) is not None
            and self.scores_hundredths[c.id] < c.threshold_hundredths
        ]
        overall = self.rules.overall_threshold_hundredths
        if overall is not None and self.total_hundredths is not None and self.total_hundredths < overall:
            failed.append(0)
        return failed


def eligible_applications(call: Call):
    """Submitted (not withdrawn) applications of the call whose eligibility check concluded "eligible"."""
    return Application.objects.filter(
        call=call, status=ApplicationStatus.SUBMITTED, eligibility_check__status=CheckStatus.ELIGIBLE
    )


def _consolidated(rules: Rules) -> tuple[dict, dict]:
    """Per criterion: the consolidated hundredths and the number of scores behind them. The scores are read
    through ``done`` (submitted assessments) or ``agreed`` (a submitted consensus), filtered in the join."""
    consolidated, counts = {}, {}
    for c in rules.criteria:
        if rules.consensus:
            only = _is("agreed__scores__criterion_id", c.id)
            counts[c.id] = Count("agreed__scores__points", filter=only)
            consolidated[c.id] = _int(Max("agreed__scores__points", filter=only))
        else:
            only = _is("done__scores__criterion_id", c.id)
            # SUM of an integer column is an integer on both databases (bigint on PostgreSQL).
            total = _int(Sum("done__scores__points", filter=only))
            n = Count("done__scores__points", filter=only)
            counts[c.id] = n
            consolidated[c.id] = _int((Literal(2) * total + n) / NullIf(Literal(2) * n, Literal(0)))
    return consolidated, counts


def _sources(rules: Rules) -> dict:
    if rules.consensus:
        return {"agreed": FilteredRelation("consensus", condition=Q(consensus__status=ConsensusStatus.SUBMITTED))}
    return {"done": FilteredRelation("assignments", condition=Q(assignments__status=AssignmentStatus.SUBMITTED))}


def _assessor_figures(rules: Rules) -> tuple:
    """How many assessments are in, and how far apart the assessors' own totals lie."""
    if not rules.consensus:
        # The scores join repeats each assignment once per criterion: count one criterion; MAX and MIN ignore it.
        first = rules.criteria[0].id if rules.criteria else None
        assessments = Count("done__scores__points", filter=_is("done__scores__criterion_id", first))
        top, bottom = Max("done__assessor_total"), Min("done__assessor_total")
    else:
        done = Assignment.objects.filter(application=OuterRef("pk"), status=AssignmentStatus.SUBMITTED).values(
            "application"
        )
        assessments = Coalesce(Subquery(done.annotate(n=Count("id")).values("n")), Value(0))
        top = Subquery(done.annotate(t=Max("assessor_total")).values("t"))
        bottom = Subquery(done.annotate(b=Min("assessor_total")).values("b"))
    spread = _int(_int(top) - _int(bottom))
    return assessments, spread


def _flag(condition):
    # 1/0 rather than a boolean: the same value on SQLite and PostgreSQL, and comparable in later layers.
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


def ranking_queryset(call: Call, rules: Rules):
    """The ranking as one statement of four layers (common table expressions), a ``values()`` queryset in rank
    order: per application the consolidated points (GROUP BY), then the total and the thresholds, then the
    rank and the running sum of the funding line (window functions), then the outcome."""
    consolidated, counts = _consolidated(rules)
    assessments, spread = _assessor_figures(rules)
    criteria = rules.criteria
    points = [f"c_{c.id}" for c in criteria]
    scored = [f"n_{c.id}" for c in criteria]
    carried = ["id", "submitted_at", "grant", "assessments", "spread", *points, *scored]
    per_application = CTE(
        eligible_applications(call)
        .annotate(**_sources(rules))
        .values("id", "submitted_at")
        .annotate(
            grant=_int(Least(F("eu_grant_requested"), Value(rules.max_grant_cents))),
            assessments=assessments,
            spread=spread,
            **{f"c_{c.id}": consolidated[c.id] for c in criteria},
            **{f"n_{c.id}": counts[c.id] for c in criteria},
        )
        .order_by(),
        name="per_application",
    )
    weighted = [F(f"c_{c.id}") * Literal(c.weight_thousandths) for c in criteria]
    total = _int((reduce(add, weighted) + Literal(500)) / Literal(1000)) if weighted else Value(None)
    # Every criterion scored by every required assessor (for a consensus: by the lead, after the assessors).
    complete = Q(assessments__gte=rules.required_assessors)
    for name in scored:
        complete &= Q(**{f"{name}__gte": 1 if rules.consensus else rules.required_assessors})
    passes = complete
    for c in criteria:
        if c.threshold_hundredths is not None:
            passes &= Q(**{f"c_{c.id}__gte": c.threshold_hundredths})
    if rules.overall_threshold_hundredths is not None:
        passes &= Q(GreaterThanOrEqual(total, rules.overall_threshold_hundredths))
    flagged = (
        _flag(Q(spread__gt=rules.gap_hundredths))
        if rules.gap_hundredths is not None
        else Value(0, output_field=IntegerField())
    )
    judged = CTE(
        per_application.queryset()
        .annotate(total=total, complete=_flag(complete), passes=_flag(passes), flagged=flagged)
        .values(*carried, "total", "complete", "passes", "flagged")
        .order_by(),
        name="judged",
    )
    order = [F("total").desc(nulls_last=True)]
    order += [F(f"c_{c.id}").desc(nulls_last=True) for c in rules.tie_breakers]
    if rules.lower_grant_first:
        order.append(F("grant").asc())
    order += [F("submitted_at").asc(), F("id").asc()]
    frame = RowRange(start=None, end=0)
    passing = Q(passes=1)
    ranked = CTE(
        judged.queryset()
        .annotate(
            rank=Window(RowNumber(), order_by=order),
            cumulative=Window(
                Sum(Case(When(passing, then=F("grant")), default=Value(0), output_field=BigIntegerField())),
                order_by=order,
                frame=frame,
            ),
            passing_rank=Window(
                Sum(Case(When(passing, then=Value(1)), default=Value(0), output_field=BigIntegerField())),
                order_by=order,
                frame=frame,
            ),
        )
        .values(*carried, "total", "complete", "passes", "flagged", "rank", "cumulative", "passing_rank")
        .order_by(),
        name="ranked",
    )
    budget = rules.budget_cents
    before = _int(F("cumulative") - F("grant"))
    funded = [When(cumulative__lte=budget, then=Value(Outcome.SELECTED.value))]
    if rules.partial_allowed:
        # The first application that does not fit takes what is left, if that reaches the minimum grant.
        funded.append(
            When(
                Q(LessThan(before, budget)) & Q(GreaterThanOrEqual(Value(budget) - before, rules.min_grant_cents)),
                then=Value(Outcome.PARTIAL.value),
            )
        )
    outcome = Case(
        When(complete=0, then=Value(INCOMPLETE)),
        When(passes=0, then=Value(Outcome.BELOW_THRESHOLD.value)),
        *funded,
        default=Value(Outcome.RESERVE.value),
        output_field=CharField(),
    )
    return with_cte(
        per_application,
        judged,
        ranked,
        select=ranked.queryset()
        .annotate(room_left=_int(Value(budget) - before), outcome=outcome)
        .values(*output_columns(rules))
        .order_by("rank"),
    )


def output_columns(rules: Rules) -> list[str]:
    """The columns of a ranking row, in order (``ranking_queryset(...).values_list()`` yields them so)."""
    return [
        "id",
        "rank",
        "total",
        *[f"c_{c.id}" for c in rules.criteria],
        "assessments",
        "complete",
        "passes",
        "flagged",
        "spread",
        "grant",
        "cumulative",
        "passing_rank",
        "room_left",
        "outcome",
        "submitted_at",
    ]


def ranking(call: Call, rules: Rules | None = None) -> list[RankRow]:
    """The call's ranking and funding line (``rules`` default to the call's own). Nothing is saved."""
    rules = rules or Rules.of(call)
    ids = [c.id for c in rules.criteria]
    k = len(ids)
    rows, funded = [], 0
    # Tuples rather than dicts: the ranking of a large call is read often, and this is its Python cost.
    for values in ranking_queryset(call, rules).values_list(*output_columns(rules)):
        application_id, rank, total = values[0], values[1], values[2]
        scores = dict(zip(ids, values[3 : 3 + k], strict=True))
        (
            assessments,
            complete,
            passes,
            flagged,
            spread,
            grant,
            cumulative,
            passing_rank,
            room_left,
            outcome,
            submitted_at,
        ) = values[3 + k :]
        granted = grant if outcome == Outcome.SELECTED else room_left if outcome == Outcome.PARTIAL else None
        if granted is not None:
            funded += 1
        rows.append(
            RankRow(
                application_id=application_id,
                rank=rank,
                total_hundredths=total,
                scores_hundredths=scores,
                assessments=assessments or 0,
                complete=complete == 1,
                passes=passes == 1,
                flagged=flagged == 1,
                spread_hundredths=spread,
                grant_cents=grant,
                cumulative_cents=cumulative,
                outcome=outcome,
                granted_cents=granted,
                # Funded lines all come before the reserve in rank order, so this counts the reserve from 1.
                reserve_position=passing_rank - funded if outcome == Outcome.RESERVE else None,
                submitted_at=submitted_at,
                rules=rules,
            )
        )
    return rows
