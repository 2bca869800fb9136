from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import selectors
from ..models import AgendaItem, Committee, Meeting, WrittenProcedure


def visible_committee(request, pk) -> Committee:
    return get_object_or_404(selectors.committees_visible_to(request.user), pk=pk)


def visible_meeting(request, pk) -> Meeting:
    return get_object_or_404(selectors.meetings_visible_to(request.user), pk=pk)


def visible_item(request, pk) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting", "meeting__committee").filter(
            meeting__in=selectors.meetings_visible_to(request.user)
        ),
        pk=pk,
    )


def visible_procedure(request, pk) -> WrittenProcedure:
    return get_object_or_404(selectors.procedures_visible_to(request.user), pk=pk)


def require_manage(request, obj=None) -> None:
    if not request.user.has_perm("committee.manage", obj):
        raise PermissionDenied
