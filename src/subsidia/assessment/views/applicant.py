"""Applicants: after the decision, their own scores per criterion and the decision letters (PDF in the binding
language and in translation). Before a letter is issued there is nothing to see."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from subsidia.applications.models import Application

from .. import exports, pages
from ..models import DecisionLetter

LETTER_LANGUAGES = ("nl", "fr", "en")


def _may_read(user, application) -> bool:
    return pages.is_staff(user) or pages.member_of_applicant(user, application)


@login_required
@require_GET
def my_results(request):
    return render(
        request, "assessment/my_results.html", {"applications": pages.own_applications_with_results(request.user)}
    )


@login_required
@require_GET
def results(request, application_id):
    application = get_object_or_404(
        Application.objects.select_related("call", "organisation"), pk=pages.int_or_404(application_id)
    )
    if not _may_read(request.user, application):
        raise Http404
    letters = list(pages.letters_of(application))
    if not letters:
        # No decision notified yet: the scores stay with the managing authority.
        raise Http404
    newest = letters[0]
    content = pages.letter_content(newest)
    return render(
        request,
        "assessment/results.html",
        {
            "application": application,
            "letters": letters,
            "latest": newest,
            "content": content,
            "scores": exports.letter_scores(content),
            "languages": LETTER_LANGUAGES,
            "official": settings.SUBSIDIA_OFFICIAL_LANGUAGE,
        },
    )


@login_required
@require_GET
def letter_pdf(request, letter_id, language):
    letter = get_object_or_404(
        DecisionLetter.objects.select_related("application", "application__call", "application__organisation"),
        pk=pages.int_or_404(letter_id),
    )
    if language not in LETTER_LANGUAGES:
        raise Http404
    if not _may_read(request.user, letter.application):
        raise Http404
    if not letter.verify():
        raise PermissionDenied
    return exports.letter_response(letter, language)
