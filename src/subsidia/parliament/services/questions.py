"""Registering a written question, editing it while the answer is prepared, and its status transitions."""

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.canonical import jsonable
from subsidia.core.exceptions import Conflict

from ..constants import EDITABLE_FIELDS, QUESTION_TRANSITIONS, QuestionStatus
from ..models import WrittenQuestion
from .common import blank, clean_fields, refuse_if, require

REQUIRED = ("session", "number", "title", "question_text", "member_name", "minister_name")


def _audit_value(question, field):
    value = getattr(question, f"{field}_id") if field in ("programme", "region") else getattr(question, field)
    return jsonable(value)


def _check(question: WrittenQuestion) -> None:
    errors = clean_fields(question, exclude=("created_by",))
    for field in REQUIRED:
        if blank(getattr(question, field)):
            errors.setdefault(field, [_("This field is required.")])
    if question.asked_on and question.asked_on > clock.today():
        errors.setdefault("asked_on", []).append(_("The date of the question cannot lie in the future."))
    duplicate = (
        WrittenQuestion.objects.filter(assembly=question.assembly, session=question.session, number=question.number)
        .exclude(pk=question.pk)
        .exists()
    )
    if duplicate and "number" not in errors:
        errors["number"] = [
            _("Question no. %(number)s of session %(session)s is already in the register.")
            % {"number": question.number, "session": question.session}
        ]
    refuse_if(errors)


def _strip(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def question_create(user, **fields) -> WrittenQuestion:
    """Register a question as received. ``fields``: the question's editable fields (see ``EDITABLE_FIELDS``)."""
    require(user, "parliament.manage_writtenquestion")
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    now = clock.now()
    question = WrittenQuestion(
        **_strip(fields), status=QuestionStatus.RECEIVED, created_at=now, created_by=user, updated_at=now
    )
    _check(question)
    with transaction.atomic():
        question.save()
        audit.record(
            user,
            "written_question.registered",
            question,
            after={field: _audit_value(question, field) for field in EDITABLE_FIELDS},
        )
    return question


def question_update(user, question: WrittenQuestion, **changes) -> WrittenQuestion:
    """Change the question or its draft answer while it is not answered yet."""
    require(user, "parliament.manage_writtenquestion", question)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        question = WrittenQuestion.objects.select_for_update().get(pk=question.pk)
        if not question.is_editable:
            raise Conflict(
                _("An answered question is not changed; reopen it first to correct the answer."),
                code="question_answered",
            )
        before = {field: _audit_value(question, field) for field in changes}
        for field, value in _strip(changes).items():
            setattr(question, field, value)
        _check(question)
        after = {field: _audit_value(question, field) for field in changes}
        changed = [field for field in changes if before[field] != after[field]]
        if not changed:
            return question
        question.updated_at = clock.now()
        question.save()
        audit.record(
            user,
            "written_question.updated",
            question,
            before={f: before[f] for f in changed},
            after={f: after[f] for f in changed},
        )
    return question


def _transition(user, question: WrittenQuestion, target: str, action: str, *, apply=None, data=None):
    require(user, "parliament.manage_writtenquestion", question)
    with transaction.atomic():
        question = WrittenQuestion.objects.select_for_update().get(pk=question.pk)
        if target not in QUESTION_TRANSITIONS[QuestionStatus(question.status)]:
            raise Conflict(
                _("A question that is “%(status)s” cannot become “%(target)s”.")
                % {"status": question.get_status_display(), "target": QuestionStatus(target).label},
                code="invalid_transition",
            )
        before = {"status": question.status, "answered_on": jsonable(question.answered_on)}
        if apply is not None:
            apply(question)
        question.status = target
        question.updated_at = clock.now()
        question.save()
        audit.record(
            user,
            action,
            question,
            before=before,
            after={"status": question.status, "answered_on": jsonable(question.answered_on)},
            data=data,
        )
    return question


def question_start_preparation(user, question: WrittenQuestion) -> WrittenQuestion:
    return _transition(user, question, QuestionStatus.IN_PREPARATION, "written_question.preparation_started")


def question_answer(user, question: WrittenQuestion, *, answered_on, answer_text: str | None = None):
    """Record the minister's answer as sent to the parliament, with its date."""

    def apply(q):
        if answer_text is not None:
            q.answer_text = answer_text.strip()
        errors = {}
        if blank(q.answer_text):
            errors["answer_text"] = [_("Write the answer before marking the question answered.")]
        if answered_on is None:
            errors["answered_on"] = [_("Give the date of the answer.")]
        elif answered_on < q.asked_on:
            errors["answered_on"] = [_("The answer cannot be dated before the question.")]
        elif answered_on > clock.today():
            errors["answered_on"] = [_("The date of the answer cannot lie in the future.")]
        refuse_if(errors)
        q.answered_on = answered_on

    return _transition(
        user,
        question,
        QuestionStatus.ANSWERED,
        "written_question.answered",
        apply=apply,
        data={"answer_text": (answer_text or "").strip()} if answer_text is not None else None,
    )


def question_reopen(user, question: WrittenQuestion, *, reason: str) -> WrittenQuestion:
    """Reopen an answered question to correct its answer; the answer stays as a draft."""
    require(user, "parliament.manage_writtenquestion", question)
    if blank(reason):
        refuse_if({"reason": [_("Say why the answer is reopened.")]})

    def apply(q):
        q.answered_on = None

    return _transition(
        user,
        question,
        QuestionStatus.IN_PREPARATION,
        "written_question.reopened",
        apply=apply,
        data={"reason": reason.strip()},
    )
