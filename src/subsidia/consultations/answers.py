"""Checking one answer against its question: pure functions, shared by the survey page, the API and tests.

Raw answers come from forms and JSON alike: an option id (single choice), a list of ids (multiple choice),
the ids in rank order or a mapping id → rank (ranking), an integer (scale), a number written with a decimal
point or comma, or text. An empty value means "not answered"; whether that is allowed is decided by
``clean_answers`` (drafts may leave questions open, a submission may not leave required ones).
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from subsidia.core import formatting

from .constants import (
    FREE_TEXT_MAX_LENGTH,
    NUMBER_DECIMAL_PLACES,
    NUMBER_MAX_DIGITS,
    SCALE_MAX,
    SCALE_MIN,
    QuestionKind,
)

INTEGER_DIGITS = NUMBER_MAX_DIGITS - NUMBER_DECIMAL_PLACES


class AnswerError(ValueError):
    """The answer cannot be accepted; ``str(error)`` is the message for the respondent."""


@dataclass
class CleanAnswer:
    question_id: int
    kind: str
    option_ids: list[int] = field(default_factory=list)  # in rank order for a ranking
    scale: int | None = None
    number: Decimal | None = None
    text: str = ""


def _is_empty(raw) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple | dict):
        return all(_is_empty(v) for v in (raw.values() if isinstance(raw, dict) else raw))
    return False


def _as_id(raw) -> int:
    if isinstance(raw, bool):
        raise AnswerError(_("Choose one of the options."))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit() and len(raw.strip()) < 19:
        return int(raw.strip())
    raise AnswerError(_("Choose one of the options."))


def _as_id_list(raw) -> list[int]:
    if isinstance(raw, str | int):
        raw = [raw]
    if not isinstance(raw, list | tuple):
        raise AnswerError(_("Choose among the options."))
    return [_as_id(v) for v in raw if not _is_empty(v)]


def _single(raw, option_ids: list[int]) -> list[int]:
    if isinstance(raw, list | tuple):
        if len([v for v in raw if not _is_empty(v)]) != 1:
            raise AnswerError(_("Choose exactly one option."))
        raw = next(v for v in raw if not _is_empty(v))
    chosen = _as_id(raw)
    if chosen not in option_ids:
        raise AnswerError(_("Choose one of the options."))
    return [chosen]


def _multiple(raw, option_ids: list[int], max_choices: int | None) -> list[int]:
    chosen = _as_id_list(raw)
    if len(set(chosen)) != len(chosen):
        raise AnswerError(_("Each option can be chosen only once."))
    if any(c not in option_ids for c in chosen):
        raise AnswerError(_("Choose among the options."))
    if max_choices is not None and len(chosen) > max_choices:
        raise AnswerError(_("Choose at most %(n)s options.") % {"n": max_choices})
    return sorted(chosen, key=option_ids.index)


def _ranking(raw, option_ids: list[int]) -> list[int]:
    """A complete ranking: every option exactly once. Accepts ids in order, or {id: rank} with ranks 1..n."""
    n = len(option_ids)
    if isinstance(raw, dict):
        ranks = {}
        for key, value in raw.items():
            option = _as_id(key)
            if _is_empty(value):
                raise AnswerError(_("Give every option a place, from 1 to %(n)s.") % {"n": n})
            try:
                rank = _as_id(value)
            except AnswerError:
                raise AnswerError(_("A place is a whole number from 1 to %(n)s.") % {"n": n}) from None
            ranks[option] = rank
        if set(ranks) != set(option_ids):
            raise AnswerError(_("Give every option a place, from 1 to %(n)s.") % {"n": n})
        if sorted(ranks.values()) != list(range(1, n + 1)):
            raise AnswerError(_("Each place from 1 to %(n)s is used exactly once.") % {"n": n})
        return sorted(option_ids, key=lambda o: ranks[o])
    order = _as_id_list(raw)
    if sorted(order) != sorted(option_ids):
        raise AnswerError(_("Rank every option exactly once."))
    return order


def _scale(raw) -> int:
    if isinstance(raw, bool):
        raise AnswerError(_("Choose a value from %(min)s to %(max)s.") % {"min": SCALE_MIN, "max": SCALE_MAX})
    value = raw.strip() if isinstance(raw, str) else raw
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 4:
        value = int(value)
    if not isinstance(value, int) or not SCALE_MIN <= value <= SCALE_MAX:
        raise AnswerError(_("Choose a value from %(min)s to %(max)s.") % {"min": SCALE_MIN, "max": SCALE_MAX})
    return value


def parse_number(raw) -> Decimal:
    """A number as people write it: ``1234``, ``12.5``, ``12,5``, ``-3``; spaces between thousands allowed."""
    message = _("Enter a number, for example 1250 or 12,5.")
    if isinstance(raw, bool):
        raise AnswerError(message)
    if isinstance(raw, int | Decimal):
        text = str(raw)
    elif isinstance(raw, float):
        text = repr(raw)
    elif isinstance(raw, str):
        text = raw.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if "," in text and "." in text:
            raise AnswerError(_("Write the number without thousands separators, for example 1250,5."))
        text = text.replace(",", ".")
        if len(text) > 40 or not text or any(ch not in "0123456789.-+" for ch in text):
            raise AnswerError(message)
    else:
        raise AnswerError(message)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise AnswerError(message) from None
    if not value.is_finite():
        raise AnswerError(message)
    if abs(value) >= Decimal(10) ** INTEGER_DIGITS:
        raise AnswerError(_("This number is too large."))
    step = Decimal(1).scaleb(-NUMBER_DECIMAL_PLACES)
    if value != value.quantize(step):
        raise AnswerError(_("Use at most %(n)s decimals.") % {"n": NUMBER_DECIMAL_PLACES})
    value = value.quantize(step)
    # Without trailing zeros, and never in scientific notation (100, not 1E+2).
    return value.to_integral_value() if value == value.to_integral_value() else value.normalize()


def _number(raw, min_value: Decimal | None, max_value: Decimal | None) -> Decimal:
    value = parse_number(raw)
    if min_value is not None and value < min_value:
        raise AnswerError(_("Enter a number of at least %(min)s.") % {"min": formatting.number(min_value)})
    if max_value is not None and value > max_value:
        raise AnswerError(_("Enter a number of at most %(max)s.") % {"max": formatting.number(max_value)})
    return value


def _text(raw) -> str:
    if not isinstance(raw, str):
        raise AnswerError(_("Enter text."))
    text = raw.strip().replace("\r\n", "\n")
    if len(text) > FREE_TEXT_MAX_LENGTH:
        raise AnswerError(
            _("Keep the answer under %(max)s characters (it has %(n)s).")
            % {"max": FREE_TEXT_MAX_LENGTH, "n": len(text)}
        )
    return text


def clean_answer(question, raw, option_ids: list[int] | None = None) -> CleanAnswer | None:
    """The checked answer, ``None`` when the question was left open; raises ``AnswerError``.

    ``option_ids`` are the question's options in their order (read once per survey by the caller).
    """
    if _is_empty(raw):
        return None
    kind = question.kind
    answer = CleanAnswer(question_id=question.pk, kind=kind)
    options = list(option_ids or [])
    if kind == QuestionKind.SINGLE_CHOICE:
        answer.option_ids = _single(raw, options)
    elif kind == QuestionKind.MULTIPLE_CHOICE:
        answer.option_ids = _multiple(raw, options, question.max_choices)
    elif kind == QuestionKind.RANKING:
        answer.option_ids = _ranking(raw, options)
    elif kind == QuestionKind.SCALE:
        answer.scale = _scale(raw)
    elif kind == QuestionKind.NUMBER:
        answer.number = _number(raw, question.min_value, question.max_value)
    elif kind == QuestionKind.FREE_TEXT:
        answer.text = _text(raw)
        if not answer.text:
            return None
    else:  # pragma: no cover - the database refuses other kinds
        raise AnswerError(_("This question cannot be answered."))
    return answer


def clean_answers(questions, raw_answers: dict, *, complete: bool, options_by_question: dict) -> tuple[dict, dict]:
    """Check every answer of a response. Returns ``(clean, errors)``: ``clean`` maps question id → answer
    (or None), ``errors`` maps question id → message. With ``complete`` every required question needs one."""
    clean, errors = {}, {}
    known = {q.pk for q in questions}
    for key in raw_answers:
        try:
            question_id = _as_id(key)
        except AnswerError:
            question_id = None
        if question_id not in known:
            errors[key] = _("This survey has no such question.")
    for question in questions:
        raw = raw_answers.get(question.pk, raw_answers.get(str(question.pk)))
        try:
            answer = clean_answer(question, raw, options_by_question.get(question.pk, []))
        except AnswerError as exc:
            errors[question.pk] = str(exc)
            continue
        if answer is None and complete and question.required:
            errors[question.pk] = _("This question needs an answer.")
        clean[question.pk] = answer
    return clean, errors
