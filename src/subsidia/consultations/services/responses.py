"""A stakeholder's side: following the personal link, saving a draft, submitting. No account; the token is
the permission, and the survey's dates decide, at the moment of asking, whether anything can change."""

import re

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import ServiceError

from ..answers import clean_answers
from ..constants import QuestionKind, SurveyPhase
from ..models import Answer, AnswerChoice, Invitation, InvitationToken, Option, Response
from .invitations import hash_token

# ``secrets.token_urlsafe(32)`` gives 43 characters; anything else is not one of ours and is not looked up.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{43}")
PERSON_LIMIT = 200


class LinkError(ServiceError):
    """The personal link cannot be used: unknown, not yet open, closed, or already used for a submission."""

    STATUS = {"invalid": 404, "not_open": 403, "closed": 410, "submitted": 409}

    def __init__(self, code: str, message: str, *, invitation: Invitation | None = None):
        super().__init__(message, code=code)
        self.status_code = self.STATUS[code]
        self.invitation = invitation


def resolve(token: str, *, lock: bool = False) -> Invitation:
    """The invitation a token belongs to; a malformed, unknown or purged token is ``LinkError("invalid")``."""
    if not isinstance(token, str) or not TOKEN_PATTERN.fullmatch(token):
        raise LinkError("invalid", _("This link is not valid. Check that you copied the whole link from the e-mail."))
    row = InvitationToken.objects.filter(token_hash=hash_token(token)).values_list("invitation_id", flat=True).first()
    if row is None:
        raise LinkError("invalid", _("This link is not valid. Check that you copied the whole link from the e-mail."))
    queryset = Invitation.objects.select_related("survey", "survey__programme", "organisation")
    if lock:
        queryset = queryset.select_for_update()
    return queryset.get(pk=row)


def submitted_response(invitation: Invitation) -> Response | None:
    return Response.objects.filter(invitation=invitation, submitted_at__isnull=False).first()


def check_usable(invitation: Invitation) -> None:
    """Raise the ``LinkError`` that stops answering now, if any."""
    survey = invitation.survey
    phase = survey.phase
    if phase in (SurveyPhase.DRAFT, SurveyPhase.SCHEDULED):
        raise LinkError("not_open", _("This survey is not open yet."), invitation=invitation)
    if phase == SurveyPhase.CLOSED:
        raise LinkError(
            "closed",
            _("This survey has closed; answers can no longer be given or changed."),
            invitation=invitation,
        )
    if submitted_response(invitation):
        raise LinkError(
            "submitted",
            _("Your organisation's answers were already submitted; they can no longer be changed."),
            invitation=invitation,
        )


def link_visit(token: str) -> Invitation:
    """Follow a personal link. While it can be used, the visit is counted: that is how "opened" is known."""
    invitation = resolve(token)
    try:
        check_usable(invitation)
    except LinkError:
        return invitation
    now = clock.now()
    with transaction.atomic():
        first = Invitation.objects.filter(pk=invitation.pk, first_opened_at__isnull=True).update(
            first_opened_at=now, last_opened_at=now, open_count=F("open_count") + 1
        )
        if first:
            audit.record(
                None,
                "invitation.opened",
                invitation,
                after={"opened_at": now},
                data={"survey": invitation.survey_id, "organisation": invitation.organisation.name},
            )
        else:
            Invitation.objects.filter(pk=invitation.pk).update(last_opened_at=now, open_count=F("open_count") + 1)
    invitation.refresh_from_db(fields=["first_opened_at", "last_opened_at", "open_count"])
    return invitation


def _person(value, field: str, errors: dict) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[field] = _("Enter text.")
        return ""
    value = value.strip()
    if len(value) > PERSON_LIMIT:
        errors[field] = _("Keep this under %(max)s characters.") % {"max": PERSON_LIMIT}
    return value


def options_by_question(survey) -> dict[int, list[int]]:
    result: dict[int, list[int]] = {}
    for question_id, option_id in (
        Option.objects.filter(question__survey=survey).order_by("question", "position").values_list("question", "pk")
    ):
        result.setdefault(question_id, []).append(option_id)
    return result


def response_save(
    token: str, answers: dict, *, respondent_name: str = "", respondent_role: str = "", submit: bool = False
) -> Response:
    """Save the answers (replacing the previous draft); with ``submit`` they must be complete, then final.

    ``answers`` maps question ids to raw answers (see ``answers.clean_answer``). Errors are reported per
    question under ``"q<id>"``; nothing is saved when any answer is refused.
    """
    if not isinstance(answers, dict):
        raise ServiceError(_("The answers could not be read."), code="invalid")
    with transaction.atomic():
        invitation = resolve(token, lock=True)
        check_usable(invitation)
        survey = invitation.survey
        questions = list(survey.questions.order_by("position"))
        clean, problems = clean_answers(
            questions, answers, complete=submit, options_by_question=options_by_question(survey)
        )
        errors = {f"q{key}": message for key, message in problems.items()}
        name = _person(respondent_name, "respondent_name", errors)
        role = _person(respondent_role, "respondent_role", errors)
        if errors:
            raise ServiceError(
                _("Some answers need your attention.") if submit or len(errors) > 1 else None,
                errors=errors,
                code="invalid_answers",
            )
        now = clock.now()
        response, created = Response.objects.select_for_update().get_or_create(
            invitation=invitation,
            defaults={
                "survey": survey,
                "stakeholder_type": invitation.organisation.stakeholder_type,
                "started_at": now,
                "updated_at": now,
            },
        )
        response.respondent_name, response.respondent_role, response.updated_at = name, role, now
        if submit:
            response.submitted_at = now
        response.save()
        response.answers.all().delete()
        _store(response, clean)
        answered = sum(1 for a in clean.values() if a is not None)
        audit.record(
            None,
            "response.submitted" if submit else ("response.started" if created else "response.draft_saved"),
            response,
            after={"submitted_at": response.submitted_at} if submit else {"updated_at": now},
            data={
                "survey": survey.pk,
                "invitation": invitation.pk,
                "organisation": invitation.organisation.name,
                "stakeholder_type": response.stakeholder_type,
                "answered": answered,
                "questions": len(questions),
            },
        )
    return response


def _store(response: Response, clean: dict) -> None:
    rows = {}
    for question_id, answer in clean.items():
        if answer is None:
            continue
        rows[question_id] = Answer(
            response=response,
            question_id=question_id,
            scale_value=answer.scale,
            number_value=answer.number,
            text_value=answer.text,
        )
    Answer.objects.bulk_create(rows.values())
    stored = {a.question_id: a for a in Answer.objects.filter(response=response)}
    choices = []
    for question_id, answer in clean.items():
        if answer is None or not answer.option_ids:
            continue
        ranked = answer.kind == QuestionKind.RANKING
        for place, option_id in enumerate(answer.option_ids, start=1):
            choices.append(
                AnswerChoice(answer=stored[question_id], option_id=option_id, rank=place if ranked else None)
            )
    AnswerChoice.objects.bulk_create(choices)
