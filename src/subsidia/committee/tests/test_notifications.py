"""E-mails to members for invitations, written procedures and decisions, each in the member's language."""

import datetime as dt

import pytest
from django.core import mail

from subsidia.core import approvals, clock

from .. import notifications, services
from ..models import Member
from .factories import MeetingFactory, RulesFactory


@pytest.fixture
def languages(seats):
    h = seats["holders"]
    Member.objects.filter(pk=h[1].pk).update(language="fr")
    Member.objects.filter(pk=h[2].pk).update(language="en")
    Member.objects.filter(pk=h[4].pk).update(email="")  # no address: nobody to write to
    type(h[4].user).objects.filter(pk=h[4].user_id).update(email="")
    return seats


def by_address(address):
    return next(m for m in mail.outbox if m.to == [address])


def test_invitation_goes_to_each_member_in_their_language(
    officer, committee, languages, django_capture_on_commit_callbacks
):
    h = languages["holders"]
    meeting = MeetingFactory(
        committee=committee,
        reference="MC-2025-02",
        title="Voorjaarsvergadering",
        starts_at=clock.now() + dt.timedelta(days=20),
    )
    services.meeting_add_agenda_item(officer, meeting, title="Oproep 2025")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(officer, meeting)
    assert len(mail.outbox) == 6  # 5 members + substitute + advisory, 1 without address
    dutch, french, english = by_address(h[0].email), by_address(h[1].email), by_address(h[2].email)
    assert dutch.subject.startswith("Uitnodiging") and "MC-2025-02" in dutch.subject
    assert french.subject.startswith("Invitation") and "MC-2025-02" in french.subject
    assert english.subject.startswith("Invitation") and "Oproep 2025" in english.body
    assert f"/committee/meetings/{meeting.pk}/" in english.body
    assert (
        "substitute" in by_address(languages["substitute"].email).body.lower()
        or "plaatsvervanger" in by_address(languages["substitute"].email).body.lower()
    )


def test_nothing_is_sent_for_a_change_that_rolls_back(
    officer, committee, languages, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(committee=committee, starts_at=clock.now() + dt.timedelta(days=20))
    from subsidia.core.exceptions import Conflict

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(Conflict):
        services.meeting_invite(officer, meeting)  # no agenda: refused
    assert callbacks == [] and mail.outbox == []


def test_muted_notifications_send_nothing(officer, committee, languages, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(committee=committee, starts_at=clock.now() + dt.timedelta(days=20))
    services.meeting_add_agenda_item(officer, meeting, title="x")
    with notifications.muted(), django_capture_on_commit_callbacks(execute=True):
        services.meeting_invite(officer, meeting)
    assert mail.outbox == []


def test_written_procedure_and_its_closing_are_announced(
    officer, committee, languages, django_capture_on_commit_callbacks
):
    h = languages["holders"]
    with django_capture_on_commit_callbacks(execute=True):
        procedure = services.written_procedure_start(
            officer,
            committee,
            reference="WP-1",
            title="Selectiemethode",
            proposal="Goedkeuren.",
            deadline=clock.now() + dt.timedelta(days=7),
        )
    assert len(mail.outbox) == 6
    assert "WP-1" in by_address(h[1].email).subject
    advisory = by_address(languages["advisory"].email)
    assert "advisory" in advisory.body.lower() or "raadgevend" in advisory.body.lower()
    mail.outbox.clear()
    for member in h:
        services.written_procedure_vote(member.user, procedure, choice="for")
    with django_capture_on_commit_callbacks(execute=True):
        services.written_procedure_close(officer, procedure)
    assert len(mail.outbox) == 6 and "WP-1" in mail.outbox[0].subject


def test_members_are_informed_when_conditions_are_fulfilled(
    officer, approver, committee, languages, django_capture_on_commit_callbacks
):
    h = languages["holders"]
    rules = RulesFactory(committee=committee)
    req = approvals.request_approval(officer, rules)
    meeting = MeetingFactory(committee=committee)
    item = services.meeting_add_agenda_item(officer, meeting, title="Reglement", approval_request=req)
    services.meeting_record_attendance(officer, meeting, present=h)
    services.agenda_item_decide(
        officer, item, outcome="approved_with_conditions", votes_for=5, conditions="Add remote voting."
    )
    rules.text_en += "\nArticle 2. Members may vote remotely."
    rules.save()
    approvals.prepare_conditions_fulfilled(officer, req, rules)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approvals.confirm_conditions_fulfilled(approver, req, rules)
    assert len(mail.outbox) == 6
    english = by_address(h[2].email)
    assert "Add remote voting." in english.body and approvals.current_hash(rules) in english.body
