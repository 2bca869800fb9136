"""The demo consultation: a closed survey with at least 30 answers from local governments and civil-society
organisations whose ranking puts the three Flemish participation priorities first, and those priorities
adopted in the register with evidence. Loading twice changes nothing."""

import pytest

from subsidia.core import audit
from subsidia.core import demo as core_demo
from subsidia.programmes import demo as programmes_demo

from .. import demo, selectors
from ..constants import QuestionKind, StakeholderType
from ..models import Priority, Response, Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    for module in (core_demo, programmes_demo, demo):
        module.load(lambda _line: None)
    return Survey.objects.get()


def test_the_demo_survey_is_closed_with_thirty_answers_from_local_governments_and_civil_society(loaded):
    assert loaded.is_closed and loaded.programme.cci == "2021BE65AMPR001"
    by_type = selectors.respondents_by_type(loaded)
    assert (
        by_type[StakeholderType.LOCAL_GOVERNMENT]
        + by_type[StakeholderType.CIVIL_SOCIETY]
        + by_type[StakeholderType.MIGRANT_LED]
        >= 30
    )
    assert by_type[StakeholderType.MIGRANT_LED] >= 5
    assert Response.objects.filter(survey=loaded, submitted_at__isnull=True).count() == 1  # a draft never sent
    progress = selectors.progress(loaded)
    assert progress["invited"] > progress["opened"] > progress["answered"] >= 30
    assert progress["reminded"] > 0


def test_the_ranking_points_to_buddies_volunteering_and_local_associations(loaded):
    ranking = selectors.survey_results(loaded).question(loaded.questions.get(kind=QuestionKind.RANKING).pk)
    top = [o.option.text_en for o in ranking.overall.options[:3]]
    assert top == [
        "Buddy projects that connect newcomers with local residents",
        "Access to volunteering for newcomers",
        "Involving newcomers in local associations (sport, culture, youth)",
    ]


def test_the_three_priorities_are_adopted_with_their_evidence(loaded):
    items = selectors.priorities_with_evidence(loaded.programme, public=True)
    assert [i.priority.code for i in items] == ["P1", "P2", "P3"]
    assert all(i.priority.is_adopted and i.priority.survey == loaded for i in items)
    for item in items:
        assert len(item.evidence) >= 2
        assert "Borda" in item.evidence[0].summary


def test_small_stakeholder_types_are_merged_in_the_demo_breakdown(loaded):
    groups = selectors.survey_results(loaded).groups
    assert all(g.respondents >= 5 for g in groups)
    assert any(g.types == ("social_partner", "public_body") for g in groups)


def test_loading_the_demo_twice_changes_nothing(loaded):
    before = (Survey.objects.count(), Response.objects.count(), Priority.objects.count())
    demo.load(lambda _line: None)
    assert (Survey.objects.count(), Response.objects.count(), Priority.objects.count()) == before
    assert audit.verify().ok
