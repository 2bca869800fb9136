"""The stakeholder's page behind the personal link: no account, the token is the key.

A link that cannot be used (unknown, not yet open, closed, already used for a submission) gets a page that
says so in the visitor's language, with a fitting status code, and nothing changes.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.core import formatting
from subsidia.core.exceptions import ServiceError

from .. import services
from ..constants import FREE_TEXT_MAX_LENGTH, SCALE_MAX, SCALE_MIN, QuestionKind
from ..models import Answer, Response


@dataclass
class Field:
    question: object
    options: list
    name: str
    value: object = None  # option id, set of ids, {option id: rank}, or text
    error: str = ""
    ranks: list = field(default_factory=list)


def _private(response):
    """The page holds a secret link: never cached, never indexed, never passed on to another site as a
    referrer ("no-referrer" would make browsers send ``Origin: null``, which CSRF protection rightly refuses)."""
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _visitor_language(request, invitation) -> None:
    """The invitation's language, unless the visitor chose one (``?lang=`` or the language switcher)."""
    if "lang" in request.GET or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    translation.activate(invitation.language)
    request.LANGUAGE_CODE = invitation.language


def _error_page(request, exc: services.LinkError):
    if exc.invitation is not None:
        _visitor_language(request, exc.invitation)
    titles = {
        "invalid": _("This link does not work"),
        "not_open": _("This survey is not open yet"),
        "closed": _("This survey has closed"),
        "submitted": _("Your answers were already submitted"),
    }
    survey = exc.invitation.survey if exc.invitation else None
    context = {"title": titles[exc.code], "code": exc.code, "survey": survey, "invitation": exc.invitation}
    # Worded here again: the service's message was built before the visitor's language was known.
    context["message"] = {
        "invalid": _("This link is not valid. Check that you copied the whole link from the e-mail."),
        "not_open": _("This survey is not open yet."),
        "closed": _("This survey has closed; answers can no longer be given or changed."),
        "submitted": _("Your organisation's answers were already submitted; they can no longer be changed."),
    }[exc.code]
    return _private(render(request, "consultations/link_error.html", context, status=exc.status_code))


def _options(survey) -> dict:
    options = {}
    for question in survey.questions.prefetch_related("options"):
        options[question.pk] = list(question.options.all())
    return options


def _stored_values(response: Response | None) -> dict:
    values = {}
    if response is None:
        return values
    for answer in Answer.objects.filter(response=response).select_related("question").prefetch_related("choices"):
        kind = answer.question.kind
        choices = list(answer.choices.all())
        if kind == QuestionKind.SINGLE_CHOICE:
            values[answer.question_id] = choices[0].option_id if choices else None
        elif kind == QuestionKind.MULTIPLE_CHOICE:
            values[answer.question_id] = {c.option_id for c in choices}
        elif kind == QuestionKind.RANKING:
            values[answer.question_id] = {c.option_id: c.rank for c in choices}
        elif kind == QuestionKind.SCALE:
            values[answer.question_id] = answer.scale_value
        elif kind == QuestionKind.NUMBER:
            values[answer.question_id] = "" if answer.number_value is None else formatting.number(answer.number_value)
        else:
            values[answer.question_id] = answer.text_value
    return values


def _posted(survey, post) -> tuple[dict, dict]:
    """The raw answers as the service expects them, and the values to show again if they are refused."""
    raw, shown = {}, {}
    for question in survey.questions.prefetch_related("options"):
        name = f"q{question.pk}"
        if question.kind == QuestionKind.MULTIPLE_CHOICE:
            raw[question.pk] = post.getlist(name)
            shown[question.pk] = {int(v) for v in raw[question.pk] if v.isdigit()}
        elif question.kind == QuestionKind.RANKING:
            ranks = {str(o.pk): post.get(f"{name}_{o.pk}", "") for o in question.options.all()}
            raw[question.pk] = ranks if any(v.strip() for v in ranks.values()) else None
            shown[question.pk] = {int(k): int(v) for k, v in ranks.items() if v.strip().isdigit()}
        else:
            raw[question.pk] = post.get(name, "")
            value = raw[question.pk]
            shown[question.pk] = (
                int(value)
                if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.SCALE) and value.isdigit()
                else value
            )
    return raw, shown


def _fields(survey, values: dict, errors: dict) -> list[Field]:
    options = _options(survey)
    fields = []
    for question in survey.questions.order_by("position"):
        opts = options.get(question.pk, [])
        error = " ".join(str(m) for m in errors.get(f"q{question.pk}", []))
        fields.append(
            Field(
                question,
                opts,
                f"q{question.pk}",
                values.get(question.pk),
                error,
                ranks=list(range(1, len(opts) + 1)),
            )
        )
    return fields


def _page(request, invitation, *, values, errors=None, person=None, status=200):
    errors = errors or {}
    response = Response.objects.filter(invitation=invitation).first()
    context = {
        "invitation": invitation,
        "survey": invitation.survey,
        "fields": _fields(invitation.survey, values, errors),
        "errors": errors,
        "draft": response,
        "person": person
        or {
            "respondent_name": response.respondent_name if response else "",
            "respondent_role": response.respondent_role if response else "",
        },
        "scale": list(range(SCALE_MIN, SCALE_MAX + 1)),
        "max_text": FREE_TEXT_MAX_LENGTH,
        "general_errors": [m for k, v in errors.items() if not k.startswith("q") for m in v],
    }
    return _private(render(request, "consultations/answer.html", context, status=status))


def _done_page(request, invitation, response):
    context = {
        "invitation": invitation,
        "survey": invitation.survey,
        "response": response,
        "fields": _fields(invitation.survey, _stored_values(response), {}),
        "scale": list(range(SCALE_MIN, SCALE_MAX + 1)),
    }
    return _private(render(request, "consultations/answer_done.html", context))


def answer(request, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        invitation = services.link_visit(token) if request.method != "POST" else services.resolve(token)
    except services.LinkError as exc:
        return _error_page(request, exc)
    _visitor_language(request, invitation)
    if request.method != "POST":
        submitted = services.submitted_response(invitation)
        if submitted is not None:
            return _done_page(request, invitation, submitted)
        try:
            services.check_usable(invitation)
        except services.LinkError as exc:
            return _error_page(request, exc)
        draft = Response.objects.filter(invitation=invitation).first()
        return _page(request, invitation, values=_stored_values(draft))

    submit = request.POST.get("action") == "submit"
    raw, shown = _posted(invitation.survey, request.POST)
    person = {k: request.POST.get(k, "") for k in ("respondent_name", "respondent_role")}
    try:
        services.response_save(token, raw, submit=submit, **person)
    except services.LinkError as exc:
        return _error_page(request, exc)
    except ServiceError as exc:
        return _page(request, invitation, values=shown, errors=exc.errors, person=person, status=400)
    if not submit:  # after a submission the page itself says thank you
        messages.success(request, _("Your answers were saved as a draft. Come back with the same link to finish."))
    target = request.path + (f"?lang={request.GET['lang']}" if request.GET.get("lang") in ("nl", "fr", "en") else "")
    return redirect(target)
