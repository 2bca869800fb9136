"""The answer pack's figures: every project's row is its row in the published list of operations, the totals
are the programme page's committed figures, restricted operations count but show no beneficiary."""

from decimal import Decimal

import pytest

from subsidia.core.money import ZERO
from subsidia.transparency.selectors import operations as published
from subsidia.transparency.selectors.overview import overview

from .. import answerpack
from . import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(officer, approver):
    return scenario.build(officer, approver)


def test_every_project_row_is_its_row_in_the_published_list(world):
    pack = answerpack.build(world.question, language="nl")
    ctx = published.context("nl")
    expected = [published.published_row(op, ctx) for op in sorted(world.operations, key=lambda o: o.code)]
    assert pack.projects.rows == expected
    assert [row["unique_operation_code"] for row in pack.projects.rows] == [
        "AMIF-VLG-2026-0001",
        "AMIF-VLG-2026-0002",
        "AMIF-VLG-2026-0003",
        "AMIF-VLG-2026-0004",
    ]


def test_the_pack_leaves_out_other_regions_and_cancelled_selections(world):
    codes = {row["unique_operation_code"] for row in answerpack.build(world.question).projects.rows}
    assert world.elsewhere.code not in codes
    assert world.cancelled.code not in codes


def test_a_restricted_operation_counts_in_the_totals_but_shows_no_beneficiary_or_location(world):
    pack = answerpack.build(world.question, language="en")
    row = next(r for r in pack.projects.rows if r["unique_operation_code"] == world.restricted.code)
    assert row["publication_restricted"] is True
    assert row["beneficiary_name"] is None
    assert row["postcode"] is None and row["nuts"] is None
    assert row["location_or_geolocation_and_country"] == "BE"
    assert row["total_cost"] == Decimal("50000.55")
    assert pack.projects.restricted == 1
    assert pack.projects.totals["total_cost"] == Decimal("213333.88")


def test_the_totals_are_the_exact_sums_of_the_rows(world):
    totals = answerpack.build(world.question).projects.totals
    assert totals == {
        "operations": 4,
        "total_cost": Decimal("213333.88"),
        "total_eligible_cost": Decimal("193333.88"),
        "eu_contribution": Decimal("145000.40"),
        "own_contribution": Decimal("30833.34"),
        "other_public_funding": Decimal("17500.14"),
    }


def test_the_totals_equal_what_the_programme_page_shows_as_committed(world):
    pack = answerpack.build(world.question)
    [line] = [line for line in overview(world.programme).by_region if line.code == "VLG"]
    assert pack.projects.totals["eu_contribution"] == line.committed_eu
    assert pack.projects.totals["total_cost"] == line.committed_total_cost
    assert pack.projects.totals["operations"] == line.operations
    assert sum((o.committed_eu for o in pack.usage.objectives), ZERO) == line.committed_eu


def test_a_question_about_the_whole_programme_takes_every_region(world):
    world.question.region = None
    world.question.save()
    pack = answerpack.build(world.question)
    assert pack.projects.totals["operations"] == 5
    assert pack.projects.totals["eu_contribution"] == overview(world.programme).total.committed_eu
    assert pack.envelope.total["eu_contribution"] == Decimal("1500000.01")


def test_the_envelope_is_the_regions_allocation_per_objective_and_year(world):
    env = answerpack.build(world.question).envelope
    assert env.total["eu_contribution"] == Decimal("1000000.01")
    assert env.programme_total["eu_contribution"] == Decimal("1500000.01")
    [row] = env.rows
    assert row.objective.code == "2"
    cells = dict(zip(env.years, row.cells, strict=True))
    assert cells[2024]["eu_contribution"] == Decimal("600000.00")
    assert cells[2025]["eu_contribution"] == Decimal("400000.01")
    assert cells[2026]["eu_contribution"] == ZERO
    assert env.share_of_programme == Decimal("66.67")


def test_the_calls_carry_their_criteria_weights_and_the_committee_decision(world):
    pack = answerpack.build(world.question, language="en")
    [summary] = pack.calls
    assert summary.call == world.call
    assert [(c.title, c.max_points, c.weight) for c in summary.award_criteria] == [
        ("Relevance", Decimal("40.00"), Decimal("1.000")),
        ("Quality", Decimal("60.00"), Decimal("1.000")),
    ]
    assert summary.max_score == Decimal("100.00")
    [decision] = summary.decisions
    assert (decision.reference, decision.votes_for, decision.lapsed) == ("MC-TEST-1", 5, False)
    assert summary.approving_decision == decision
    assert summary.operations["operations"] == 4
    assert summary.operations["eu_contribution"] == Decimal("145000.40")


def test_a_decision_on_content_that_changed_afterwards_is_shown_as_no_longer_applying(world, officer):
    from subsidia.core import approvals

    previous = approvals.current_hash(world.call)
    world.call.budget = Decimal("800000.00")
    world.call.save()
    approvals.after_change(officer, world.call, previous_hash=previous)
    [summary] = answerpack.build(world.question).calls
    assert summary.decisions[0].lapsed is True
    assert summary.approving_decision is None


def test_the_priorities_come_with_the_calls_that_serve_them(world):
    pack = answerpack.build(world.question, language="en")
    [priority] = pack.usage.priorities
    assert priority.calls == [world.call.reference]


def test_the_pack_defaults_to_the_official_language_and_refuses_others(world):
    assert answerpack.build(world.question).language == "nl"
    from subsidia.core.exceptions import RuleViolation

    with pytest.raises(RuleViolation) as refused:
        answerpack.build(world.question, language="xx")
    assert "language" in refused.value.errors
