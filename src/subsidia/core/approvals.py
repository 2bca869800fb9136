"""The approval gate's rules: what counts as an object's substantive content, and whether it is approved.

An approvable model declares ``approval_fields`` (the substantive fields) and may override
``approval_content()`` to add related rows (a call's criteria, say). A request pins the SHA-256 of that
content's canonical JSON. The object may be *used* only while an approving decision exists for the hash of its
current content, which is computed at the moment of asking: editing a substantive field clears the approval by
itself; ``after_change()`` records that visibly.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal
from django.utils.translation import gettext as _

from . import audit, clock
from .approval_models import ApprovalDecision, ApprovalRequest, ApprovalStatus
from .canonical import canonical_json, jsonable, sha256_text
from .exceptions import Conflict, PermissionDenied
from .roles import AUTHORISING_OFFICER, PROGRAMME_OFFICER, has_role

# Sent after a decision or a "conditions fulfilled" confirmation, so the committee app can inform members.
approval_decided = Signal()
conditions_fulfilled = Signal()


class Approvable:
    """Mixin for models that the monitoring committee approves."""

    approval_fields: tuple[str, ...] = ()

    def approval_content(self) -> dict:
        return {name: jsonable(getattr(self, name)) for name in self.approval_fields}

    def approval_label(self) -> str:
        return str(self)


def content_of(obj) -> str:
    return canonical_json({"type": obj._meta.label_lower, "id": obj.pk, "content": obj.approval_content()})


def current_hash(obj) -> str:
    return sha256_text(content_of(obj))


def requests_for(obj):
    ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return ApprovalRequest.objects.filter(content_type=ct, object_id=str(obj.pk))


def approving_hashes(obj) -> set[str]:
    hashes = set()
    for req in requests_for(obj).filter(
        status__in=[ApprovalStatus.APPROVED, ApprovalStatus.APPROVED_WITH_CONDITIONS, ApprovalStatus.WITHDRAWN]
    ).select_related("decision"):
        decision = req.decision_or_none
        if decision is None:
            continue
        if decision.outcome == ApprovalDecision.Outcome.APPROVED:
            hashes.add(req.content_hash)
        elif decision.outcome == ApprovalDecision.Outcome.APPROVED_WITH_CONDITIONS and decision.conditions_fulfilled_hash:
            hashes.add(decision.conditions_fulfilled_hash)
    return hashes


def is_approved(obj) -> bool:
    return current_hash(obj) in approving_hashes(obj)


def approval_state(obj) -> dict:
    """What a page shows about the object's approval."""
    latest = requests_for(obj).select_related("decision").first()
    return {"approved": is_approved(obj), "latest": latest, "current_hash": current_hash(obj)}


def require_approved(obj) -> None:
    if not is_approved(obj):
        raise Conflict(
            _("The monitoring committee has not approved the current content of %(object)s.")
            % {"object": obj.approval_label()},
            code="not_approved",
        )


def request_approval(user, obj, *, note: str = "") -> ApprovalRequest:
    """An officer puts the object's current substantive content to the committee."""
    if not has_role(user, PROGRAMME_OFFICER):
        raise PermissionDenied(_("Only a programme officer submits to the committee."))
    content = content_of(obj)
    digest = sha256_text(content)
    with transaction.atomic():
        open_requests = requests_for(obj).select_for_update().filter(status=ApprovalStatus.PENDING)
        if open_requests.filter(content_hash=digest).exists():
            raise Conflict(_("This exact content is already awaiting the committee."), code="already_pending")
        if digest in approving_hashes(obj):
            raise Conflict(_("The committee already approved this exact content."), code="already_approved")
        for stale in open_requests:
            _withdraw(user, stale, _("replaced by a newer version of the content"))
        req = ApprovalRequest.objects.create(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_label=obj.approval_label()[:300],
            content_hash=digest,
            content=content,
            submitted_by=user,
            submitted_at=clock.now(),
            note=note,
        )
        audit.record(user, "approval.requested", req, data={"object": req.object_label, "content_hash": digest})
    return req


def record_decision(
    actor, req: ApprovalRequest, *, outcome: str, decision_date, reference: str, taken_in: str,
    votes_for: int = 0, votes_against: int = 0, abstentions: int = 0, conditions: str = "",
) -> ApprovalDecision:
    """Record the committee's decision. Called by the committee app once quorum and votes are established."""
    if outcome not in ApprovalDecision.Outcome.values:
        raise Conflict(_("Unknown outcome."), code="invalid_outcome")
    if outcome == ApprovalDecision.Outcome.APPROVED_WITH_CONDITIONS and not conditions.strip():
        raise Conflict(_("An approval with conditions states its conditions."), code="conditions_missing")
    with transaction.atomic():
        req = ApprovalRequest.objects.select_for_update().get(pk=req.pk)
        if req.status != ApprovalStatus.PENDING:
            raise Conflict(_("This request is no longer awaiting a decision."), code="not_pending")
        decision = ApprovalDecision.objects.create(
            request=req, outcome=outcome, decision_date=decision_date, reference=reference, taken_in=taken_in,
            votes_for=votes_for, votes_against=votes_against, abstentions=abstentions, conditions=conditions,
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None, recorded_at=clock.now(),
        )
        req.status = outcome
        req.save(update_fields=["status"])
        audit.record(
            actor, f"approval.{outcome}", req,
            data={"reference": reference, "content_hash": req.content_hash, "votes_for": votes_for,
                  "votes_against": votes_against, "abstentions": abstentions, "taken_in": taken_in},
        )
        transaction.on_commit(lambda: approval_decided.send(sender=ApprovalRequest, request=req))
    return decision


def prepare_conditions_fulfilled(user, req: ApprovalRequest, obj) -> ApprovalDecision:
    """The officer who amended the object says its current content meets the committee's conditions."""
    if not has_role(user, PROGRAMME_OFFICER):
        raise PermissionDenied(_("Only a programme officer prepares this step."))
    with transaction.atomic():
        decision = ApprovalDecision.objects.select_for_update().get(request=req)
        if decision.outcome != ApprovalDecision.Outcome.APPROVED_WITH_CONDITIONS or decision.conditions_fulfilled_hash:
            raise Conflict(_("There are no open conditions on this decision."), code="no_conditions")
        decision.conditions_prepared_by = user
        decision.conditions_prepared_hash = current_hash(obj)
        decision.save(update_fields=["conditions_prepared_by", "conditions_prepared_hash"])
        audit.record(user, "approval.conditions_prepared", req, data={"content_hash": decision.conditions_prepared_hash})
    return decision


def confirm_conditions_fulfilled(user, req: ApprovalRequest, obj) -> ApprovalDecision:
    """Four eyes: an authorising officer who did not prepare it confirms; the new hash is recorded."""
    if not has_role(user, AUTHORISING_OFFICER):
        raise PermissionDenied(_("Only an authorising officer confirms that conditions are fulfilled."))
    with transaction.atomic():
        decision = ApprovalDecision.objects.select_for_update().get(request=req)
        if not decision.conditions_prepared_hash:
            raise Conflict(_("An officer must first prepare the amended content."), code="not_prepared")
        if decision.conditions_prepared_by_id == user.pk:
            raise PermissionDenied(_("Four eyes: you cannot confirm your own work."))
        if decision.conditions_fulfilled_hash:
            raise Conflict(_("The conditions are already fulfilled."), code="already_fulfilled")
        content = content_of(obj)
        digest = sha256_text(content)
        if digest != decision.conditions_prepared_hash:
            raise Conflict(_("The content changed after it was prepared; prepare it again."), code="stale")
        decision.conditions_fulfilled_hash = digest
        decision.conditions_fulfilled_content = content
        decision.conditions_fulfilled_by = user
        decision.conditions_fulfilled_at = clock.now()
        decision.save()
        audit.record(user, "approval.conditions_fulfilled", req, data={"content_hash": digest})
        transaction.on_commit(lambda: conditions_fulfilled.send(sender=ApprovalRequest, request=req))
    return decision


def after_change(actor, obj, *, previous_hash: str) -> bool:
    """Call after saving an approvable object. Returns True when the change cleared an approval.

    A change to a substantive field withdraws the pending or approving requests for the old content (with an
    audit event); a change to other fields leaves the hash, and so the approval, alone.
    """
    new_hash = current_hash(obj)
    if new_hash == previous_hash:
        return False
    cleared = False
    reason = _("the substantive content changed after it was put to the committee")
    with transaction.atomic():
        for req in requests_for(obj).select_for_update().filter(
            status__in=[ApprovalStatus.PENDING, ApprovalStatus.APPROVED, ApprovalStatus.APPROVED_WITH_CONDITIONS]
        ):
            decision = req.decision_or_none
            if decision and decision.outcome == ApprovalDecision.Outcome.APPROVED_WITH_CONDITIONS:
                if not decision.conditions_fulfilled_hash:
                    continue  # the officer is amending the object to meet the conditions
                if decision.conditions_fulfilled_hash == new_hash:
                    continue
            elif req.content_hash == new_hash:
                continue
            cleared = cleared or req.status != ApprovalStatus.PENDING
            _withdraw(actor, req, reason, previous_hash=previous_hash, new_hash=new_hash)
    return cleared


def withdraw(user, req: ApprovalRequest, reason: str) -> ApprovalRequest:
    if not has_role(user, PROGRAMME_OFFICER):
        raise PermissionDenied(_("Only a programme officer withdraws a request."))
    with transaction.atomic():
        req = ApprovalRequest.objects.select_for_update().get(pk=req.pk)
        if req.status != ApprovalStatus.PENDING:
            raise Conflict(_("Only a request awaiting the committee can be withdrawn."), code="not_pending")
        _withdraw(user, req, reason)
    return req


def _withdraw(actor, req, reason, **data):
    previous_status = req.status
    req.status = ApprovalStatus.WITHDRAWN
    req.withdrawn_at = clock.now()
    req.withdrawn_reason = str(reason)[:300]
    req.save(update_fields=["status", "withdrawn_at", "withdrawn_reason"])
    audit.record(
        actor, "approval.withdrawn", req,
        before={"status": previous_status}, after={"status": req.status}, data={"reason": str(reason), **data},
    )
