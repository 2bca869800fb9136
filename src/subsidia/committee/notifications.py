"""E-mails to committee members, each in the member's own language (Django's mail API; console by default).

Services schedule them with ``later()`` so that nothing is sent for a change that rolls back.
"""

import contextlib
import contextvars
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from subsidia.core import clock

logger = logging.getLogger(__name__)
_muted: contextvars.ContextVar[bool] = contextvars.ContextVar("subsidia_committee_mail_muted", default=False)


@contextlib.contextmanager
def muted():
    """No e-mails (the demo loader replays a story; nobody should be written to about it)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def later(function, *args) -> None:
    if _muted.get():
        return
    transaction.on_commit(partial(function, *args))


def site_url() -> str:
    return getattr(settings, "SUBSIDIA_SITE_URL", "") or "http://localhost:8000"


def member_language(member) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return member.language if member.language in codes else settings.SUBSIDIA_OFFICIAL_LANGUAGE


def member_address(member) -> str:
    return member.email or (member.user.email if member.user_id else "")


def recipients(committee, day, *, voting_only: bool = False) -> list:
    """The members (and substitutes) in office on ``day`` who have an address."""
    from .selectors import members_on

    members = members_on(committee, day)
    if voting_only:
        from .constants import VOTING_SEATS

        members = members.filter(seat__in=VOTING_SEATS)
    return [m for m in members if member_address(m)]


def send(template: str, members, context: dict) -> int:
    """Render ``committee/email/<template>`` per member in their language and send; returns the count."""
    messages = []
    for member in members:
        with translation.override(member_language(member)):
            ctx = {**context, "member": member, "site_url": site_url()}
            subject = " ".join(render_to_string(f"committee/email/{template}_subject.txt", ctx).split())
            body = render_to_string(f"committee/email/{template}.txt", ctx)
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [member_address(member)]))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def meeting_invitation(meeting_id: int) -> int:
    from .models import Meeting
    from .selectors import meeting_day

    meeting = Meeting.objects.select_related("committee").get(pk=meeting_id)
    members = recipients(meeting.committee, meeting_day(meeting))
    items = list(meeting.items.order_by("position"))
    return send("invitation", members, {"meeting": meeting, "items": items})


def meeting_cancelled(meeting_id: int) -> int:
    from .models import Meeting
    from .selectors import meeting_day

    meeting = Meeting.objects.select_related("committee").get(pk=meeting_id)
    return send("cancelled", recipients(meeting.committee, meeting_day(meeting)), {"meeting": meeting})


def procedure_started(procedure_id: int) -> int:
    from .models import WrittenProcedure
    from .selectors import procedure_day

    procedure = WrittenProcedure.objects.select_related("committee").get(pk=procedure_id)
    members = recipients(procedure.committee, procedure_day(procedure))
    return send("procedure_started", members, {"procedure": procedure})


def item_decided(item_id: int) -> int:
    from .models import AgendaItem

    item = AgendaItem.objects.select_related("meeting", "meeting__committee").get(pk=item_id)
    members = recipients(item.meeting.committee, clock.today())
    return send("item_decided", members, {"item": item, "meeting": item.meeting})


def procedure_closed(procedure_id: int) -> int:
    from .models import WrittenProcedure

    procedure = WrittenProcedure.objects.select_related("committee").get(pk=procedure_id)
    members = recipients(procedure.committee, clock.today())
    return send("procedure_closed", members, {"procedure": procedure})


def conditions_fulfilled(request_id: int, committee_id: int) -> int:
    from subsidia.core.approval_models import ApprovalRequest

    from .models import Committee

    req = ApprovalRequest.objects.select_related("decision").get(pk=request_id)
    committee = Committee.objects.get(pk=committee_id)
    return send(
        "conditions_fulfilled",
        recipients(committee, clock.today()),
        {"request": req, "decision": req.decision, "committee": committee},
    )
