"""Results from the database: counts, shares, Borda points, scales, numbers and free text, overall and by
merged groups of stakeholder types; drafts never count; the number of queries does not grow with answers."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .. import services
from ..constants import QuestionKind, StakeholderType
from ..selectors import survey_results
from .factories import invite, survey_with_questions

pytestmark = pytest.mark.django_db


def questions_of(survey):
    return {q.kind: q for q in survey.questions.prefetch_related("options")}


def respond(survey, *, stakeholder_type=StakeholderType.LOCAL_GOVERNMENT, submit=True, **by_kind):
    """Answer through the real service; ``by_kind`` maps a question kind to the raw answer."""
    _invitation, token = invite(survey, stakeholder_type=stakeholder_type)
    questions = questions_of(survey)
    answers = {questions[kind].pk: value for kind, value in by_kind.items()}
    return services.response_save(token, answers, submit=submit)


@pytest.fixture
def survey():
    return survey_with_questions(required=False)


def option_ids(survey, kind):
    return list(questions_of(survey)[kind].options.order_by("position").values_list("pk", flat=True))


def test_choice_counts_and_shares_are_of_those_who_answered(survey):
    single = option_ids(survey, QuestionKind.SINGLE_CHOICE)
    multiple = option_ids(survey, QuestionKind.MULTIPLE_CHOICE)
    respond(survey, single_choice=single[0], multiple_choice=[multiple[0], multiple[1]])
    respond(survey, single_choice=single[0], multiple_choice=[multiple[0]])
    respond(survey, single_choice=single[2])
    respond(survey)  # answered nothing of these
    respond(survey, submit=False, single_choice=single[1])  # a draft never counts
    results = survey_results(survey)
    assert results.respondents == 4 and results.invited == 5
    one = results.question(questions_of(survey)[QuestionKind.SINGLE_CHOICE].pk).overall
    assert (one.respondents, one.answered) == (4, 3)
    assert [(o.count, o.share) for o in one.options] == [
        (2, Decimal("0.6667")),
        (0, Decimal("0")),
        (1, Decimal("0.3333")),
    ]
    many = results.question(questions_of(survey)[QuestionKind.MULTIPLE_CHOICE].pk).overall
    assert [(o.count, o.share) for o in many.options] == [
        (2, Decimal("1")),
        (1, Decimal("0.5")),
        (0, Decimal("0")),
    ]


def test_rankings_are_counted_by_borda_points(survey):
    a, b, c = option_ids(survey, QuestionKind.RANKING)
    respond(survey, ranking=[a, b, c])  # a: 2, b: 1, c: 0
    respond(survey, ranking=[b, a, c])  # b: 2, a: 1, c: 0
    respond(survey, ranking=[b, c, a])  # b: 2, c: 1, a: 0
    overall = survey_results(survey).question(questions_of(survey)[QuestionKind.RANKING].pk).overall
    assert [(o.option.pk, o.points, o.first_places, o.place) for o in overall.options] == [
        (b, 5, 2, 1),
        (a, 3, 1, 2),
        (c, 1, 0, 3),
    ]
    assert overall.options[0].mean_rank == Decimal("1.33")


def test_equal_borda_points_are_ordered_by_first_places_then_by_the_questions_order(survey):
    a, b, c = option_ids(survey, QuestionKind.RANKING)
    respond(survey, ranking=[c, a, b])  # c 2, a 1, b 0
    respond(survey, ranking=[a, b, c])  # a 2, b 1, c 0   → a 3, c 2, b 1
    respond(survey, ranking=[b, c, a])  # b 2, c 1, a 0   → a 3, c 3, b 3
    overall = survey_results(survey).question(questions_of(survey)[QuestionKind.RANKING].pk).overall
    assert [o.points for o in overall.options] == [3, 3, 3]
    assert [o.option.pk for o in overall.options] == [a, b, c]


def test_scales_give_distribution_mean_and_median(survey):
    for value in ("5", "5", "4", "2"):
        respond(survey, scale=value)
    overall = survey_results(survey).question(questions_of(survey)[QuestionKind.SCALE].pk).overall
    assert [(v.value, v.count) for v in overall.distribution] == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 2)]
    assert overall.mean == Decimal("4.00") and overall.median == Decimal("4.5")


def test_numbers_give_mean_median_lowest_and_highest_exactly(survey):
    for value in ("0,1", "0,2", "10", "0,2"):
        respond(survey, number=value)
    overall = survey_results(survey).question(questions_of(survey)[QuestionKind.NUMBER].pk).overall
    assert overall.mean == Decimal("2.63")  # 10.5 / 4 = 2.625, half up
    assert overall.median == Decimal("0.2")
    assert (overall.minimum, overall.maximum) == (Decimal("0.1"), Decimal("10"))


def test_free_texts_are_listed_in_an_order_that_says_nothing_about_who_wrote_when(survey):
    for text in ("zebra", "Appel", "mango"):
        respond(survey, free_text=text)
    overall = survey_results(survey).question(questions_of(survey)[QuestionKind.FREE_TEXT].pk).overall
    assert overall.texts == ["Appel", "mango", "zebra"]


def test_the_breakdown_merges_small_groups_in_every_figure_including_free_text(survey):
    a, _b, _c = option_ids(survey, QuestionKind.SINGLE_CHOICE)
    for _ in range(6):
        respond(survey, stakeholder_type=StakeholderType.LOCAL_GOVERNMENT, single_choice=a, free_text="Gemeente")
    for _ in range(5):
        respond(survey, stakeholder_type=StakeholderType.CIVIL_SOCIETY, scale="3")
    respond(survey, stakeholder_type=StakeholderType.SOCIAL_PARTNER, free_text="Vakbond")  # alone: identifiable
    results = survey_results(survey)
    assert [(g.types, g.respondents) for g in results.groups] == [
        (("local_government",), 6),
        (("civil_society", "social_partner"), 6),
    ]
    texts = results.question(questions_of(survey)[QuestionKind.FREE_TEXT].pk)
    by_group = {g.key: f for g, f in texts.by_group}
    assert "Vakbond" in by_group["civil_society+social_partner"].texts
    assert all(len(f.texts) <= f.respondents for f in by_group.values())
    assert not any(g.types == ("social_partner",) for g, _f in texts.by_group)


def test_without_enough_respondents_there_is_no_breakdown(survey):
    for _ in range(4):
        respond(survey, stakeholder_type=StakeholderType.MIGRANT_LED, scale="4")
    results = survey_results(survey)
    assert not results.breakdown_possible
    assert all(not q.by_group for q in results.questions)


def test_the_number_of_queries_does_not_grow_with_the_answers(survey, django_assert_max_num_queries):
    for i in range(3):
        respond(survey, scale=str(i + 1), free_text=f"t{i}")
    with django_assert_max_num_queries(12) as few:
        survey_results(survey)
    for i in range(12):
        respond(survey, stakeholder_type=StakeholderType.CIVIL_SOCIETY, scale="2", free_text=f"u{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        survey_results(survey)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(StakeholderType.values), st.permutations([0, 1, 2])),
        min_size=1,
        max_size=14,
    )
)
def test_group_figures_add_up_to_the_overall_figures(officer, answers):
    survey = survey_with_questions(kinds=(QuestionKind.RANKING,), required=False)
    ids = option_ids(survey, QuestionKind.RANKING)
    for stakeholder_type, order in answers:
        respond(survey, stakeholder_type=stakeholder_type, ranking=[ids[i] for i in order])
    result = survey_results(survey).questions[0]
    total = {o.option.pk: o.points for o in result.overall.options}
    assert sum(total.values()) == len(answers) * 3  # 2 + 1 + 0 per ranking
    if result.by_group:
        summed = dict.fromkeys(total, 0)
        for _group, figures in result.by_group:
            for o in figures.options:
                summed[o.option.pk] += o.points
        assert summed == total
