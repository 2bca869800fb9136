"""Read queries over calls: visibility, effective status, budget room, what applicants may use."""

from subsidia.core import clock

from .constants import CallStatus
from .models import Call


def is_open(call: Call, at=None) -> bool:
    """Whether applications may be submitted at ``at`` (default: now):
    published and ``opens_at ≤ at < closes_at``."""
    at = at or clock.now()
    return call.status == CallStatus.PUBLISHED and call.opens_at <= at < call.closes_at
