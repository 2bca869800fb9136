"""Invitations and reminders by e-mail: in the organisation's language, one per organisation, each with a
working personal link, audited without the address; a mail failure leaves no half-sent invitation."""

import datetime as dt
import re
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.mail.backends.locmem import EmailBackend

from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent

from .. import services
from ..constants import StakeholderType
from ..models import Invitation, InvitationToken
from .factories import StakeholderOrganisationFactory, complete_answers, invite, survey_with_questions

pytestmark = pytest.mark.django_db
LINK = re.compile(r"https?://\S+/survey/(?P<token>[A-Za-z0-9_-]{43})/")


def token_in(message) -> str:
    return LINK.search(message.body)["token"]


@pytest.fixture
def survey():
    return survey_with_questions()


def test_each_organisation_gets_its_own_link_in_its_own_language(officer, survey):
    dutch = StakeholderOrganisationFactory(name="Stad Gent", language="nl")
    french = StakeholderOrganisationFactory(
        name="Ville de Bruxelles", language="fr", stakeholder_type=StakeholderType.LOCAL_GOVERNMENT
    )
    report = services.invitations_send(officer, survey, [dutch, french], base_url="https://subsidia.example/")
    assert len(report.sent) == 2 and not report.skipped and not report.failed
    assert len(mail.outbox) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Stad Gent" in by_address[dutch.email].body
    assert by_address[dutch.email].subject.startswith("Uitnodiging: ")
    assert by_address[french.email].subject.startswith("Invitation : ")
    assert "Le lien fonctionne sans compte" in by_address[french.email].body
    assert survey.title_fr in by_address[french.email].body
    assert survey.title_nl in by_address[dutch.email].body
    tokens = {address: token_in(message) for address, message in by_address.items()}
    assert tokens[dutch.email] != tokens[french.email]
    assert services.resolve(tokens[french.email]).organisation == french
    assert by_address[dutch.email].body.count("https://subsidia.example/survey/") == 1
    # Only hashes are stored; the token itself is nowhere in the database.
    assert not InvitationToken.objects.filter(token_hash__in=tokens.values()).exists()
    events = AuditEvent.objects.filter(action="invitation.sent")
    assert events.count() == 2
    assert all(dutch.email not in str(e.after) + str(e.data) for e in events)


def test_an_organisation_is_invited_once_and_inactive_ones_not_at_all(officer, survey):
    organisation = StakeholderOrganisationFactory()
    retired = StakeholderOrganisationFactory(is_active=False)
    services.invitations_send(officer, survey, [organisation])
    report = services.invitations_send(officer, survey, [organisation, retired])
    assert not report.sent and len(report.skipped) == 2
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_invitations_need_a_published_survey_that_has_not_closed(officer):
    organisation = StakeholderOrganisationFactory()
    draft = survey_with_questions(published=False)
    with pytest.raises(Conflict):
        services.invitations_send(officer, draft, [organisation])
    survey = survey_with_questions()
    with time_machine.travel(survey.closes_at + dt.timedelta(minutes=1), tick=False), pytest.raises(Conflict):
        services.invitations_send(officer, survey, [organisation])
    with pytest.raises(RuleViolation):
        services.invitations_send(officer, survey, [])
    assert not Invitation.objects.exists() and not mail.outbox


def test_only_officers_invite(member, survey):
    with pytest.raises(PermissionDenied):
        services.invitations_send(member, survey, [StakeholderOrganisationFactory()])
    assert not Invitation.objects.exists()


class HalfBrokenBackend(EmailBackend):
    """Refuses mail to one address, as a mail server might."""

    def send_messages(self, messages):
        if any(m.to == ["broken@example.test"] for m in messages):
            raise smtplib.SMTPRecipientsRefused({"broken@example.test": (550, b"no such user")})
        return super().send_messages(messages)


def test_a_mail_failure_leaves_no_invitation_for_that_organisation_only(officer, survey):
    good = StakeholderOrganisationFactory(email="good@example.test")
    bad = StakeholderOrganisationFactory(email="broken@example.test")
    report = services.invitations_send(officer, survey, [good, bad], connection=HalfBrokenBackend())
    assert [d.invitation.organisation for d in report.sent] == [good]
    assert [name for name, _error in report.failed] == [bad.name]
    assert list(Invitation.objects.values_list("organisation", flat=True)) == [good.pk]
    assert InvitationToken.objects.count() == 1
    assert AuditEvent.objects.filter(action="invitation.sent").count() == 1


def test_reminders_go_to_those_who_have_not_answered_with_a_new_link(officer, survey):
    _answered, token_answered = invite(survey)
    waiting, old_token = invite(survey)
    services.response_save(token_answered, complete_answers(survey), submit=True)
    report = services.reminders_send(officer, survey)
    assert [d.invitation.pk for d in report.sent] == [waiting.pk]
    assert [message.to for message in mail.outbox] == [[waiting.organisation.email]]
    new_token = token_in(mail.outbox[0])
    assert new_token != old_token
    assert services.resolve(new_token) == waiting == services.resolve(old_token)
    waiting.refresh_from_db()
    assert waiting.reminder_count == 1 and waiting.last_reminded_at is not None
    assert AuditEvent.objects.filter(action="invitation.reminded", object_id=str(waiting.pk)).count() == 1
    assert "Herinnering" in mail.outbox[0].subject or "Reminder" in mail.outbox[0].subject


def test_reminders_only_while_the_survey_is_open(officer, survey):
    invite(survey)
    with time_machine.travel(survey.closes_at, tick=False), pytest.raises(Conflict):
        services.reminders_send(officer, survey)
    assert not mail.outbox


def test_a_reminder_to_an_invitation_of_another_survey_is_refused(officer, survey):
    other, _token = invite(survey_with_questions())
    with pytest.raises(RuleViolation):
        services.reminders_send(officer, survey, [other])
