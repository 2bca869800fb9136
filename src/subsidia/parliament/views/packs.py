"""The answer pack of a question for the officer: as a page, and as PDF or XLSX, live or as of a publication."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from subsidia.core.exceptions import RuleViolation
from subsidia.transparency.models import PublicationSnapshot

from .. import answerpack
from ..answerpack import files, pdf
from ..forms import PackForm
from .common import question_for_staff


def _options(request):
    language = request.GET.get("language") or None
    as_of = request.GET.get("as_of") or None
    return answerpack.language_or_error(language), answerpack.snapshot_or_error(as_of)


def _refused(request, question, exc: RuleViolation):
    return render(
        request,
        "parliament/pack_refused.html",
        {"question": question, "message": exc.message, "title": _("The answer pack cannot be made")},
        status=400,
    )


@login_required
def pack_page(request, pk):
    question = question_for_staff(request, pk)
    try:
        language, snapshot = _options(request)
    except RuleViolation as exc:
        return _refused(request, question, exc)
    pack = answerpack.build(question, language=language, snapshot=snapshot)
    form = PackForm(
        initial={"language": language, "as_of": snapshot.number if snapshot else ""},
        snapshots=PublicationSnapshot.objects.order_by("-number")[:50],
    )
    query = urlencode({"language": language, **({"as_of": snapshot.number} if snapshot else {})})
    return render(request, "parliament/pack.html", {**pdf.context(pack), "form": form, "query": query})


@login_required
def pack_download(request, pk, fmt):
    if fmt not in files.CONTENT_TYPES:
        raise Http404
    question = question_for_staff(request, pk)
    try:
        language, snapshot = _options(request)
    except RuleViolation as exc:
        return _refused(request, question, exc)
    pack = answerpack.build(question, language=language, snapshot=snapshot)
    response = HttpResponse(files.render(pack, fmt), content_type=files.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{files.filename(pack, fmt)}"'
    return response
