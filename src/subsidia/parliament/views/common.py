from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .. import selectors


def staff(request, perm="parliament.view_writtenquestion"):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def question_for_staff(request, pk):
    staff(request)
    return get_object_or_404(selectors.questions_visible_to(request.user), pk=pk)
