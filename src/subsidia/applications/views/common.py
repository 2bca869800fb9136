"""What the application pages share: finding the application the user may see, and the page frame."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .. import completeness, selectors
from ..constants import Section
from ..models import Application

SECTION_URLS = {
    Section.GENERAL: "applications:section-general",
    Section.ACTIVITIES: "applications:section-parts",
    Section.TARGET_GROUPS: "applications:section-parts",
    Section.INDICATORS: "applications:section-parts",
    Section.PARTNERS: "applications:section-parts",
    Section.BUDGET: "applications:section-budget",
    Section.COFINANCING: "applications:section-cofinancing",
    Section.ATTACHMENTS: "applications:section-attachments",
    Section.DECLARATIONS: "applications:section-declarations",
}


def section_url(application, section) -> str:
    name = SECTION_URLS[Section(section)]
    if name == "applications:section-parts":
        return reverse(name, args=[application.pk, section])
    return reverse(name, args=[application.pk])


def visible_application(request, pk) -> Application:
    return get_object_or_404(
        selectors.applications_visible_to(request.user).select_related("call__programme__current_version"),
        pk=pk,
    )


def editable_application(request, pk) -> Application:
    application = visible_application(request, pk)
    if not request.user.has_perm("applications.change_application", application):
        raise PermissionDenied
    return application


def frame(request, application, current=None) -> dict:
    """Context every section page needs: the sections with their completeness, the current one, the rights."""
    states = completeness.sections(application) if application.is_draft else []
    for state in states:
        state.url = section_url(application, state.section)
        state.current = state.section == current
    return {
        "application": application,
        "call": application.call,
        "sections": states,
        "current": current,
        "editable": application.is_draft and request.user.has_perm("applications.change_application", application),
        "can_sign": request.user.has_perm("applications.sign_application", application),
    }
