"""The approval gate's rules: what counts as an object's substantive content, and whether it is approved.

An approvable model declares ``approval_fields`` (the substantive fields) and may override
``approval_content()`` to add related rows (a call's criteria, say). A request pins the SHA-256 of that
content's canonical JSON. The object may be *used* only while an approving decision exists for the hash of its
current content, which is computed at the moment of asking: editing a substantive field clears the approval by
itself; ``after_change()`` records that visibly (the request becomes ``withdrawn``, with an audit event).

A withdrawn approval stays withdrawn: putting the object back to its approved wording does not revive it,
since the page already told everyone that the approval no longer applied. The officer puts it to the committee
again.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal
from django.utils import translation
from django.utils.translation import gettext as _

from . import audit, clock
from .approval_models import ApprovalDecision, ApprovalRequest, ApprovalStatus
from .canonical import canonical_json, jsonable, sha256_text
from .exceptions import Conflict, PermissionDenied, RuleViolation
from .roles import AUTHORISING_OFFICER, COMMITTEE_MEMBER, PROGRAMME_OFFICER, STAFF_ROLES, has_role

# Sent after a decision or a "conditions fulfilled" confirmation, so the committee app can inform members.
approval_decided = Signal()
conditions_fulfilled = Signal()

APPROVING = (ApprovalStatus.APPROVED, ApprovalStatus.APPROVED_WITH_CONDITIONS)


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


def _content_type(obj) -> ContentType:
    return ContentType.objects.get_for_model(obj, for_concrete_model=False)


def requests_for(obj):
    return ApprovalRequest.objects.filter(content_type=_content_type(obj), object_id=str(obj.pk))


def _is_request_for(req: ApprovalRequest, obj) -> bool:
    return req.content_type_id == _content_type(obj).pk and req.object_id == str(obj.pk)


def approving_hashes(obj) -> set[str]:
    """The content hashes the committee approved and that still count (withdrawn approvals do not)."""
    hashes = set()
    for req in requests_for(obj).filter(status__in=APPROVING).select_related("decision"):
        decision = req.decision_or_none
        if decision is None:
            continue
        if decision.outcome == ApprovalDecision.Outcome.APPROVED:
            hashes.add(req.content_hash)
        elif decision.conditions_fulfilled_hash:  # approved with conditions, and they are met
            hashes.add(decision.conditions_fulfilled_hash)
    return hashes


def is_approved(obj) -> bool:
    return current_hash(obj) in approving_hashes(obj)


@dataclass
class ApprovalState:
    approved: bool
    current_hash: str
    latest: ApprovalRequest | None

    @property
    def decision(self):
        return self.latest.decision_or_none if self.latest else None

    @property
    def awaiting_conditions(self) -> bool:
        """Approved with conditions, and the conditions-fulfilled step is not done yet."""
        decision = self.decision
        return bool(
            self.latest and self.latest.status == ApprovalStatus.APPROVED_WITH_CONDITIONS and decision
            and not decision.conditions_fulfilled_hash
        )

    @property
    def pending(self) -> bool:
        return bool(self.latest and self.latest.status == ApprovalStatus.PENDING)

    @property
    def withdrawn(self) -> bool:
        return bool(self.latest and self.latest.status == ApprovalStatus.WITHDRAWN)

    # Templates written against the earlier dict form keep working.
    def __getitem__(self, key):
        return getattr(self, key)


def approval_state(obj) -> ApprovalState:
    """What a page shows about the object's approval."""
    latest = requests_for(obj).select_related("decision", "content_type").first()
    return ApprovalState(approved=is_approved(obj), current_hash=current_hash(obj), latest=latest)


def require_approved(obj) -> None:
    if not is_approved(obj):
        raise Conflict(
            _("The monitoring committee has not approved the current content of %(object)s.")
            % {"object": obj.approval_label()},
            code="not_approved",
        )


def requests_visible_to(user):
    """Officers, authorising officers, auditors and committee members follow the gate; nobody else."""
    if not has_role(user, *STAFF_ROLES, COMMITTEE_MEMBER):
        return ApprovalRequest.objects.none()
    return ApprovalRequest.objects.select_related("content_type", "decision", "submitted_by")


def content_verifies(req: ApprovalRequest) -> bool:
    """The stored canonical text still hashes to the pinned hash (nobody edited it afterwards)."""
    return sha256_text(req.content) == req.content_hash


def target(req: ApprovalRequest):
    """The object the request is about, or None when it no longer exists."""
    model = req.content_type.model_class()
    if model is None:
        # A model registered outside the installed apps (the gate's own test model) is still known here.
        from django.apps import apps

        model = apps.all_models.get(req.content_type.app_label, {}).get(req.content_type.model)
    if model is None:
        return None
    return model._default_manager.filter(pk=req.object_id).first()


def request_approval(user, obj, *, note: str = "") -> ApprovalRequest:
    """An officer puts the object's current substantive content to the committee."""
    if not has_role(user, PROGRAMME_OFFICER):
        raise PermissionDenied(_("Only a programme officer submits to the committee."))
    if not isinstance(obj, Approvable) or obj.pk is None:
        raise RuleViolation(_("This object cannot be put to the committee."), code="not_approvable")
    with transaction.atomic():
        # Lock the object so its content cannot change between hashing and recording the request.
        obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        content = content_of(obj)
        digest = sha256_text(content)
        open_requests = requests_for(obj).select_for_update().filter(status=ApprovalStatus.PENDING)
        if open_requests.filter(content_hash=digest).exists():
            raise Conflict(_("This exact content is already awaiting the committee."), code="already_pending")
        if digest in approving_hashes(obj):
            raise Conflict(_("The committee already approved this exact content."), code="already_approved")
        for stale in open_requests:
            _withdraw(user, stale, _("replaced by a newer version of the content"))
        # The label is stored once, in the official (binding) language of the deployment.
        with translation.override(settings.SUBSIDIA_OFFICIAL_LANGUAGE):
            label = str(obj.approval_label())[:300]
        req = ApprovalRequest.objects.create(
            content_type=_content_type(obj),
            object_id=str(obj.pk),
            object_label=label,
            content_hash=digest,
            content=content,
            submitted_by=user,
            submitted_at=clock.now(),
            note=note,
        )
        audit.record(
            user, "approval.requested", req, data={"object": req.object_label, "content_hash": digest}
        )
    return req


def record_decision(
    actor, req: ApprovalRequest, *, outcome: str, decision_date: dt.date, reference: str, taken_in: str,
    votes_for: int = 0, votes_against: int = 0, abstentions: int = 0, conditions: str = "", source=None,
) -> ApprovalDecision:
    """Record the committee's decision. Called by the committee app once quorum and votes are established;
    ``source`` is the agenda item or written procedure that took it."""
    if not has_role(actor, PROGRAMME_OFFICER):
        raise PermissionDenied(
            _("Only a programme officer (the committee's secretariat) records its decisions.")
        )
    errors = {}
    if outcome not in ApprovalDecision.Outcome.values:
        raise Conflict(_("Unknown outcome."), code="invalid_outcome")
    if outcome == ApprovalDecision.Outcome.APPROVED_WITH_CONDITIONS and not (conditions or "").strip():
        raise Conflict(_("An approval with conditions states its conditions."), code="conditions_missing")
    if not (reference or "").strip():
        errors["reference"] = _("A decision has a reference.")
    if not (taken_in or "").strip():
        errors["taken_in"] = _("Say in which meeting or written procedure the decision was taken.")
    if any(n is None or n < 0 for n in (votes_for, votes_against, abstentions)):
        errors["votes_for"] = _("Vote counts cannot be negative.")
    if decision_date > clock.today():
        errors["decision_date"] = _("A decision date cannot lie in the future.")
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        req = ApprovalRequest.objects.select_for_update().get(pk=req.pk)
        if req.status != ApprovalStatus.PENDING:
            raise Conflict(
                _("This request is no longer awaiting a decision (it is “%(status)s”).")
                % {"status": req.get_status_display()},
                code="not_pending",
            )
        if decision_date < clock.to_local(req.submitted_at).date():
            raise RuleViolation(
                errors={"decision_date": _("The decision cannot come before the request was submitted.")}
            )
        decision = ApprovalDecision.objects.create(
            request=req, outcome=outcome, decision_date=decision_date, reference=reference.strip(),
            taken_in=taken_in.strip()[:200], votes_for=votes_for, votes_against=votes_against,
            abstentions=abstentions, conditions=conditions or "", recorded_by=actor, recorded_at=clock.now(),
            source_type=ContentType.objects.get_for_model(source) if source is not None else None,
            source_id=str(source.pk) if source is not None else "",
        )
        req.status = outcome
        req.save(update_fields=["status"])
        audit.record(
            actor, f"approval.{outcome}", req,
            before={"status": ApprovalStatus.PENDING}, after={"status": outcome},
            data={"reference": decision.reference, "content_hash": req.content_hash, "votes_for": votes_for,
                  "votes_against": votes_against, "abstentions": abstentions, "taken_in": decision.taken_in,
                  "decision_date": decision_date, "conditions": conditions or ""},
        )
        transaction.on_commit(lambda: approval_decided.send(sender=ApprovalRequest, request=req))
    return decision


def _open_conditions(req: ApprovalRequest, obj) -> ApprovalDecision:
    if not _is_request_for(req, obj):
        raise Conflict(_("This request is about another object."), code="wrong_object")
    decision = ApprovalDecision.objects.select_for_update().filter(request=req).first()
    if (
        decision is None or decision.outcome != ApprovalDecision.Outcome.APPROVED_WITH_CONDITIONS
        or req.status != ApprovalStatus.APPROVED_WITH_CONDITIONS
    ):
        raise Conflict(_("There are no open conditions on this decision."), code="no_conditions")
    return decision


def prepare_conditions_fulfilled(user, req: ApprovalRequest, obj) -> ApprovalDecision:
    """The officer who amended the object says its current content meets the committee's conditions."""
    if not has_role(user, PROGRAMME_OFFICER):
        raise PermissionDenied(_("Only a programme officer prepares this step."))
    with transaction.atomic():
        req = ApprovalRequest.objects.select_for_update().get(pk=req.pk)
        decision = _open_conditions(req, obj)
        if decision.conditions_fulfilled_hash:
            raise Conflict(_("The conditions are already fulfilled."), code="already_fulfilled")
        decision.conditions_prepared_by = user
        decision.conditions_prepared_at = clock.now()
        decision.conditions_prepared_hash = current_hash(obj)
        decision.save(
            update_fields=["conditions_prepared_by", "conditions_prepared_at", "conditions_prepared_hash"]
        )
        audit.record(user, "approval.conditions_prepared", req,
                     data={"content_hash": decision.conditions_prepared_hash})
    return decision


def confirm_conditions_fulfilled(user, req: ApprovalRequest, obj) -> ApprovalDecision:
    """Four eyes: an authorising officer who did not prepare it confirms; the new hash is recorded."""
    if not has_role(user, AUTHORISING_OFFICER):
        raise PermissionDenied(_("Only an authorising officer confirms that conditions are fulfilled."))
    with transaction.atomic():
        req = ApprovalRequest.objects.select_for_update().get(pk=req.pk)
        decision = _open_conditions(req, obj)
        if decision.conditions_fulfilled_hash:
            raise Conflict(_("The conditions are already fulfilled."), code="already_fulfilled")
        if not decision.conditions_prepared_hash:
            raise Conflict(_("An officer must first prepare the amended content."), code="not_prepared")
        if decision.conditions_prepared_by_id == user.pk:
            raise PermissionDenied(_("Four eyes: you cannot confirm your own work."))
        content = content_of(obj)
        digest = sha256_text(content)
        if digest != decision.conditions_prepared_hash:
            raise Conflict(_("The content changed after it was prepared; prepare it again."), code="stale")
        decision.conditions_fulfilled_hash = digest
        decision.conditions_fulfilled_content = content
        decision.conditions_fulfilled_by = user
        decision.conditions_fulfilled_at = clock.now()
        decision.save()
        audit.record(
            user, "approval.conditions_fulfilled", req,
            data={"content_hash": digest, "prepared_by": decision.conditions_prepared_by_id,
                  "approved_hash": req.content_hash},
        )
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
            status__in=[ApprovalStatus.PENDING, *APPROVING]
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
    if not (reason or "").strip():
        raise RuleViolation(errors={"reason": _("Say why the request is withdrawn.")})
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
        before={"status": previous_status}, after={"status": req.status},
        data={"reason": str(reason), **data},
    )


# --- Which objects can be put to the committee (for the committee's "put to the committee" page) ----------


@dataclass(frozen=True)
class CandidateSource:
    model: type
    candidates: Callable[[object], Iterable]
    url: Callable[[object], str] | None


_SOURCES: dict[str, CandidateSource] = {}


def register_candidates(
    model, *, candidates: Callable[[object], Iterable], url: Callable[[object], str] | None = None
):
    """A stage lists the approvable objects an officer may put to the committee (in ``AppConfig.ready``)."""
    if not issubclass(model, Approvable):
        raise TypeError(f"{model.__name__} is not Approvable")
    _SOURCES[model._meta.label_lower] = CandidateSource(model, candidates, url)


def candidates(user) -> list:
    """Objects awaiting a first or renewed submission, across every registered stage."""
    found = []
    for source in _SOURCES.values():
        found.extend(source.candidates(user))
    return found


def object_url(obj) -> str:
    source = _SOURCES.get(obj._meta.label_lower)
    if source and source.url:
        return source.url(obj)
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if get_url else ""
