"""The attachments section: the call's required documents and other supporting documents."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core.forms import apply_service, run_action

from .. import services
from ..constants import Section
from ..forms import AttachmentForm
from ..models import Attachment
from .common import editable_application, frame


@login_required
def section_attachments(request, pk):
    application = editable_application(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None, call=application.call)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = apply_service(
            request,
            form,
            lambda: services.attachment_add(
                request.user,
                application,
                upload=data["upload"],
                requirement=data["requirement"],
                description=data["description"],
            ),
        )
        if done:
            messages.success(request, _("“%(name)s” is attached.") % {"name": done.original_name})
            return redirect("applications:section-attachments", pk=pk)
    attachments = list(application.attachments.select_related("requirement"))
    requirements = [
        {"requirement": r, "files": [a for a in attachments if a.requirement_id == r.pk]}
        for r in application.call.required_attachments.order_by("position", "id")
    ]
    context = frame(request, application, Section.ATTACHMENTS)
    context.update(
        {
            "form": form,
            "requirements": requirements,
            "others": [a for a in attachments if a.requirement_id is None],
            "max_size": filesizeformat(settings.SUBSIDIA_MAX_UPLOAD_BYTES),
        }
    )
    return render(request, "applications/section_attachments.html", context)


@login_required
@require_POST
def attachment_delete(request, pk, attachment_id):
    application = editable_application(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, application=application)
    run_action(request, lambda: services.attachment_delete(request.user, attachment), _("Attachment removed."))
    return redirect("applications:section-attachments", pk=pk)
