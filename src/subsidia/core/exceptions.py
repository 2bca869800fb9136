"""Errors raised by services; views and the API turn them into messages and status codes."""

from django.core.exceptions import PermissionDenied  # noqa: F401  (re-exported for services)


class ServiceError(Exception):
    """A refused state change. ``errors`` maps field names (or ``"__all__"``) to messages."""

    status_code = 400

    def __init__(self, message=None, *, errors: dict | None = None, code: str = "invalid"):
        self.errors = dict(errors or {})
        if message is not None:
            self.errors.setdefault("__all__", [])
            self.errors["__all__"] = [*self.errors["__all__"], message]
        self.errors = {k: v if isinstance(v, list) else [v] for k, v in self.errors.items()}
        self.code = code
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return " ".join(str(m) for messages in self.errors.values() for m in messages)


class RuleViolation(ServiceError):
    """Input that breaks a rule of the fund or of the data (400)."""


class Conflict(ServiceError):
    """A transition that the object's current state does not allow (409)."""

    status_code = 409
