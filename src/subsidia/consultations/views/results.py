"""Survey results on screen, as XLSX and as PDF (staff readers and committee members)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from .. import exports
from .surveys import require_perm, visible_survey

LANGUAGES = ("nl", "fr", "en")


def _results_survey(request, pk):
    survey = visible_survey(request, pk)
    require_perm(request, "consultations.view_results", survey)
    return survey


@login_required
@require_GET
def results(request, pk):
    survey = _results_survey(request, pk)
    context = exports.results_context(survey, breakdown=request.GET.get("by") == "type")
    context["languages"] = LANGUAGES
    return render(request, "consultations/results.html", context)


@login_required
@require_GET
def results_export(request, pk, fmt):
    survey = _results_survey(request, pk)
    language = request.GET.get("lang") or translation.get_language() or "nl"
    language = language.split("-")[0] if language.split("-")[0] in LANGUAGES else "nl"
    if fmt == "xlsx":
        return exports.results_xlsx(survey, language=language)
    if fmt == "pdf":
        return exports.results_pdf(survey, language=language)
    raise Http404
