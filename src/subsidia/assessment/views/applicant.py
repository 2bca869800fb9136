"""Applicants: after the decision, their own scores per criterion and the decision letters (PDF in the binding
language and in translation). Before a letter is issued there is nothing to see."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from subsidia.applications.models import Application

from .. import exports, pages, selectors

LETTER_LANGUAGES = ("nl", "fr", "en")


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
    if not selectors.application_results_visible_to(request.user, application):
        # Before the decision is notified, the scores stay with the managing authority.
        raise Http404
    letters = list(
        selectors.letters_visible_to(request.user).filter(application=application).order_by("-issued_at", "reference")
    )
    if not letters:
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
            "scores": exports.letter_scores(content, get_language()),
            "languages": LETTER_LANGUAGES,
            "official": settings.SUBSIDIA_OFFICIAL_LANGUAGE,
        },
    )


@login_required
@require_GET
def letter_pdf(request, letter_id, language):
    if language not in LETTER_LANGUAGES:
        raise Http404
    # Someone else's letter is not found, whatever its id.
    letter = get_object_or_404(
        selectors.letters_visible_to(request.user).select_related("application__call"), pk=pages.int_or_404(letter_id)
    )
    if not letter.verify():
        raise PermissionDenied
    return exports.letter_response(letter, language)
