"""Inviting organisations by e-mail with a personal link, and reminding those who have not answered.

A link carries a random token (256 bits); only its SHA-256 is stored, so a copy of the database opens no
survey. Every e-mail carries a fresh token, and all tokens of an invitation lead to the same response. Each
invitation is sent in its own transaction: a mail-server failure for one organisation leaves no trace of it
and does not undo the others.
"""

import hashlib
import secrets
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation

from .. import notify
from ..constants import SurveyPhase, SurveyStatus
from ..models import Invitation, InvitationToken, StakeholderOrganisation, Survey
from .common import require

TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_for(token: str, base_url: str | None = None) -> str:
    base = base_url or getattr(settings, "SUBSIDIA_BASE_URL", "") or "http://localhost:8000"
    return base.rstrip("/") + reverse("consultations:answer", args=[token])


@dataclass
class Delivery:
    invitation: Invitation
    link: str  # the personal link; it exists only in memory and in the e-mail


@dataclass
class SendReport:
    sent: list[Delivery] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (organisation, reason)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (organisation, error)

    def summary(self) -> str:
        parts = [_("%(n)s sent") % {"n": len(self.sent)}]
        if self.skipped:
            parts.append(
                _("%(n)s skipped (%(who)s)")
                % {"n": len(self.skipped), "who": "; ".join(f"{o}: {r}" for o, r in self.skipped)}
            )
        if self.failed:
            parts.append(
                _("%(n)s failed (%(who)s)")
                % {"n": len(self.failed), "who": "; ".join(f"{o}: {r}" for o, r in self.failed)}
            )
        return ", ".join(parts) + "."


def _issue_token(invitation: Invitation, base_url) -> str:
    token = new_token()
    InvitationToken.objects.create(invitation=invitation, token_hash=hash_token(token), issued_at=clock.now())
    return link_for(token, base_url)


MAIL_ERRORS = (smtplib.SMTPException, OSError)


def invitations_send(
    user, survey: Survey, organisations, *, base_url: str | None = None, connection=None
) -> SendReport:
    """Invite organisations to a published survey that has not closed; each gets one invitation, ever."""
    require(user, "consultations.invite_survey", survey)
    organisations = list(organisations)
    if not organisations:
        raise RuleViolation(errors={"organisations": _("Choose at least one organisation.")})
    if any(not isinstance(o, StakeholderOrganisation) for o in organisations):
        raise RuleViolation(errors={"organisations": _("Choose organisations from the register.")})
    survey = Survey.objects.get(pk=survey.pk)
    if survey.status != SurveyStatus.PUBLISHED:
        raise Conflict(_("Publish the survey before inviting organisations."), code="not_published")
    if survey.is_closed:
        raise Conflict(_("The survey has closed; nobody can be invited any more."), code="closed")
    report = SendReport()
    already = set(survey.invitations.values_list("organisation_id", flat=True))
    for organisation in organisations:
        if organisation.pk in already:
            report.skipped.append((organisation.name, _("already invited")))
            continue
        if not organisation.is_active:
            report.skipped.append((organisation.name, _("inactive in the register")))
            continue
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    survey=survey,
                    organisation=organisation,
                    email=organisation.email,
                    language=organisation.language,
                    sent_at=clock.now(),
                    sent_by=user,
                )
                link = _issue_token(invitation, base_url)
                audit.record(
                    user,
                    "invitation.sent",
                    invitation,
                    after={
                        "organisation": organisation.name,
                        "organisation_id": organisation.pk,
                        "language": invitation.language,
                    },
                    data={"survey": survey.pk},
                )
                notify.survey_email(invitation, link, reminder=False, connection=connection).send()
        except IntegrityError:
            report.skipped.append((organisation.name, _("already invited")))
            continue
        except MAIL_ERRORS as exc:
            report.failed.append((organisation.name, str(exc) or exc.__class__.__name__))
            continue
        already.add(organisation.pk)
        report.sent.append(Delivery(invitation, link))
    return report


def reminders_send(
    user, survey: Survey, invitations=None, *, base_url: str | None = None, connection=None
) -> SendReport:
    """Remind invited organisations that have not submitted (all, unless ``invitations`` names some)."""
    require(user, "consultations.invite_survey", survey)
    survey = Survey.objects.get(pk=survey.pk)
    if survey.phase != SurveyPhase.OPEN:
        raise Conflict(_("Reminders go out only while the survey is open."), code="not_open")
    queryset = survey.invitations.select_related("organisation", "response")
    if invitations is not None:
        ids = [i.pk for i in invitations]
        if not ids:
            raise RuleViolation(errors={"invitations": _("Choose at least one invitation.")})
        queryset = queryset.filter(pk__in=ids)
        if queryset.count() != len(set(ids)):
            raise RuleViolation(errors={"invitations": _("Choose invitations of this survey.")})
    report = SendReport()
    for invitation in queryset.order_by("organisation__name"):
        organisation = invitation.organisation
        response = getattr(invitation, "response", None)
        if response is not None and response.submitted_at:
            report.skipped.append((organisation.name, _("already answered")))
            continue
        if not organisation.is_active:
            report.skipped.append((organisation.name, _("inactive in the register")))
            continue
        try:
            with transaction.atomic():
                locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
                locked.email = organisation.email  # the register's current address
                locked.language = organisation.language
                locked.reminder_count += 1
                locked.last_reminded_at = clock.now()
                locked.save(update_fields=["email", "language", "reminder_count", "last_reminded_at"])
                link = _issue_token(locked, base_url)
                audit.record(
                    user,
                    "invitation.reminded",
                    locked,
                    after={"organisation": organisation.name, "reminder_count": locked.reminder_count},
                    data={"survey": survey.pk},
                )
                notify.survey_email(locked, link, reminder=True, connection=connection).send()
        except MAIL_ERRORS as exc:
            report.failed.append((organisation.name, str(exc) or exc.__class__.__name__))
            continue
        report.sent.append(Delivery(locked, link))
    return report
