"""Submitting and withdrawing. The deadline is the server's: a call is open while ``opens_at ≤ now <
closes_at`` (Europe/Brussels, ``core.clock``), so at ``closes_at`` itself it is already too late."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.calls.models import Call
from subsidia.calls.selectors import is_open
from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.formatting import datetime as format_datetime

from .. import completeness, snapshot
from ..constants import ApplicationStatus, Section
from ..models import Application, Submission
from .common import move, require
from .drafts import locked


def _closed(call: Call, now) -> Conflict:
    if now < call.opens_at:
        message = _("The call opens on %(when)s (Brussels time); it does not accept submissions yet.") % {
            "when": format_datetime(call.opens_at)
        }
    elif call.status != "published" or now >= call.closes_at:
        message = _("The call closed on %(when)s (Brussels time); submissions are no longer accepted.") % {
            "when": format_datetime(call.closes_at)
        }
    else:  # pragma: no cover - is_open covers the rest
        message = _("The call does not accept submissions.")
    return Conflict(message, code="call_closed")


def _next_reference(call: Call) -> str:
    taken = Application.objects.filter(call=call).exclude(reference="").count()
    return f"{call.reference}-{taken + 1:03d}"


def application_submit(user, application: Application, *, declarations: dict | None = None) -> Application:
    """Freeze the application: check the deadline, then completeness; store the snapshot and its hash."""
    require(user, "applications.sign_application", application)
    with transaction.atomic():
        # The call row is the lock that numbers its applications one after the other.
        call = (
            Call.objects.select_for_update(of=("self",))
            .select_related("programme__current_version")
            .get(pk=application.call_id)
        )
        application = locked(application)
        now = clock.now()
        if not is_open(call, now):
            raise _closed(call, now)
        move(application, ApplicationStatus.SUBMITTED)
        if declarations is not None:
            application.declared_on_honour = bool(declarations.get("on_honour"))
            application.declared_no_double_funding = bool(declarations.get("no_double_funding"))
            application.declared_not_completed = bool(declarations.get("not_completed"))
            application.declared_by, application.declared_at = user, now
        missing = completeness.problems(application)
        if missing:
            raise RuleViolation(
                _("The application is not complete yet."),
                errors={
                    section: [f"{Section(section).label}: {m}" for m in messages]
                    for section, messages in missing.items()
                },
                code="incomplete",
            )
        application.reference = _next_reference(call)
        application.submitted_at = now
        application.submitted_by = user
        application.updated_at = now
        content = snapshot.build(application, submitted_at=now, submitted_by=user)
        text, digest = snapshot.freeze(content)
        application.save()
        Submission.objects.create(
            application=application,
            submitted_at=now,
            submitted_by=user,
            content=text,
            sha256=digest,
            language=translation.get_language() or settings.SUBSIDIA_OFFICIAL_LANGUAGE,
        )
        audit.record(
            user,
            "application.submitted",
            application,
            before={"status": ApplicationStatus.DRAFT},
            after={"status": application.status, "reference": application.reference, "submitted_at": now},
            data={
                "sha256": digest,
                "call": call.reference,
                "eu_grant_requested": application.eu_grant_requested,
                "total_eligible_cost": application.total_eligible_cost,
            },
        )
    return application


def application_withdraw(user, application: Application, *, reason: str = "") -> Application:
    """The organisation takes its application back; possible until the call's deadline."""
    require(user, "applications.sign_application", application)
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise RuleViolation(errors={"reason": _("At most %(n)s characters.") % {"n": 2000}})
    with transaction.atomic():
        application = locked(application)
        now = clock.now()
        if application.status == ApplicationStatus.SUBMITTED and now >= application.call.closes_at:
            raise Conflict(
                _("The deadline has passed (%(when)s, Brussels time): the application can no longer be withdrawn.")
                % {"when": format_datetime(application.call.closes_at)},
                code="deadline_passed",
            )
        move(application, ApplicationStatus.WITHDRAWN)
        application.withdrawn_at, application.withdrawn_by = now, user
        application.withdrawal_reason = reason
        application.updated_at = now
        application.save()
        audit.record(
            user,
            "application.withdrawn",
            application,
            before={"status": ApplicationStatus.SUBMITTED},
            after={"status": application.status, "withdrawn_at": now},
            data={"reason": reason},
        )
    return application
