"""Writing, verifying and redacting the audit trail.

Services call ``record()`` inside their transaction; it locks the chain head, so the event commits or rolls
back with the business change, and two writers append one after the other.
"""

import contextvars
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from . import clock
from .canonical import canonical_json, jsonable, sha256_text
from .models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64
REDACTED = "[redacted]"
META_FIELDS = ("occurred_at", "actor", "action", "object_type", "object_id", "request_id")
VALUE_GROUPS = ("before", "after", "data")

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("subsidia_request_id", default="")


def _leaf_hash(salt: str, value) -> str:
    return sha256_text(salt + canonical_json(value))


def _leaf_values(event: AuditEvent) -> dict:
    values = {
        "occurred_at": event.occurred_at.isoformat(),
        "actor": event.actor_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "request_id": event.request_id,
    }
    for group in VALUE_GROUPS:
        for key, value in (getattr(event, group) or {}).items():
            values[f"{group}.{key}"] = value
    return values


def _payload_hash(leaves: dict) -> str:
    return sha256_text(canonical_json({key: leaf["h"] for key, leaf in leaves.items()}))


def object_label(obj) -> tuple[str, str]:
    if isinstance(obj, tuple):
        return obj
    return obj._meta.label_lower, str(obj.pk)


def record(actor, action: str, obj, *, before=None, after=None, data=None) -> AuditEvent:
    """Append one event. ``obj`` is a model instance or an ``(object_type, object_id)`` pair."""
    object_type, object_id = object_label(obj)
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        event = AuditEvent(
            sequence=head.last_sequence + 1,
            # The real time of recording, even while a demo replays past events (clock.replay_at).
            occurred_at=timezone.now(),
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            action=action,
            object_type=object_type,
            object_id=object_id,
            request_id=current_request_id.get(),
            before=jsonable(before or {}),
            after=jsonable(after or {}),
            data=jsonable(data or {}),
            previous_hash=head.last_hash,
        )
        leaves = {}
        for key, value in _leaf_values(event).items():
            salt = secrets.token_hex(16)
            leaves[key] = {"h": _leaf_hash(salt, value), "s": salt}
        event.leaves = leaves
        event.payload_hash = _payload_hash(leaves)
        event.chain_hash = sha256_text(event.previous_hash + event.payload_hash)
        event.save()
        head.last_sequence = event.sequence
        head.last_hash = event.chain_hash
        head.save(update_fields=["last_sequence", "last_hash"])
    return event


@dataclass
class Verdict:
    ok: bool
    checked: int
    broken: AuditEvent | None = None
    reason: str = ""


def verify(events=None) -> Verdict:
    """Walk the chain from the start; report the first event whose chain or content does not hold."""
    previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    last = None
    for event in (events if events is not None else AuditEvent.objects.order_by("sequence").iterator(2000)):
        if event.sequence != expected_sequence:
            return Verdict(False, checked, event, f"sequence {event.sequence}, expected {expected_sequence}")
        if event.previous_hash != previous:
            return Verdict(False, checked, event, "previous hash does not match the event before it")
        values = _leaf_values(event)
        leaves = event.leaves or {}
        if set(values) != set(leaves):
            return Verdict(False, checked, event, "the event's fields differ from the fields that were hashed")
        for key, leaf in leaves.items():
            if leaf.get("s") is None:
                continue  # redacted: the value is gone, its leaf hash still counts in the payload hash
            if _leaf_hash(leaf["s"], values[key]) != leaf["h"]:
                return Verdict(False, checked, event, f"field {key!r} was changed after it was recorded")
        if _payload_hash(leaves) != event.payload_hash:
            return Verdict(False, checked, event, "payload hash does not match the field hashes")
        if sha256_text(event.previous_hash + event.payload_hash) != event.chain_hash:
            return Verdict(False, checked, event, "chain hash does not match")
        previous = event.chain_hash
        expected_sequence += 1
        checked += 1
        last = event
    head = AuditChainHead.objects.filter(pk=1).first()
    if head and head.last_sequence and (last is None or head.last_hash != last.chain_hash):
        return Verdict(False, checked, last, "events after this one were removed (the chain head points further)")
    return Verdict(True, checked)


def redact(event: AuditEvent, keys: list[str], *, actor=None) -> AuditEvent:
    """Remove personal data from an event (GDPR, CPR art. 49(3)); the chain keeps verifying.

    ``keys`` name leaves such as ``"after.beneficiary_name"``; only values under before/after/data can be
    redacted, never the event's own metadata.
    """
    with transaction.atomic():
        event = AuditEvent.objects.select_for_update().get(pk=event.pk)
        for key in keys:
            group, _, field = key.partition(".")
            if group not in VALUE_GROUPS or key not in event.leaves:
                raise KeyError(key)
            values = dict(getattr(event, group))
            values[field] = REDACTED
            setattr(event, group, values)
            event.leaves[key] = {"h": event.leaves[key]["h"], "s": None}
        event.redacted_at = clock.now()
        event.save(update_fields=[*VALUE_GROUPS, "leaves", "redacted_at"])
        record(actor, "audit.redacted", event, data={"keys": sorted(keys)})
    return event


def snapshot(instance, fields) -> dict:
    """The values of ``fields`` on ``instance``, for an event's before/after."""
    return {name: jsonable(getattr(instance, name)) for name in fields}
