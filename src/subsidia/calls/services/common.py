"""What every call service shares: permission, transitions, row locks, the budget check, and the rule that
a substantive change sends the call back to the committee."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from subsidia.core import approvals, audit
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.programmes.models import ProgrammeVersion

from .. import selectors
from ..constants import CALL_TRANSITIONS, EDITABLE_STATUSES, CallStatus
from ..models import Call


def require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("Your role does not allow this."))


def move(call: Call, to: str) -> str:
    """Check the transition and apply it; returns the previous status."""
    if to not in CALL_TRANSITIONS[CallStatus(call.status)]:
        raise Conflict(
            _("A call that is “%(status)s” cannot become “%(to)s”.")
            % {"status": call.get_status_display(), "to": CallStatus(to).label},
            code="transition_not_allowed",
        )
    previous = call.status
    call.status = to
    return previous


def locked(call: Call) -> Call:
    return (
        Call.objects.select_for_update(of=("self",))
        .select_related("programme", "specific_objective", "region", "implementation_modality")
        .get(pk=call.pk)
    )


def lock_budget(programme) -> ProgrammeVersion:
    """Lock the programme's version in force: its allocations are what calls draw on, and programme services
    lock the same row when they change them, so budget checks and allocation edits run one after the other."""
    if not programme.current_version_id:
        raise RuleViolation(errors={"programme": _("The programme has no version in force yet.")})
    return ProgrammeVersion.objects.select_for_update().get(pk=programme.current_version_id)


def check_budget_fits(call_or_values, *, programme, specific_objective, region, modality, budget, exclude_call=None):
    """The call's budget fits what is left of its allocation after every other call. Call inside a transaction
    that holds ``lock_budget``."""
    room = selectors.budget_room(programme, specific_objective, region, modality, exclude_call=exclude_call)
    if budget > room.available:
        raise RuleViolation(
            errors={
                "budget": _(
                    "The budget exceeds what is left of the allocation for this objective, region and "
                    "modality: "
                    "%(allocated)s allocated, %(committed)s taken by other calls, %(available)s available."
                )
                % {"allocated": room.allocated, "committed": room.committed, "available": room.available}
            }
        )
    return room


def save_checked(instance, **kwargs):
    """Save; a database constraint that still fails (a race, a rule the form did not know) becomes a "
    "message."""
    try:
        with transaction.atomic():
            instance.save(**kwargs)
    except IntegrityError as exc:
        raise RuleViolation(_("The change breaks a rule of the database: %(error)s") % {"error": exc}) from exc


def after_edit(user, call: Call, previous_hash: str) -> bool:
    """After a change to the call or its parts: a changed substantive content clears any committee approval
    and brings a submitted or approved call back to draft. Once published, the approved content is frozen.
    Returns whether the substantive content changed."""
    if approvals.current_hash(call) == previous_hash:
        return False
    if call.status not in EDITABLE_STATUSES:
        raise Conflict(
            _(
                "The call is %(status)s: its approved content can no longer change. Only translations and "
                "the "
                "contact can be corrected."
            )
            % {"status": call.get_status_display()},
            code="approved_content_frozen",
        )
    approvals.after_change(user, call, previous_hash=previous_hash)
    if call.status in (CallStatus.SUBMITTED, CallStatus.APPROVED):
        previous = move(call, CallStatus.DRAFT)
        call.save(update_fields=["status"])
        audit.record(
            user,
            "call.returned_to_draft",
            call,
            before={"status": previous},
            after={"status": call.status},
            data={"reason": "substantive content changed"},
        )
    return True
