"""A call's life: create, edit, submit to the committee, publish, assess, decide, archive, withdraw.

Each transition is one function: permission, preconditions, a row lock, the change, one audit event.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import approvals, audit, clock
from subsidia.core.approval_models import ApprovalDecision, ApprovalStatus
from subsidia.core.exceptions import Conflict, RuleViolation

from .. import validation
from ..constants import CallStatus
from ..models import Call
from .cleaning import CALL_FIELDS, M2M_FIELDS, SCALAR_FIELDS, TEXT_FIELDS, clean_call, defaults
from .common import after_edit, check_budget_fits, lock_budget, locked, move, require, save_checked

AUDITED_FIELDS = TEXT_FIELDS + SCALAR_FIELDS
BUDGET_FIELDS = ("budget", "specific_objective", "region", "implementation_modality")


def _snapshot(call: Call) -> dict:
    data = audit.snapshot(call, AUDITED_FIELDS)
    if call.pk:
        for name in M2M_FIELDS:
            data[name] = sorted(str(o) for o in getattr(call, name).all())
    return data


def _unknown(changes: dict) -> None:
    unknown = set(changes) - set(CALL_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in sorted(unknown)})


def _reference_taken(reference: str, call: Call | None = None) -> bool:
    others = Call.objects.filter(reference=reference)
    if call is not None:
        others = others.exclude(pk=call.pk)
    return others.exists()


def call_create(user, *, programme, **data) -> Call:
    """A new draft call. Its budget must fit what is left of its allocation."""
    require(user, "calls.add_call")
    _unknown(data)
    values, m2m, errors = clean_call(programme, {**defaults(), **data})
    if values["reference"] and _reference_taken(values["reference"]):
        errors["reference"] = _("Another call already has this reference.")
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        lock_budget(programme)
        check_budget_fits(
            None,
            programme=programme,
            specific_objective=values["specific_objective"],
            region=values["region"],
            modality=values["implementation_modality"],
            budget=values["budget"],
        )
        now = clock.now()
        call = Call(programme=programme, created_by=user, created_at=now, updated_at=now, **values)
        save_checked(call)
        for name, objects in m2m.items():
            getattr(call, name).set(objects)
        audit.record(user, "call.created", call, after=_snapshot(call))
    return call


def call_update(user, call: Call, **changes) -> Call:
    """Change a call. A substantive change clears the committee's approval and brings a submitted or approved
    call back to draft; once published, only translations and the contact may change."""
    require(user, "calls.change_call", call)
    _unknown(changes)
    with transaction.atomic():
        call = locked(call)
        if call.status in (CallStatus.WITHDRAWN, CallStatus.ARCHIVED):
            raise Conflict(_("A withdrawn or archived call can no longer change."), code="closed_file")
        previous_hash = approvals.current_hash(call)
        before = _snapshot(call)
        merged = {name: getattr(call, name) for name in TEXT_FIELDS + SCALAR_FIELDS}
        merged.update({name: list(getattr(call, name).all()) for name in M2M_FIELDS})
        merged.update(changes)
        values, m2m, errors = clean_call(call.programme, merged)
        if values["reference"] and _reference_taken(values["reference"], call):
            errors["reference"] = _("Another call already has this reference.")
        if errors:
            raise RuleViolation(errors=errors)
        if any(values[k] != getattr(call, k) for k in BUDGET_FIELDS):
            lock_budget(call.programme)
            check_budget_fits(
                call,
                programme=call.programme,
                specific_objective=values["specific_objective"],
                region=values["region"],
                modality=values["implementation_modality"],
                budget=values["budget"],
                exclude_call=call,
            )
        for key, value in values.items():
            setattr(call, key, value)
        call.updated_at = clock.now()
        save_checked(call)
        for name in M2M_FIELDS:
            if name in changes:
                getattr(call, name).set(m2m[name])
        after = _snapshot(call)
        changed = {k for k in after if after[k] != before.get(k)}
        audit.record(
            user,
            "call.updated",
            call,
            before={k: before.get(k) for k in changed},
            after={k: after[k] for k in changed},
        )
        after_edit(user, call, previous_hash)
    return call


def call_submit_for_approval(user, call: Call, *, note: str = "") -> Call:
    """Put the call's exact current content to the monitoring committee."""
    require(user, "calls.submit_call", call)
    with transaction.atomic():
        call = locked(call)
        previous = move(call, CallStatus.SUBMITTED)
        errors = validation.completeness(call)
        if errors:
            raise RuleViolation(errors=errors)
        lock_budget(call.programme)
        check_budget_fits(
            call,
            programme=call.programme,
            specific_objective=call.specific_objective,
            region=call.region,
            modality=call.implementation_modality,
            budget=call.budget,
            exclude_call=call,
        )
        request = approvals.request_approval(user, call, note=note)
        call.save(update_fields=["status"])
        audit.record(
            user,
            "call.submitted",
            call,
            before={"status": previous},
            after={"status": call.status},
            data={"approval_request": request.pk, "content_hash": request.content_hash},
        )
    return call


def _decision_for_current_content(call: Call):
    """The committee's answer on the request for the call's current content: (status, decision) or None."""
    digest = approvals.current_hash(call)
    request = (
        approvals.requests_for(call)
        .filter(content_hash=digest)
        .exclude(status=ApprovalStatus.WITHDRAWN)
        .select_related("decision")
        .first()
    )
    if request is None or request.status == ApprovalStatus.PENDING:
        return None
    return request.status, request.decision_or_none


def call_note_decision(actor, call: Call) -> Call:
    """Take over the committee's decision on a submitted call: approved (its exact content) or rejected
    (back to draft). Runs after the committee app records a decision; a no-op when there is nothing new."""
    with transaction.atomic():
        call = locked(call)
        if call.status != CallStatus.SUBMITTED:
            return call
        answer = _decision_for_current_content(call)
        if answer is None:
            return call
        status, decision = answer
        if approvals.is_approved(call):
            previous = move(call, CallStatus.APPROVED)
            action = "call.approved"
        elif status == ApprovalStatus.REJECTED:
            previous = move(call, CallStatus.DRAFT)
            action = "call.rejected"
        else:
            return call  # approved with conditions that are not fulfilled yet: the officer amends the call
        call.save(update_fields=["status"])
        audit.record(
            actor,
            action,
            call,
            before={"status": previous},
            after={"status": call.status},
            data={
                "decision": decision.reference if decision else "",
                "taken_in": decision.taken_in if decision else "",
                "content_hash": approvals.current_hash(call),
            },
        )
    return call


def call_return_to_draft(user, call: Call, *, reason: str) -> Call:
    """The officer takes the call back from the committee (the pending request is withdrawn) or reopens an
    approved call for changes."""
    require(user, "calls.submit_call", call)
    if not (reason or "").strip():
        raise RuleViolation(errors={"reason": _("Say why the call goes back to draft.")})
    with transaction.atomic():
        call = locked(call)
        previous = move(call, CallStatus.DRAFT)
        for request in approvals.requests_for(call).filter(status=ApprovalStatus.PENDING):
            approvals.withdraw(user, request, reason)
        call.save(update_fields=["status"])
        audit.record(
            user,
            "call.returned_to_draft",
            call,
            before={"status": previous},
            after={"status": call.status},
            data={"reason": reason},
        )
    return call


def call_publish(user, call: Call) -> Call:
    """Publish a call whose exact current content the committee approved (409 otherwise)."""
    require(user, "calls.publish_call", call)
    with transaction.atomic():
        call = locked(call)
        if call.status == CallStatus.SUBMITTED:
            call = call_note_decision(user, call)
        if call.status != CallStatus.APPROVED:
            approvals.require_approved(call)  # explains the missing approval first, when that is the reason
        previous = move(call, CallStatus.PUBLISHED)
        approvals.require_approved(call)
        now = clock.now()
        if call.closes_at <= now:
            raise Conflict(
                _("The closing date has passed; change the dates and put the call to the committee again."),
                code="closing_passed",
            )
        lock_budget(call.programme)
        check_budget_fits(
            call,
            programme=call.programme,
            specific_objective=call.specific_objective,
            region=call.region,
            modality=call.implementation_modality,
            budget=call.budget,
            exclude_call=call,
        )
        call.published_at = now
        call.published_by = user
        call.save(update_fields=["status", "published_at", "published_by"])
        audit.record(
            user,
            "call.published",
            call,
            before={"status": previous},
            after={"status": call.status},
            data={
                "content_hash": approvals.current_hash(call),
                "opens_at": call.opens_at,
                "closes_at": call.closes_at,
            },
        )
    return call


def call_start_assessment(user, call: Call) -> Call:
    """After the deadline, the applications go to assessment."""
    require(user, "calls.manage_call", call)
    with transaction.atomic():
        call = locked(call)
        previous = move(call, CallStatus.IN_ASSESSMENT)
        if clock.now() < call.closes_at:
            raise Conflict(_("The call is still open: assessment starts after the deadline."), code="still_open")
        call.save(update_fields=["status"])
        audit.record(user, "call.assessment_started", call, before={"status": previous}, after={"status": call.status})
    return call


def call_mark_decided(user, call: Call, *, note: str = "") -> Call:
    """The selection decision on the call's applications has been taken (the assessment stage records it)."""
    require(user, "calls.decide_call", call)
    with transaction.atomic():
        call = locked(call)
        previous = move(call, CallStatus.DECIDED)
        call.save(update_fields=["status"])
        audit.record(
            user,
            "call.decided",
            call,
            before={"status": previous},
            after={"status": call.status},
            data={"note": note},
        )
    return call


def call_archive(user, call: Call) -> Call:
    require(user, "calls.manage_call", call)
    with transaction.atomic():
        call = locked(call)
        previous = move(call, CallStatus.ARCHIVED)
        call.save(update_fields=["status"])
        audit.record(user, "call.archived", call, before={"status": previous}, after={"status": call.status})
    return call


def call_withdraw(user, call: Call, *, reason: str) -> Call:
    """Cancel a call (before or after publication); its budget returns to the allocation."""
    require(user, "calls.manage_call", call)
    if not (reason or "").strip():
        raise RuleViolation(errors={"reason": _("Say why the call is withdrawn; a published call shows the reason.")})
    with transaction.atomic():
        call = locked(call)
        previous = move(call, CallStatus.WITHDRAWN)
        for request in approvals.requests_for(call).filter(status=ApprovalStatus.PENDING):
            approvals.withdraw(user, request, reason)
        call.withdrawn_reason = reason.strip()
        call.save(update_fields=["status", "withdrawn_reason"])
        audit.record(
            user,
            "call.withdrawn",
            call,
            before={"status": previous},
            after={"status": call.status},
            data={"reason": call.withdrawn_reason},
        )
    return call


def on_approval_decided(sender, request, **kwargs):
    """Receiver of ``core.approvals.approval_decided``: a decision on a call moves it on."""
    target = Call.objects.filter(pk=request.object_id).first() if request.content_type.model_class() is Call else None
    if target is None:
        return
    decision = ApprovalDecision.objects.filter(request=request).select_related("recorded_by").first()
    call_note_decision(decision.recorded_by if decision else None, target)
