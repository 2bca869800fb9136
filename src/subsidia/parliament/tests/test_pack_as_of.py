"""An answer pack "as of" a publication: the projects as that publication froze them (with today's withholding
applied again), and the programme and calls as they stood at that moment, whatever changed afterwards."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from openpyxl import load_workbook

from subsidia.calls.tests.factories import approve
from subsidia.core import approvals, clock
from subsidia.programmes.models import Allocation
from subsidia.transparency.constants import RestrictionStatus
from subsidia.transparency.models import PublicationRestriction
from subsidia.transparency.services.publication import publish

from .. import answerpack
from ..answerpack import xlsx
from . import scenario

pytestmark = pytest.mark.django_db
PUBLISHED_AT = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def world(officer, approver):
    with time_machine.travel(PUBLISHED_AT - dt.timedelta(days=5), tick=False):
        built = scenario.build(officer, approver)
    with time_machine.travel(PUBLISHED_AT, tick=False):
        built.snapshot = publish(officer)
    return built


def test_the_projects_are_those_of_the_publication_not_todays(world, officer):
    first = world.operations[0]
    with time_machine.travel(LATER, tick=False):
        first.total_cost = Decimal("130000.01")
        first.save()
        scenario.operation(world.call, "AMIF-VLG-2026-0099", "1000.00", "1000.00", "750.00", "250.00", "0.00")
        live = answerpack.build(world.question)
        then = answerpack.build(world.question, snapshot=world.snapshot)
    assert live.projects.totals["operations"] == 5
    assert then.projects.totals["operations"] == 4
    assert then.projects.totals["total_cost"] == Decimal("213333.88")
    assert live.projects.totals["total_cost"] == Decimal("213333.88") + Decimal("10000.00") + Decimal("1000.00")
    row = next(r for r in then.projects.rows if r["unique_operation_code"] == first.code)
    assert row["total_cost"] == Decimal("120000.01")
    assert then.projects.totals["total_eligible_cost"] == Decimal("193333.88")
    assert then.projects.totals["own_contribution"] == Decimal("30833.34")
    assert then.data_date == world.snapshot.published_at


def test_the_rows_equal_the_publications_rows_as_shown_today(world):
    from subsidia.transparency.selectors import publications

    then = answerpack.build(world.question, snapshot=world.snapshot)
    shown = {r["unique_operation_code"]: r for r in publications.rows(world.snapshot)}
    for row in then.projects.rows:
        expected = shown[row["unique_operation_code"]]
        for key in ("total_cost", "eu_contribution", "own_contribution", "other_public_funding"):
            assert str(row[key]) == expected[key]
        assert row["beneficiary_name"] == expected["beneficiary_name"]


def test_a_restriction_confirmed_after_the_publication_withholds_in_the_pack_too(world, officer, approver):
    second = world.operations[1]
    with time_machine.travel(LATER, tick=False):
        PublicationRestriction.objects.create(
            operation=second,
            legal_ground="Bescherming van de deelnemers.",
            status=RestrictionStatus.ACTIVE,
            prepared_by=officer,
            prepared_at=clock.now(),
            decided_by=approver,
            decided_at=clock.now(),
        )
        then = answerpack.build(world.question, snapshot=world.snapshot)
    row = next(r for r in then.projects.rows if r["unique_operation_code"] == second.code)
    assert row["beneficiary_name"] is None
    assert row["total_cost"] == Decimal("33333.33")


def test_the_envelope_and_the_calls_are_those_of_the_moment(world, officer):
    with time_machine.travel(LATER, tick=False):
        allocation = Allocation.objects.get(version=world.programme.current_version, region__code="VLG", year=2025)
        allocation.eu_contribution = Decimal("500000.01")
        allocation.save()
        previous = approvals.current_hash(world.call)
        world.call.budget = Decimal("950000.00")
        world.call.save()
        approvals.after_change(officer, world.call, previous_hash=previous)
        approve(world.call, officer)
        live = answerpack.build(world.question)
        then = answerpack.build(world.question, snapshot=world.snapshot)
    assert live.envelope.total["eu_contribution"] == Decimal("1100000.01")
    assert then.envelope.total["eu_contribution"] == Decimal("1000000.01")
    assert live.calls[0].call.budget == Decimal("950000.00")
    assert then.calls[0].call.budget == Decimal("900000.00")
    assert len(live.calls[0].decisions) == 2
    assert [d.lapsed for d in then.calls[0].decisions] == [False]


def test_the_as_of_workbook_says_which_publication_it_shows(world, tmp_path):
    path = tmp_path / "pack.xlsx"
    call_command(
        "answer_pack",
        str(world.question.pk),
        "--format",
        "xlsx",
        "--language",
        "en",
        "--as-of",
        str(world.snapshot.number),
        "--output",
        str(path),
    )
    workbook = load_workbook(path, read_only=True)
    for sheet in workbook.worksheets:
        first = next(sheet.iter_rows(values_only=True))[0]
        assert f"publication no. {world.snapshot.number}" in first
    pack = answerpack.build(world.question, language="en", snapshot=world.snapshot)
    assert load_workbook(io.BytesIO(xlsx.render(pack)), read_only=True).sheetnames == workbook.sheetnames


def test_the_api_makes_the_pack_as_of_a_publication(world, api_as, officer):
    url = f"/api/v1/parliamentary-questions/{world.question.pk}/answer-pack/"
    response = api_as(officer).get(url, {"format": "xlsx", "as_of": world.snapshot.number, "language": "en"})
    assert response.status_code == 200
    assert f"publication-{world.snapshot.number}" in response["Content-Disposition"]
