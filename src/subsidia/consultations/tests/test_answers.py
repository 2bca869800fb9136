"""Checking answers per question kind: what is accepted, what is refused and with which message."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ..answers import AnswerError, clean_answer, clean_answers, parse_number
from ..constants import FREE_TEXT_MAX_LENGTH, QuestionKind

OPTIONS = [11, 12, 13, 14]


def question(kind, **extra):
    defaults = {
        "pk": 1,
        "kind": kind,
        "required": True,
        "max_choices": None,
        "min_value": None,
        "max_value": None,
    }
    return SimpleNamespace(**{**defaults, **extra})


# --- single choice ---------------------------------------------------------------------------------------


def test_single_choice_accepts_an_option_of_the_question():
    assert clean_answer(question(QuestionKind.SINGLE_CHOICE), "12", OPTIONS).option_ids == [12]


@pytest.mark.parametrize("raw", ["99", "abc", "-1", True, ["11", "12"], {"a": 1}])
def test_single_choice_refuses_anything_but_one_of_its_options(raw):
    with pytest.raises(AnswerError):
        clean_answer(question(QuestionKind.SINGLE_CHOICE), raw, OPTIONS)


def test_an_empty_answer_is_no_answer():
    for kind in QuestionKind.values:
        assert clean_answer(question(kind), "  ", OPTIONS) is None
        assert clean_answer(question(kind), None, OPTIONS) is None


# --- multiple choice -------------------------------------------------------------------------------------


def test_multiple_choice_keeps_the_options_in_their_order():
    assert clean_answer(question(QuestionKind.MULTIPLE_CHOICE), ["13", "11"], OPTIONS).option_ids == [11, 13]


def test_multiple_choice_refuses_an_option_twice():
    with pytest.raises(AnswerError, match="only once"):
        clean_answer(question(QuestionKind.MULTIPLE_CHOICE), ["11", "11"], OPTIONS)


def test_multiple_choice_refuses_an_option_of_another_question():
    with pytest.raises(AnswerError):
        clean_answer(question(QuestionKind.MULTIPLE_CHOICE), ["11", "99"], OPTIONS)


def test_multiple_choice_respects_the_maximum_number_of_choices():
    q = question(QuestionKind.MULTIPLE_CHOICE, max_choices=2)
    assert clean_answer(q, ["11", "12"], OPTIONS).option_ids == [11, 12]
    with pytest.raises(AnswerError, match="at most 2"):
        clean_answer(q, ["11", "12", "13"], OPTIONS)


# --- ranking ---------------------------------------------------------------------------------------------


@given(st.permutations(OPTIONS))
def test_every_permutation_is_a_valid_ranking_in_either_form(order):
    q = question(QuestionKind.RANKING)
    assert clean_answer(q, list(order), OPTIONS).option_ids == list(order)
    ranks = {str(option): str(place) for place, option in enumerate(order, start=1)}
    assert clean_answer(q, ranks, OPTIONS).option_ids == list(order)


@given(st.lists(st.sampled_from([*OPTIONS, 99]), min_size=1, max_size=6))
def test_a_list_that_is_not_a_permutation_of_the_options_is_refused(order):
    if sorted(order) == sorted(OPTIONS):
        return
    with pytest.raises(AnswerError):
        clean_answer(question(QuestionKind.RANKING), order, OPTIONS)


@given(st.lists(st.integers(min_value=0, max_value=6), min_size=4, max_size=4))
def test_places_must_be_one_to_n_each_used_once(places):
    ranks = {str(o): str(p) for o, p in zip(OPTIONS, places, strict=True)}
    q = question(QuestionKind.RANKING)
    if sorted(places) == [1, 2, 3, 4]:
        assert clean_answer(q, ranks, OPTIONS) is not None
    else:
        with pytest.raises(AnswerError):
            clean_answer(q, ranks, OPTIONS)


def test_a_ranking_with_a_place_left_open_is_refused():
    with pytest.raises(AnswerError, match="every option"):
        clean_answer(question(QuestionKind.RANKING), {"11": "1", "12": "2", "13": "3", "14": ""}, OPTIONS)


# --- scale and number ------------------------------------------------------------------------------------


@given(st.integers(min_value=-1000, max_value=1000))
def test_a_scale_answer_lies_between_one_and_five(value):
    q = question(QuestionKind.SCALE)
    if 1 <= value <= 5:
        assert clean_answer(q, str(value), OPTIONS).scale == value
    else:
        with pytest.raises(AnswerError, match="from 1 to 5"):
            clean_answer(q, str(value), OPTIONS)


@pytest.mark.parametrize("raw", ["three", "4.5", True, [4], "١"])
def test_a_scale_answer_is_a_whole_number(raw):
    with pytest.raises(AnswerError):
        clean_answer(question(QuestionKind.SCALE), raw, OPTIONS)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1250", "1250"),
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        ("1 250", "1250"),
        ("-3", "-3"),
        ("0,0001", "0.0001"),
        ("1.50000", "1.5"),
        (7, "7"),
        (Decimal("2.25"), "2.25"),
    ],
)
def test_numbers_are_read_as_people_write_them(raw, value):
    assert parse_number(raw) == Decimal(value)


@pytest.mark.parametrize("raw", ["1.234,5", "12a", "NaN", "Infinity", "1e3", "1,00001", "99999999999", "--1", "", "."])
def test_numbers_that_cannot_be_read_exactly_are_refused(raw):
    with pytest.raises(AnswerError):
        parse_number(raw)


def test_number_bounds_of_the_question_are_enforced():
    q = question(QuestionKind.NUMBER, min_value=Decimal("0"), max_value=Decimal("100"))
    assert clean_answer(q, "100", OPTIONS).number == Decimal("100")
    with pytest.raises(AnswerError, match="at least 0"):
        clean_answer(q, "-1", OPTIONS)
    with pytest.raises(AnswerError, match="at most 100"):
        clean_answer(q, "100,5", OPTIONS)


# --- free text -------------------------------------------------------------------------------------------


def test_free_text_is_stripped_and_limited_in_length():
    q = question(QuestionKind.FREE_TEXT)
    assert clean_answer(q, "  Meer buddies.  ", OPTIONS).text == "Meer buddies."
    with pytest.raises(AnswerError, match=str(FREE_TEXT_MAX_LENGTH)):
        clean_answer(q, "x" * (FREE_TEXT_MAX_LENGTH + 1), OPTIONS)


def test_free_text_must_be_text():
    with pytest.raises(AnswerError):
        clean_answer(question(QuestionKind.FREE_TEXT), ["a"], OPTIONS)


# --- a whole response ------------------------------------------------------------------------------------


def test_a_submission_needs_every_required_answer_but_a_draft_does_not():
    required = question(QuestionKind.SCALE, pk=1)
    optional = question(QuestionKind.FREE_TEXT, pk=2, required=False)
    _clean, errors = clean_answers([required, optional], {}, complete=True, options_by_question={})
    assert list(errors) == [1]
    _clean, errors = clean_answers([required, optional], {}, complete=False, options_by_question={})
    assert errors == {}


def test_an_answer_to_a_question_of_another_survey_is_refused():
    _clean, errors = clean_answers(
        [question(QuestionKind.SCALE, pk=1)], {"1": "3", "77": "2"}, complete=False, options_by_question={}
    )
    assert "77" in errors
