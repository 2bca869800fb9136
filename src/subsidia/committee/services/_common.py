from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from subsidia.core import approvals
from subsidia.core.approval_models import ApprovalRequest, ApprovalStatus
from subsidia.core.exceptions import Conflict

from ..constants import ProcedureStatus
from ..models import AgendaItem, WrittenProcedure


def require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("Your role does not allow this."))


def blank(value) -> bool:
    return not (value or "").strip()


def check_request_free(req: ApprovalRequest, *, except_item=None, except_procedure=None) -> None:
    """A request awaits the committee and is not already before it elsewhere."""
    if req.status != ApprovalStatus.PENDING:
        raise Conflict(
            _("“%(object)s” is not awaiting the committee (it is “%(status)s”).")
            % {"object": req.object_label, "status": req.get_status_display()},
            code="request_not_pending",
        )
    items = AgendaItem.objects.filter(approval_request=req, outcome="").exclude(meeting__status="cancelled")
    if except_item is not None:
        items = items.exclude(pk=except_item.pk)
    procedures = WrittenProcedure.objects.filter(approval_request=req, status=ProcedureStatus.OPEN)
    if except_procedure is not None:
        procedures = procedures.exclude(pk=except_procedure.pk)
    if items.exists() or procedures.exists():
        raise Conflict(
            _("“%(object)s” is already on an agenda or in a written procedure.") % {"object": req.object_label},
            code="request_already_scheduled",
        )


def check_still_pending(req: ApprovalRequest) -> None:
    """Before deciding: the content must not have changed since it was put to the committee."""
    req.refresh_from_db()
    if req.status == ApprovalStatus.WITHDRAWN:
        raise Conflict(
            _(
                "The content of “%(object)s” changed after it was put to the committee, so the request was "
                "withdrawn (%(reason)s). Put the new content to the committee."
            )
            % {"object": req.object_label, "reason": req.withdrawn_reason},
            code="request_withdrawn",
        )
    if req.status != ApprovalStatus.PENDING:
        raise Conflict(
            _("“%(object)s” was already decided (%(status)s).")
            % {"object": req.object_label, "status": req.get_status_display()},
            code="request_not_pending",
        )


__all__ = ["approvals", "blank", "check_request_free", "check_still_pending", "require"]
