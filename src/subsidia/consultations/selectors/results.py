"""A survey's results: counts and shares per option, Borda points of rankings, mean and median of scales and
numbers, free-text answers; overall and per group of stakeholder types (groups merged so that each holds at
least five respondents). Only submitted responses count.

The counting is done by the database: a handful of grouped queries per survey, whatever the number of
responses. Python only folds the grouped rows into the merged groups and derives shares, means and medians
from the counted distributions (exactly, in Decimal).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from subsidia.core import clock

from .. import stats
from ..constants import CHOICE_KINDS, SCALE_MAX, SCALE_MIN, QuestionKind
from ..grouping import Group, merge_small_groups
from ..models import Answer, AnswerChoice, Option, Question, Response, Survey

ALL = "__all__"


@dataclass
class OptionResult:
    option: Option
    count: int = 0
    share: Decimal | None = None  # of the respondents who answered the question
    points: int | None = None  # Borda points (rankings)
    first_places: int | None = None
    mean_rank: Decimal | None = None
    place: int | None = None  # 1 = most points (rankings)


@dataclass
class ValueResult:
    value: int
    count: int
    share: Decimal | None


@dataclass
class Figures:
    """One question's result within one set of respondents (everyone, or one group)."""

    respondents: int
    answered: int = 0
    options: list[OptionResult] = field(default_factory=list)
    distribution: list[ValueResult] = field(default_factory=list)
    mean: Decimal | None = None
    median: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    texts: list[str] = field(default_factory=list)
    anonymised_texts: int = 0

    @property
    def answer_share(self) -> Decimal | None:
        return stats.share(self.answered, self.respondents)


@dataclass
class QuestionResult:
    question: Question
    overall: Figures
    by_group: list[tuple[Group, Figures]] = field(default_factory=list)

    @property
    def group_rows(self) -> list[dict]:
        return [{"group": g, "figures": f} for g, f in self.by_group]

    def option(self, option_id: int) -> OptionResult | None:
        return next((o for o in self.overall.options if o.option.pk == option_id), None)


@dataclass
class SurveyResults:
    survey: Survey
    respondents: int
    invited: int
    groups: list[Group]
    questions: list[QuestionResult]
    data_date: object

    @property
    def breakdown_possible(self) -> bool:
        return len(self.groups) > 1

    @property
    def response_rate(self) -> Decimal | None:
        return stats.share(self.respondents, self.invited)

    def question(self, question_id: int) -> QuestionResult | None:
        return next((q for q in self.questions if q.question.pk == question_id), None)


def _submitted(prefix: str = "") -> Q:
    return Q(**{f"{prefix}submitted_at__isnull": False})


def respondents_by_type(survey: Survey) -> dict[str, int]:
    rows = (
        Response.objects.filter(_submitted(), survey=survey)
        .values("stakeholder_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["stakeholder_type"]: row["n"] for row in rows}


def _fold(per_type: dict[str, object], group_of: dict[str, str], merge):
    """Combine per-type values into per-group values (and ``ALL``) with ``merge(a, b)``."""
    folded: dict[str, object] = {}
    for stakeholder_type, value in per_type.items():
        for key in (ALL, group_of.get(stakeholder_type)):
            if key is None:
                continue
            folded[key] = merge(folded[key], value) if key in folded else value
    return folded


def _add(a, b):
    return a + b


def _add_counts(a: dict, b: dict) -> dict:
    out = dict(a)
    for key, value in b.items():
        out[key] = tuple(x + y for x, y in zip(out[key], value, strict=True)) if key in out else value
    return out


def _answered(survey: Survey) -> dict:
    """(question, type) → number of submitted responses that answered the question."""
    rows = (
        Answer.objects.filter(_submitted("response__"), response__survey=survey)
        .values("question", "response__stakeholder_type")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(r["question"], r["response__stakeholder_type"]): r["n"] for r in rows}


def _choices(survey: Survey) -> dict:
    """(question, type) → {option: (count, rank_sum, first_places)} — one grouped query for the survey."""
    rows = (
        AnswerChoice.objects.filter(_submitted("answer__response__"), answer__response__survey=survey)
        .values("answer__question", "answer__response__stakeholder_type", "option")
        .annotate(n=Count("pk"), rank_sum=Sum("rank"), firsts=Count("pk", filter=Q(rank=1)))
        .order_by()
    )
    result: dict = defaultdict(dict)
    for r in rows:
        key = (r["answer__question"], r["answer__response__stakeholder_type"])
        result[key][r["option"]] = (r["n"], r["rank_sum"] or 0, r["firsts"])
    return result


def _scales(survey: Survey) -> dict:
    """(question, type) → {value: count}."""
    rows = (
        Answer.objects.filter(_submitted("response__"), response__survey=survey, scale_value__isnull=False)
        .values("question", "response__stakeholder_type", "scale_value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict = defaultdict(dict)
    for r in rows:
        result[(r["question"], r["response__stakeholder_type"])][r["scale_value"]] = (r["n"],)
    return result


def _numbers(survey: Survey) -> dict:
    """(question, type) → {value: count}: numbers counted per distinct value by the database."""
    rows = (
        Answer.objects.filter(_submitted("response__"), response__survey=survey, number_value__isnull=False)
        .values("question", "response__stakeholder_type", "number_value")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict = defaultdict(dict)
    for r in rows:
        result[(r["question"], r["response__stakeholder_type"])][r["number_value"]] = (r["n"],)
    return result


def _texts(survey: Survey) -> tuple[dict, dict]:
    """(question, type) → texts, ordered by their wording so the order reveals nothing about who wrote when;
    and (question, type) → number of texts removed after the retention period."""
    texts: dict = defaultdict(list)
    for question, stakeholder_type, text in (
        Answer.objects.filter(_submitted("response__"), response__survey=survey, question__kind=QuestionKind.FREE_TEXT)
        .exclude(text_value="")
        .values_list("question", "response__stakeholder_type", "text_value")
    ):
        texts[(question, stakeholder_type)].append(text)
    removed = {
        (r["question"], r["response__stakeholder_type"]): r["n"]
        for r in Answer.objects.filter(_submitted("response__"), response__survey=survey, text_anonymised=True)
        .values("question", "response__stakeholder_type")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return texts, removed


def _per_type(source: dict, question_id: int, types) -> dict:
    return {t: source[(question_id, t)] for t in types if (question_id, t) in source}


def _figures(
    question: Question,
    options: list[Option],
    respondents: int,
    answered: int,
    *,
    choices=None,
    values=None,
    texts=None,
    removed: int = 0,
) -> Figures:
    figures = Figures(respondents=respondents, answered=answered)
    if question.kind in CHOICE_KINDS:
        n_options = len(options)
        for option in options:
            count, rank_sum, firsts = (choices or {}).get(option.pk, (0, 0, 0))
            result = OptionResult(option, count, stats.share(count, answered))
            if question.kind == QuestionKind.RANKING:
                result.points = stats.borda_points(n_options, count, rank_sum)
                result.first_places = firsts
                result.mean_rank = stats.ratio(rank_sum, count)
            figures.options.append(result)
        if question.kind == QuestionKind.RANKING:
            ranked = sorted(
                figures.options, key=lambda o: (-(o.points or 0), -(o.first_places or 0), o.option.position)
            )
            for place, result in enumerate(ranked, start=1):
                result.place = place
            figures.options = ranked
    elif question.kind in (QuestionKind.SCALE, QuestionKind.NUMBER):
        pairs = [(value, count[0]) for value, count in (values or {}).items()]
        figures.mean = stats.mean(pairs)
        figures.median = stats.median(pairs)
        if question.kind == QuestionKind.SCALE:
            counts = dict(pairs)
            figures.distribution = [
                ValueResult(v, counts.get(v, 0), stats.share(counts.get(v, 0), answered))
                for v in range(SCALE_MIN, SCALE_MAX + 1)
            ]
        elif pairs:
            figures.minimum = stats.plain(min(Decimal(v) for v, _n in pairs))
            figures.maximum = stats.plain(max(Decimal(v) for v, _n in pairs))
    elif question.kind == QuestionKind.FREE_TEXT:
        figures.texts = sorted(texts or [], key=lambda t: (t.casefold(), t))
        figures.anonymised_texts = removed
    return figures


def survey_results(survey: Survey, *, breakdown: bool = True) -> SurveyResults:
    """Every question's results, overall and (with ``breakdown``) per merged group of stakeholder types."""
    by_type = respondents_by_type(survey)
    groups = merge_small_groups(by_type)
    group_of = {t: g.key for g in groups for t in g.types}
    respondents = sum(by_type.values())
    respondents_in = _fold(by_type, group_of, _add)
    questions = list(survey.questions.order_by("position"))
    options: dict[int, list[Option]] = defaultdict(list)
    for option in Option.objects.filter(question__survey=survey).order_by("question", "position"):
        options[option.question_id].append(option)
    answered, choices, scales, numbers = (
        _answered(survey),
        _choices(survey),
        _scales(survey),
        _numbers(survey),
    )
    texts, removed = _texts(survey)
    types = list(by_type)
    results = []
    for question in questions:
        answered_in = _fold(_per_type(answered, question.pk, types), group_of, _add)
        value_source = scales if question.kind == QuestionKind.SCALE else numbers
        choices_in = _fold(_per_type(choices, question.pk, types), group_of, _add_counts)
        values_in = _fold(_per_type(value_source, question.pk, types), group_of, _add_counts)
        texts_in = _fold(_per_type(texts, question.pk, types), group_of, _add)
        removed_in = _fold(_per_type(removed, question.pk, types), group_of, _add)

        def figures_for(
            key,
            respondents_count,
            question=question,
            answered_in=answered_in,
            choices_in=choices_in,
            values_in=values_in,
            texts_in=texts_in,
            removed_in=removed_in,
        ):
            return _figures(
                question,
                options[question.pk],
                respondents_count,
                answered_in.get(key, 0),
                choices=choices_in.get(key),
                values=values_in.get(key),
                texts=texts_in.get(key),
                removed=removed_in.get(key, 0),
            )

        result = QuestionResult(question, figures_for(ALL, respondents))
        if breakdown and len(groups) > 1:
            result.by_group = [(g, figures_for(g.key, respondents_in.get(g.key, 0))) for g in groups]
        results.append(result)
    return SurveyResults(
        survey=survey,
        respondents=respondents,
        invited=survey.invitations.count(),
        groups=groups,
        questions=results,
        data_date=clock.now(),
    )
