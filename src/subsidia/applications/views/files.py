"""Files served through permission checks only: attachments, receipts and submitted snapshots."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from subsidia.core.pdf import pdf_response

from .. import selectors
from ..models import Attachment, Submission
from ..receipts import receipt_filename, receipt_pdf
from ..services.attachments import open_file


def attachment_response(attachment: Attachment) -> FileResponse:
    try:
        handle = open_file(attachment)
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


@login_required
@require_GET
def attachment_download(request, pk, attachment_id):
    application = get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)
    return attachment_response(get_object_or_404(Attachment, pk=attachment_id, application=application))


def _submission(request, pk) -> Submission:
    application = get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)
    return get_object_or_404(Submission.objects.select_related("application"), application=application)


@login_required
@require_GET
def receipt(request, pk):
    submission = _submission(request, pk)
    return pdf_response(receipt_filename(submission), receipt_pdf(submission, language=get_language()))


@login_required
@require_GET
def snapshot(request, pk):
    submission = _submission(request, pk)
    response = HttpResponse(submission.content.encode("utf-8"), content_type="application/json")
    response["X-Content-SHA256"] = submission.sha256
    response["Content-Disposition"] = f'attachment; filename="{submission.application.reference}.json"'
    return response
