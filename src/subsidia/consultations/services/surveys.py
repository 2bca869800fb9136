"""Surveys and their questions: drafted, published (questions frozen), closed by their date or early."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.programmes.models import Programme

from ..answers import AnswerError, parse_number
from ..constants import CHOICE_KINDS, QuestionKind, SurveyPhase, SurveyStatus
from ..models import Option, Question, Survey
from .common import clean_texts, require

SURVEY_TEXTS = {
    "title_nl": 300,
    "title_fr": 300,
    "title_en": 300,
    "introduction_nl": 5000,
    "introduction_fr": 5000,
    "introduction_en": 5000,
}
SURVEY_FIELDS = (*SURVEY_TEXTS, "opens_at", "closes_at")
QUESTION_TEXTS = {
    "text_nl": 500,
    "text_fr": 500,
    "text_en": 500,
    "help_nl": 500,
    "help_fr": 500,
    "help_en": 500,
}
QUESTION_FIELDS = (*QUESTION_TEXTS, "kind", "required", "max_choices", "min_value", "max_value")
OPTION_TEXTS = {"text_nl": 300, "text_fr": 300, "text_en": 300}
MAX_OPTIONS = 30


def _locked(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().get(pk=survey.pk)


def _instant(value, field: str, errors: dict):
    if isinstance(value, dt.datetime):
        try:
            return clock.make_aware_local(value)
        except clock.LocalTimeError:
            errors[field] = _("This time does not exist or happens twice in Brussels (daylight-saving change).")
            return None
    errors[field] = _("Enter a date and time.")
    return None


def _validate_survey(data: dict, errors: dict) -> dict:
    clean = clean_texts(data, SURVEY_TEXTS, errors)
    if "title_nl" in clean and not clean["title_nl"]:
        errors["title_nl"] = _("The title in the official language (Dutch) is required.")
    for field in ("opens_at", "closes_at"):
        if field in data:
            instant = _instant(data[field], field, errors)
            if instant is not None:
                clean[field] = instant
    return clean


def _check_dates(opens_at, closes_at, errors: dict) -> None:
    if opens_at and closes_at and opens_at >= closes_at:
        errors["closes_at"] = _("The survey closes after it opens.")
    elif closes_at and closes_at <= clock.now():
        errors["closes_at"] = _("The closing time has already passed.")


def survey_create(
    user,
    *,
    programme: Programme,
    title_nl: str,
    opens_at,
    closes_at,
    title_fr: str = "",
    title_en: str = "",
    introduction_nl: str = "",
    introduction_fr: str = "",
    introduction_en: str = "",
) -> Survey:
    require(user, "consultations.add_survey")
    errors = {}
    if not isinstance(programme, Programme):
        errors["programme"] = _("Choose a programme.")
    clean = _validate_survey(
        {
            "title_nl": title_nl,
            "title_fr": title_fr,
            "title_en": title_en,
            "introduction_nl": introduction_nl,
            "introduction_fr": introduction_fr,
            "introduction_en": introduction_en,
            "opens_at": opens_at,
            "closes_at": closes_at,
        },
        errors,
    )
    _check_dates(clean.get("opens_at"), clean.get("closes_at"), errors)
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        survey = Survey.objects.create(programme=programme, created_at=clock.now(), created_by=user, **clean)
        audit.record(
            user,
            "survey.created",
            survey,
            after={
                "programme": programme.cci,
                "title_nl": survey.title_nl,
                "opens_at": survey.opens_at,
                "closes_at": survey.closes_at,
            },
        )
    return survey


def survey_update(user, survey: Survey, **changes) -> Survey:
    """Edit a draft survey's texts and dates; a published one only moves its closing (``survey_extend``)."""
    require(user, "consultations.change_survey", survey)
    unknown = set(changes) - set(SURVEY_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in unknown})
    with transaction.atomic():
        survey = _locked(survey)
        if not survey.is_editable:
            raise Conflict(
                _("A published survey can no longer be edited; its closing time can be extended."),
                code="not_draft",
            )
        errors = {}
        clean = _validate_survey(changes, errors)
        _check_dates(clean.get("opens_at", survey.opens_at), clean.get("closes_at", survey.closes_at), errors)
        if errors:
            raise RuleViolation(errors=errors)
        before = audit.snapshot(survey, clean)
        for key, value in clean.items():
            setattr(survey, key, value)
        survey.save()
        audit.record(user, "survey.updated", survey, before=before, after=audit.snapshot(survey, clean))
    return survey


def publication_problems(survey: Survey) -> list[str]:
    """What still stands in the way of publishing: the page shows it, ``survey_publish`` enforces it."""
    problems = []
    questions = list(survey.questions.all())
    if not questions:
        problems.append(_("Add at least one question."))
    for question in questions:
        if question.kind in CHOICE_KINDS and question.options.count() < 2:
            problems.append(_("Question %(n)s needs at least two options.") % {"n": question.position})
    if survey.closes_at <= clock.now():
        problems.append(_("The closing time has already passed."))
    return problems


def survey_publish(user, survey: Survey) -> Survey:
    """Freeze the questions; from now on the survey opens and closes by its dates; invitations can go out."""
    require(user, "consultations.publish_survey", survey)
    with transaction.atomic():
        survey = _locked(survey)
        if survey.status != SurveyStatus.DRAFT:
            raise Conflict(_("This survey is already published."), code="already_published")
        problems = publication_problems(survey)
        if problems:
            raise Conflict(" ".join(problems), code="not_ready")
        survey.status = SurveyStatus.PUBLISHED
        survey.published_at = clock.now()
        survey.save(update_fields=["status", "published_at"])
        audit.record(
            user,
            "survey.published",
            survey,
            before={"status": SurveyStatus.DRAFT},
            after={"status": survey.status, "opens_at": survey.opens_at, "closes_at": survey.closes_at},
            data={"questions": survey.questions.count()},
        )
    return survey


def survey_close(user, survey: Survey, *, reason: str) -> Survey:
    """Close an open survey before its closing time; links stop working at once."""
    require(user, "consultations.close_survey", survey)
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise RuleViolation(errors={"reason": _("Say why the survey closes early.")})
    if len(reason) > 2000:
        raise RuleViolation(errors={"reason": _("Keep this under %(max)s characters.") % {"max": 2000}})
    with transaction.atomic():
        survey = _locked(survey)
        if survey.phase != SurveyPhase.OPEN:
            raise Conflict(_("Only an open survey can be closed early."), code="not_open")
        before = survey.closes_at
        survey.closes_at = clock.now()
        survey.save(update_fields=["closes_at"])
        audit.record(
            user,
            "survey.closed",
            survey,
            before={"closes_at": before},
            after={"closes_at": survey.closes_at},
            data={"reason": reason},
        )
    return survey


def survey_extend(user, survey: Survey, *, closes_at) -> Survey:
    """Move a published survey's closing time later, before it has closed."""
    require(user, "consultations.close_survey", survey)
    errors = {}
    closes_at = _instant(closes_at, "closes_at", errors)
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        survey = _locked(survey)
        if survey.status != SurveyStatus.PUBLISHED or survey.is_closed:
            raise Conflict(_("Only a published survey that has not closed can be extended."), code="not_extendable")
        if closes_at <= survey.closes_at:
            raise RuleViolation(errors={"closes_at": _("The new closing time comes after the current one.")})
        before = survey.closes_at
        survey.closes_at = closes_at
        survey.save(update_fields=["closes_at"])
        audit.record(
            user,
            "survey.deadline_extended",
            survey,
            before={"closes_at": before},
            after={"closes_at": closes_at},
        )
    return survey


# --- Questions ---------------------------------------------------------------------------------------------


def _clean_options(kind: str, options, errors: dict) -> list[dict]:
    if kind not in CHOICE_KINDS:
        if options:
            errors["options"] = _("Only choice and ranking questions have options.")
        return []
    if not isinstance(options, list | tuple) or len(options) < 2:
        errors["options"] = _("Give at least two options.")
        return []
    if len(options) > MAX_OPTIONS:
        errors["options"] = _("Give at most %(n)s options.") % {"n": MAX_OPTIONS}
        return []
    clean = []
    for index, option in enumerate(options, start=1):
        if isinstance(option, list | tuple):
            option = dict(zip(("text_nl", "text_fr", "text_en"), option, strict=False))
        if not isinstance(option, dict):
            errors["options"] = _("Option %(n)s is not valid.") % {"n": index}
            return []
        option_errors = {}
        texts = clean_texts({k: option.get(k, "") for k in OPTION_TEXTS}, OPTION_TEXTS, option_errors)
        if option_errors or not texts.get("text_nl"):
            errors["options"] = _("Option %(n)s needs a Dutch text of at most 300 characters.") % {"n": index}
            return []
        clean.append(texts)
    dutch = [o["text_nl"].casefold() for o in clean]
    if len(set(dutch)) != len(dutch):
        errors["options"] = _("Two options have the same Dutch text.")
    return clean


def _bound(value, field: str, errors: dict) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return parse_number(value)
    except AnswerError as exc:
        errors[field] = str(exc)
        return None


def _validate_question(data: dict, errors: dict) -> dict:
    clean = clean_texts(data, QUESTION_TEXTS, errors)
    kind = data.get("kind")
    if kind not in QuestionKind.values:
        errors["kind"] = _("Choose the kind of question.")
    clean["kind"] = kind
    if not clean.get("text_nl"):
        errors["text_nl"] = _("The question in the official language (Dutch) is required.")
    clean["required"] = bool(data.get("required", True))
    max_choices = data.get("max_choices")
    if max_choices in (None, ""):
        clean["max_choices"] = None
    elif kind != QuestionKind.MULTIPLE_CHOICE:
        errors["max_choices"] = _("Only a multiple-choice question limits the number of choices.")
    else:
        try:
            clean["max_choices"] = int(max_choices)
        except (TypeError, ValueError):
            errors["max_choices"] = _("Enter a whole number.")
        else:
            if clean["max_choices"] < 1:
                errors["max_choices"] = _("Allow at least one choice.")
    clean["min_value"] = _bound(data.get("min_value"), "min_value", errors)
    clean["max_value"] = _bound(data.get("max_value"), "max_value", errors)
    if kind != QuestionKind.NUMBER:
        for field in ("min_value", "max_value"):
            if clean[field] is not None:
                errors[field] = _("Only a number question has bounds.")
    elif None not in (clean["min_value"], clean["max_value"]) and clean["min_value"] > clean["max_value"]:
        errors["max_value"] = _("The highest number allowed is at least the lowest.")
    return clean


def _editable(survey: Survey) -> Survey:
    survey = _locked(survey)
    if not survey.is_editable:
        raise Conflict(_("The questions of a published survey are frozen."), code="not_draft")
    return survey


def _question_snapshot(question: Question) -> dict:
    return {
        **audit.snapshot(question, ("position", *QUESTION_FIELDS)),
        "options": [o.text_nl for o in question.options.all()],
    }


def question_create(
    user,
    survey: Survey,
    *,
    kind: str,
    text_nl: str,
    text_fr: str = "",
    text_en: str = "",
    help_nl: str = "",
    help_fr: str = "",
    help_en: str = "",
    required: bool = True,
    max_choices=None,
    min_value=None,
    max_value=None,
    options=None,
) -> Question:
    require(user, "consultations.change_survey", survey)
    errors = {}
    clean = _validate_question(
        {
            "kind": kind,
            "text_nl": text_nl,
            "text_fr": text_fr,
            "text_en": text_en,
            "help_nl": help_nl,
            "help_fr": help_fr,
            "help_en": help_en,
            "required": required,
            "max_choices": max_choices,
            "min_value": min_value,
            "max_value": max_value,
        },
        errors,
    )
    clean_options = _clean_options(kind, options or [], errors)
    if clean.get("max_choices") and clean_options and clean["max_choices"] > len(clean_options):
        errors["max_choices"] = _("There are only %(n)s options.") % {"n": len(clean_options)}
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        survey = _editable(survey)
        position = (survey.questions.aggregate(last=Max("position"))["last"] or 0) + 1
        question = Question.objects.create(survey=survey, position=position, **clean)
        Option.objects.bulk_create(
            Option(question=question, position=i, **texts) for i, texts in enumerate(clean_options, start=1)
        )
        audit.record(user, "question.created", question, after=_question_snapshot(question), data={"survey": survey.pk})
    return question


def question_update(user, question: Question, *, options=None, **changes) -> Question:
    """Change a draft survey's question; ``options``, when given, replace the old ones (no answers yet)."""
    require(user, "consultations.change_survey", question.survey)
    unknown = set(changes) - set(QUESTION_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in unknown})
    with transaction.atomic():
        _editable(question.survey)
        question = Question.objects.select_for_update().get(pk=question.pk)
        merged = {f: getattr(question, f) for f in QUESTION_FIELDS}
        merged.update(changes)
        errors = {}
        clean = _validate_question(merged, errors)
        if options is None and clean.get("kind") in CHOICE_KINDS:
            options = [{k: getattr(o, k) for k in OPTION_TEXTS} for o in question.options.all()]
        clean_options = _clean_options(clean.get("kind"), options or [], errors)
        if clean.get("max_choices") and clean_options and clean["max_choices"] > len(clean_options):
            errors["max_choices"] = _("There are only %(n)s options.") % {"n": len(clean_options)}
        if errors:
            raise RuleViolation(errors=errors)
        before = _question_snapshot(question)
        for key, value in clean.items():
            setattr(question, key, value)
        question.save()
        question.options.all().delete()
        Option.objects.bulk_create(
            Option(question=question, position=i, **texts) for i, texts in enumerate(clean_options, start=1)
        )
        audit.record(
            user,
            "question.updated",
            question,
            before=before,
            after=_question_snapshot(question),
            data={"survey": question.survey_id},
        )
    return question


def question_delete(user, question: Question) -> None:
    require(user, "consultations.change_survey", question.survey)
    with transaction.atomic():
        survey = _editable(question.survey)
        question = Question.objects.get(pk=question.pk)
        before = _question_snapshot(question)
        label = (question._meta.label_lower, str(question.pk))
        position = question.position
        question.delete()
        # Close the gap; one row at a time in position order keeps the unique constraint satisfied.
        for later in survey.questions.filter(position__gt=position).order_by("position"):
            Question.objects.filter(pk=later.pk).update(position=F("position") - 1)
        audit.record(user, "question.deleted", label, before=before, data={"survey": survey.pk})


def question_move(user, question: Question, *, direction: str) -> Question:
    """Swap a question with its neighbour (``"up"`` or ``"down"``)."""
    require(user, "consultations.change_survey", question.survey)
    if direction not in ("up", "down"):
        raise RuleViolation(errors={"direction": _("Move a question up or down.")})
    with transaction.atomic():
        survey = _editable(question.survey)
        question = Question.objects.get(pk=question.pk)
        neighbours = (
            survey.questions.filter(position__lt=question.position)
            if direction == "up"
            else survey.questions.filter(position__gt=question.position)
        )
        other = neighbours.order_by("-position" if direction == "up" else "position").first()
        if other is None:
            message = (
                _("The question is already the first.") if direction == "up" else _("The question is already the last.")
            )
            raise Conflict(message, code="at_end")
        old, new = question.position, other.position
        Question.objects.filter(pk=question.pk).update(position=0)
        Question.objects.filter(pk=other.pk).update(position=old)
        Question.objects.filter(pk=question.pk).update(position=new)
        question.position = new
        audit.record(
            user,
            "question.moved",
            question,
            before={"position": old},
            after={"position": new},
            data={"survey": survey.pk},
        )
    return question
