"""Links from a question to the earlier questions it cites."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock

from .. import selectors
from ..models import EarlierQuestion, WrittenQuestion, validate_number, validate_session
from .common import blank, refuse_if, require


def _describe(link: EarlierQuestion) -> dict:
    if link.earlier_id:
        return {"earlier": link.earlier_id, "number": link.earlier.number, "session": link.earlier.session}
    return {"number": link.number, "session": link.session, "asked_on": link.asked_on, "title": link.title}


def _check_reference(number: str, session: str, asked_on, question: WrittenQuestion) -> dict:
    errors = {}
    for field, validator, value in (("number", validate_number, number), ("session", validate_session, session)):
        if field == "session" and not value:
            continue
        try:
            validator(value)
        except ValidationError as exc:
            errors[field] = list(exc.messages)
    if asked_on is not None and asked_on > question.asked_on:
        errors["asked_on"] = [_("An earlier question is dated on or before this one.")]
    return errors


def link_add(
    user,
    question: WrittenQuestion,
    *,
    earlier: WrittenQuestion | None = None,
    number: str = "",
    session: str = "",
    asked_on=None,
    title: str = "",
    note: str = "",
) -> EarlierQuestion:
    """Cite a question of the register (``earlier``) or one that is not in it (``number``, ``asked_on``,
    optionally ``session`` and ``title``). A citation that matches a registered question becomes a link to it."""
    require(user, "parliament.manage_writtenquestion", question)
    number, session, title = (number or "").strip(), (session or "").strip(), (title or "").strip()
    if earlier is None and blank(number):
        refuse_if({"earlier": [_("Choose a question of the register, or give the number of the question cited.")]})
    if earlier is not None and number:
        refuse_if({"number": [_("Either choose a question of the register or give a number, not both.")]})
    if earlier is None:
        refuse_if(_check_reference(number, session, asked_on, question))
        earlier = selectors.registered_match(question, number, asked_on, session)
        if earlier is not None:
            number, session, title = "", "", ""
    if earlier is not None:
        if earlier.pk == question.pk:
            refuse_if({"earlier": [_("A question cannot cite itself.")]})
        if earlier.asked_on > question.asked_on:
            refuse_if({"earlier": [_("An earlier question is dated on or before this one.")]})
    with transaction.atomic():
        question = WrittenQuestion.objects.select_for_update().get(pk=question.pk)
        existing = EarlierQuestion.objects.filter(question=question)
        if earlier is not None:
            existing = existing.filter(earlier=earlier)
        else:
            existing = existing.filter(earlier__isnull=True, number__iexact=number, session=session, asked_on=asked_on)
        if existing.exists():
            refuse_if({"earlier": [_("This question already cites that one.")]})
        link = EarlierQuestion.objects.create(
            question=question,
            earlier=earlier,
            number="" if earlier else number,
            session="" if earlier else session,
            asked_on=None if earlier else asked_on,
            title="" if earlier else title,
            note=(note or "").strip(),
            created_at=clock.now(),
            created_by=user,
        )
        audit.record(user, "written_question.link_added", question, after=_describe(link), data={"link": link.pk})
    return link


def link_remove(user, link: EarlierQuestion) -> None:
    require(user, "parliament.manage_writtenquestion", link.question)
    with transaction.atomic():
        link = (
            EarlierQuestion.objects.select_related("earlier", "question")
            .select_for_update(of=("self",))
            .get(pk=link.pk)
        )
        before = _describe(link)
        question = link.question
        link.delete()
        audit.record(user, "written_question.link_removed", question, before=before, data={"link": link.pk})
