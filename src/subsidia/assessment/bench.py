"""Benchmark of consolidation and ranking: ``subsidia bench ranking --applications 10000``.

It builds a synthetic call (N applications × 3 assessors × 6 criteria, written with ``bulk_create``; not timed)
inside a transaction that is always rolled back, so no real data is touched or left behind. It then times the
ranking selector (consolidation, ranking, funding line, as the pages and the API run it) and the same aggregate
written by hand as one raw SQL query, checks that both give the same ranking, and reports the medians.
"""

import datetime as dt
import random
import statistics
import string
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from subsidia.applications.constants import ApplicationStatus
from subsidia.applications.models import Application, Organisation
from subsidia.calls.constants import CallStatus
from subsidia.calls.models import AwardCriterion, Call
from subsidia.core import clock
from subsidia.programmes.models import Programme, Region
from subsidia.reference.models import Fund, ImplementationModality, NutsArea, SpecificObjective

from .constants import AssignmentStatus, CheckStatus
from .models import Assignment, EligibilityCheck, Score
from .selectors.ranking import Rules, ranking

CRITERIA = [
    # max points, threshold, weight, tie-break rank
    (Decimal("25"), Decimal("10"), Decimal("1.000"), 1),
    (Decimal("20"), Decimal("8"), Decimal("1.000"), None),
    (Decimal("20"), Decimal("8"), Decimal("1.000"), 2),
    (Decimal("15"), None, Decimal("1.000"), None),
    (Decimal("10"), None, Decimal("1.500"), None),
    (Decimal("10"), None, Decimal("0.500"), None),
]
ASSESSORS = 3


class _Rollback(Exception):
    """Raised at the end of the benchmark so its transaction never commits."""


def _ensure_reference():
    if not Fund.objects.filter(code="AMIF").exists():
        from subsidia.reference.loader import load_all

        load_all()


def build(applications: int, seed: int = 2025) -> Call:
    """The synthetic call and its assessments (inside the caller's transaction)."""
    _ensure_reference()
    rng = random.Random(seed)
    now = clock.now()
    tag = f"{seed}{applications}"[-6:]
    User = get_user_model()
    officer = User.objects.create(username=f"bench-officer-{tag}", first_name="Bench")
    assessors = [User.objects.create(username=f"bench-assessor-{tag}-{i}") for i in range(ASSESSORS)]
    programme = Programme.objects.create(
        cci=f"2021BE65AMPR{rng.randrange(900, 999)}",
        fund=Fund.objects.get(code="AMIF"),
        member_state="BE",
        created_at=now,
    )
    region, _created = Region.objects.get_or_create(
        code="BENCH", defaults={"kind": "region", "name_nl": "Bench", "name_fr": "Bench", "name_en": "Bench"}
    )
    budget = Decimal(applications) * Decimal("20000.00")
    call = Call.objects.create(
        programme=programme,
        reference=f"BENCH-{tag}",
        title_nl="Synthetische oproep (benchmark)",
        specific_objective=SpecificObjective.objects.filter(code="2").first(),
        region=region,
        implementation_modality=ImplementationModality.objects.order_by("code").first(),
        budget=budget,
        cofinancing_rate=Decimal("0.7500"),
        min_grant=Decimal("10000.00"),
        max_grant=Decimal("80000.00"),
        opens_at=now - dt.timedelta(days=90),
        closes_at=now - dt.timedelta(days=30),
        overall_threshold=Decimal("50.00"),
        number_of_assessors=ASSESSORS,
        disagreement_gap=Decimal("15.00"),
        partial_funding_allowed=True,
        status=CallStatus.IN_ASSESSMENT,
        published_at=now - dt.timedelta(days=91),
        created_at=now,
        created_by=officer,
        updated_at=now,
    )
    criteria = [
        AwardCriterion.objects.create(
            call=call,
            position=i,
            title_en=f"Criterion {i}",
            max_points=most,
            threshold=threshold,
            weight=weight,
            tie_break_rank=tie,
        )
        for i, (most, threshold, weight, tie) in enumerate(CRITERIA, start=1)
    ]
    organisation = Organisation.objects.create(
        legal_name="Synthetic applicant (benchmark)",
        legal_form="vzw",
        organisation_type="non_profit",
        other_identifier="bench",
        street="-",
        postcode="1000",
        city="Brussel",
        nuts=NutsArea.objects.filter(code="BE1").first() or NutsArea.objects.first(),
        created_at=now,
        created_by=officer,
    )
    rows = []
    for n in range(applications):
        eu = Decimal(rng.randrange(10, 81) * 1000)
        total = (eu / Decimal("0.75")).quantize(Decimal("0.01"))
        rows.append(
            Application(
                call=call,
                organisation=organisation,
                reference=f"BENCH-{tag}-{n:06d}",
                status=ApplicationStatus.SUBMITTED,
                title=f"Synthetic project {n}",
                total_eligible_cost=total,
                cofinancing_rate=Decimal("0.7500"),
                eu_grant_requested=eu,
                own_contribution=total - eu,
                declared_on_honour=True,
                declared_no_double_funding=True,
                declared_not_completed=True,
                created_at=now,
                created_by=officer,
                updated_at=now,
                # Coarse times so that equal totals meet equal submission times and the id decides.
                submitted_at=now - dt.timedelta(days=31, minutes=rng.randrange(0, 2000)),
            )
        )
    apps = Application.objects.bulk_create(rows, batch_size=2000)
    EligibilityCheck.objects.bulk_create(
        [
            EligibilityCheck(
                application=a,
                status=CheckStatus.ELIGIBLE,
                started_at=now,
                started_by=officer,
                concluded_at=now,
                concluded_by=officer,
            )
            for a in apps
        ],
        batch_size=2000,
    )
    assignments, points = [], []
    for a in apps:
        quality = rng.random()
        for assessor in assessors:
            marks = [
                int(min(most * 100, max(0, rng.gauss(float(most) * 100 * quality, float(most) * 12))))
                for most, *_ in CRITERIA
            ]
            weighted = sum(m * int(w * 1000) for m, (_x, _t, w, _r) in zip(marks, CRITERIA, strict=True))
            assignments.append(
                Assignment(
                    application=a,
                    assessor=assessor,
                    status=AssignmentStatus.SUBMITTED,
                    assigned_at=now,
                    assigned_by=officer,
                    accepted_at=now,
                    submitted_at=now,
                    assessor_total=Decimal((weighted + 500) // 1000).scaleb(-2),
                )
            )
            points.append(marks)
    assignments = Assignment.objects.bulk_create(assignments, batch_size=2000)
    scores = [
        Score(
            assignment=assignment,
            criterion=criterion,
            points=Decimal(mark).scaleb(-2),
            max_points=criterion.max_points,
            justification="Synthetic.",
            final=True,
            updated_at=now,
        )
        for assignment, marks in zip(assignments, points, strict=True)
        for criterion, mark in zip(criteria, marks, strict=True)
    ]
    Score.objects.bulk_create(scores, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return call


# Only integers taken from the rules are substituted in; the values compared with columns are parameters.
RAW_SQL = string.Template("""
WITH per_application AS (
    SELECT a.id, a.submitted_at,
           CASE WHEN a.eu_grant_requested < $max_grant THEN a.eu_grant_requested
                ELSE $max_grant END AS grant_cents,
           $pivots,
           COUNT(s.points) FILTER (WHERE s.criterion_id = $first) AS assessments,
           MAX(g.assessor_total) - MIN(g.assessor_total) AS spread
    FROM applications_application a
    JOIN assessment_eligibilitycheck e ON e.application_id = a.id AND e.status = %s
    LEFT JOIN assessment_assignment g ON g.application_id = a.id AND g.status = %s
    LEFT JOIN assessment_score s ON s.assignment_id = g.id
    WHERE a.call_id = %s AND a.status = %s
    GROUP BY a.id, a.submitted_at, a.eu_grant_requested
), totals AS (
    SELECT *, ($weighted + 500) / 1000 AS total FROM per_application
), judged AS (
    SELECT *, CASE WHEN $complete THEN 1 ELSE 0 END AS complete,
           CASE WHEN $complete AND $tests THEN 1 ELSE 0 END AS passes,
           CASE WHEN spread > $gap THEN 1 ELSE 0 END AS flagged
    FROM totals
), ranked AS (
    SELECT *, ROW_NUMBER() OVER w AS rank,
           SUM(CASE WHEN passes = 1 THEN grant_cents ELSE 0 END)
               OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative,
           SUM(passes) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS passing_rank
    FROM judged
    WINDOW w AS (ORDER BY $order)
)
SELECT id, rank, total, $points, assessments, complete, passes, flagged, spread, grant_cents AS "grant",
       cumulative, passing_rank, $budget - (cumulative - grant_cents) AS room_left,
       CASE WHEN complete = 0 THEN 'incomplete'
            WHEN passes = 0 THEN 'below_threshold'
            WHEN cumulative <= $budget THEN 'selected'
            ${partial}ELSE 'reserve' END AS outcome,
       submitted_at
FROM ranked ORDER BY rank
""")


def raw_sql(call: Call, rules: Rules) -> tuple[str, list]:
    """The same consolidation, ranking and funding line written by hand: one statement with common table
    expressions (the form a database developer would write), identical on SQLite and PostgreSQL."""
    pivots, weighted, complete, tests = [], [], [f"assessments >= {rules.required_assessors:d}"], []
    for c in rules.criteria:
        only = f"s.criterion_id = {c.id:d}"
        pivots.append(
            f"COUNT(s.points) FILTER (WHERE {only}) AS n_{c.id}, "
            f"(2 * SUM(s.points) FILTER (WHERE {only}) + COUNT(s.points) FILTER (WHERE {only})) "
            f"/ NULLIF(2 * COUNT(s.points) FILTER (WHERE {only}), 0) AS c_{c.id}"
        )
        weighted.append(f"c_{c.id} * {c.weight_thousandths:d}")
        complete.append(f"n_{c.id} >= {rules.required_assessors:d}")
        if c.threshold_hundredths is not None:
            tests.append(f"c_{c.id} >= {c.threshold_hundredths:d}")
    if rules.overall_threshold_hundredths is not None:
        tests.append(f"total >= {rules.overall_threshold_hundredths:d}")
    order = ["total DESC NULLS LAST"] + [f"c_{c.id} DESC NULLS LAST" for c in rules.tie_breakers]
    if rules.lower_grant_first:
        order.append("grant_cents ASC")
    order += ["submitted_at ASC", "id ASC"]
    budget, min_grant = rules.budget_cents, rules.min_grant_cents
    partial = (
        f"WHEN cumulative - grant_cents < {budget:d} AND {budget:d} - (cumulative - grant_cents) >= {min_grant:d} "
        "THEN 'partial' "
        if rules.partial_allowed
        else ""
    )
    sql = RAW_SQL.substitute(
        max_grant=rules.max_grant_cents,
        pivots=", ".join(pivots),
        weighted=" + ".join(weighted),
        first=rules.criteria[0].id,
        points=", ".join(f"c_{c.id}" for c in rules.criteria),
        complete=" AND ".join(complete),
        tests=" AND ".join(tests) or "1 = 1",
        gap=rules.gap_hundredths if rules.gap_hundredths is not None else "NULL",
        order=", ".join(order),
        budget=budget,
        partial=partial,
    )
    return sql, [CheckStatus.ELIGIBLE.value, AssignmentStatus.SUBMITTED.value, call.pk, ApplicationStatus.SUBMITTED]


def _timed(function, runs: int) -> tuple[float, object]:
    function()  # warm-up: caches, query plans, the database's pages
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(*, applications: int = 10000, runs: int = 5, seed: int = 2025, out=print) -> dict:
    """Build, time, compare, roll back. Returns the figures (the command prints them as JSON)."""
    figures = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            call = build(applications, seed)
            figures["build_seconds"] = round(time.perf_counter() - started, 3)
            out(
                f"built {applications} applications × {ASSESSORS} assessors × {len(CRITERIA)} criteria "
                f"in {figures['build_seconds']} s (not timed)"
            )
            rules = Rules.of(call)
            sql, params = raw_sql(call, rules)

            def orm():
                return ranking(call, rules=Rules.of(call))

            def raw():
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    names = [column[0] for column in cursor.description]
                    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

            seconds, rows = _timed(orm, runs)
            raw_seconds, raw_rows = _timed(raw, runs)
            ours = [(r.application_id, r.rank, r.total_hundredths, r.cumulative_cents, r.outcome) for r in rows]
            theirs = [(r["id"], r["rank"], r["total"], r["cumulative"], r["outcome"]) for r in raw_rows]
            if ours != theirs:
                raise AssertionError("the selector and the raw query rank differently")
            figures.update(
                {
                    "benchmark": "ranking",
                    "database": connection.vendor,
                    "applications": applications,
                    "assessors": ASSESSORS,
                    "criteria": len(CRITERIA),
                    "runs": runs,
                    "seconds": round(seconds, 4),
                    "raw_seconds": round(raw_seconds, 4),
                    "ratio": round(seconds / raw_seconds, 3) if raw_seconds else None,
                    "selected": sum(1 for r in rows if r.outcome in ("selected", "partial")),
                    "reserve": sum(1 for r in rows if r.outcome == "reserve"),
                }
            )
            raise _Rollback
    except _Rollback:
        pass
    return figures


OPTIONS = ("applications", "seed")


def add_arguments(parser):
    parser.add_argument("--applications", type=int, default=10000, help="synthetic applications (default 10000)")
    parser.add_argument("--seed", type=int, default=2025, help="seed of the synthetic scores")
