"""Ranking and funding line, checked against the rules written out in Python (Hypothesis): consolidated points
are the assessors' average rounded half up by the database, the order is total (then tie-breaks, submission
time, id), the line funds in rank order within the budget, partial funding only for the first application that
does not fit, the reserve list follows; the what-if view saves nothing."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .. import selectors
from ..constants import Outcome
from ..models import SelectionDecision
from . import factories as f

pytestmark = pytest.mark.django_db

CRITERIA = [("Relevance", "30", "12", "1.000", 1), ("Quality", "20", None, "1.500", None)]


class Rollback(Exception):
    pass


def mean(values) -> Decimal:
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


application = st.tuples(
    st.lists(st.decimals(min_value=0, max_value=30, places=2), min_size=2, max_size=2),  # relevance per assessor
    st.lists(st.decimals(min_value=0, max_value=20, places=2), min_size=2, max_size=2),  # quality per assessor
    st.integers(min_value=10, max_value=90),  # EU grant requested, thousands
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    apps=st.lists(application, min_size=1, max_size=7),
    budget=st.integers(min_value=10, max_value=300),
    partial=st.booleans(),
    overall=st.sampled_from([None, "30.00", "40.00"]),
)
def test_the_funding_line_follows_the_rules(apps, budget, partial, overall):
    try:
        with transaction.atomic():
            _check(apps, budget, partial, overall)
            raise Rollback
    except Rollback:
        pass


def _check(apps, budget, partial, overall):
    call = f.assessment_call(
        budget=f"{budget * 1000}.00",
        criteria=CRITERIA,
        overall_threshold=overall,
        partial_funding_allowed=partial,
        min_grant="5000.00",
        max_grant="80000.00",
    )
    a, b = f.assessor_user(), f.assessor_user()
    base = call.closes_at - dt.timedelta(days=3)
    expected = {}
    for i, (relevance, quality, grant) in enumerate(apps):
        # Equal submission times for some, so the id decides.
        application = f.submitted(call, eu=f"{grant * 1000}.00", submitted_at=base + dt.timedelta(minutes=i // 2))
        f.eligible(application)
        f.scored(application, a, [relevance[0], quality[0]])
        f.scored(application, b, [relevance[1], quality[1]])
        c1, c2 = mean(relevance), mean(quality)
        total = (c1 * Decimal("1.000") + c2 * Decimal("1.500")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        passes = c1 >= 12 and (overall is None or total >= Decimal(overall))
        grant_basis = min(Decimal(grant * 1000), call.max_grant)
        expected[application.pk] = (c1, c2, total, passes, grant_basis, application.submitted_at)
    rows = selectors.ranking(call)
    # Consolidation by the database equals the rounded average.
    for row in rows:
        c1, c2, total, passes, _grant, _at = expected[row.application_id]
        criteria = [c.id for c in row.rules.criteria]
        assert row.scores[criteria[0]] == c1 and row.scores[criteria[1]] == c2
        assert row.total == total and row.passes == passes
    # A total, repeatable order.
    order = sorted(expected, key=lambda pk: (-expected[pk][2], -expected[pk][0], expected[pk][5], pk))
    assert [row.application_id for row in rows] == order
    assert [row.rank for row in rows] == list(range(1, len(rows) + 1))
    # The funding line, written out.
    room, line_drawn = Decimal(budget * 1000), False
    for row in rows:
        grant = expected[row.application_id][4]
        if not row.passes:
            assert row.outcome == Outcome.BELOW_THRESHOLD
            continue
        if not line_drawn and grant <= room:
            assert row.outcome == Outcome.SELECTED and row.granted == grant
            room -= grant
        elif not line_drawn and partial and room > 0 and room >= call.min_grant:
            assert row.outcome == Outcome.PARTIAL and row.granted == room
            room, line_drawn = Decimal(0), True
        else:
            line_drawn = True
            assert row.outcome == Outcome.RESERVE and row.granted is None
    funded = sum((row.granted for row in rows if row.is_funded), Decimal(0))
    assert funded <= call.budget
    reserve = [row.reserve_position for row in rows if row.outcome == Outcome.RESERVE]
    assert reserve == list(range(1, len(reserve) + 1))
    # What-if: another budget moves the line, and nothing is saved.
    bigger = selectors.what_if(call, budget=call.budget * 10)
    assert sum(1 for row in bigger if row.is_funded) >= sum(1 for row in rows if row.is_funded)
    assert not SelectionDecision.objects.exists()


def test_what_if_thresholds_and_budget(db):
    call = f.assessment_call(budget="100000.00")
    a, b = f.assessor_user(), f.assessor_user()
    for points in ([25, 25, 15, 15], [14, 14, 9, 9]):
        application = f.submitted(call)
        f.eligible(application)
        f.scored(application, a, points)
        f.scored(application, b, points)
    rows = selectors.ranking(call)
    assert [row.outcome for row in rows] == [Outcome.SELECTED, Outcome.BELOW_THRESHOLD]
    relaxed = {c.pk: None for c in call.award_criteria.all()}
    trial = selectors.what_if(call, thresholds=relaxed, overall_threshold="")
    assert [row.outcome for row in trial] == [Outcome.SELECTED, Outcome.SELECTED]
    assert selectors.what_if(call, budget=Decimal("40000.00"))[0].outcome == Outcome.PARTIAL
