"""Meetings: attendance, quorum per item with substitutes and recusals, decisions recorded into the gate."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from subsidia.core import approvals, clock
from subsidia.core.approval_models import ApprovalStatus
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent

from .. import selectors, services
from ..constants import MeetingStatus
from .factories import AgendaItemFactory, MeetingFactory, RulesFactory


@pytest.fixture
def meeting(committee):
    return MeetingFactory(committee=committee, reference="MC-2025-01")


@pytest.fixture
def rules_request(officer, committee):
    return approvals.request_approval(officer, RulesFactory(committee=committee))


@pytest.fixture
def item(officer, meeting, rules_request):
    return services.meeting_add_agenda_item(
        officer, meeting, title="Rules of procedure", approval_request=rules_request
    )


def attend(officer, meeting, *members):
    return services.meeting_record_attendance(officer, meeting, present=list(members))


def test_attendance_is_recorded_once_the_meeting_began(officer, committee, seats):
    future = MeetingFactory(committee=committee, starts_at=clock.now() + dt.timedelta(days=2))
    with pytest.raises(Conflict) as exc:
        attend(officer, future, seats["holders"][0])
    assert exc.value.code == "meeting_not_started"
    meeting = MeetingFactory(committee=committee)
    attend(officer, meeting, seats["holders"][0])
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.attendance.filter(present=True).count() == 1
    assert meeting.attendance.count() == 7  # everyone in office gets a line: present or absent
    assert AuditEvent.objects.filter(action="meeting.attendance_recorded").exists()


def test_attendance_refuses_people_not_on_the_committee(officer, meeting, seats):
    from .factories import MemberFactory

    stranger = MemberFactory()  # another committee
    with pytest.raises(RuleViolation):
        attend(officer, meeting, stranger)
    assert not meeting.attendance.exists()


def test_a_present_substitute_counts_for_an_absent_member(officer, meeting, seats, item):
    h = seats["holders"]
    attend(officer, meeting, h[0], h[1], seats["substitute"])  # h[2] absent, their substitute present
    quorum = selectors.item_quorum(item)
    assert len(quorum.eligible) == 5 and len(quorum.present) == 3 and quorum.required == 3 and quorum.met
    seat = next(s for s in quorum.seats if s.holder == h[2])
    assert seat.present_as == seats["substitute"]


def test_member_and_substitute_together_hold_one_seat(officer, meeting, seats, item):
    h = seats["holders"]
    attend(officer, meeting, h[0], h[2], seats["substitute"], seats["advisory"])
    quorum = selectors.item_quorum(item)
    assert len(quorum.present) == 2 and not quorum.met  # the advisory seat does not count either


def test_a_decision_without_quorum_is_refused_and_changes_nothing(officer, meeting, seats, item, rules_request):
    attend(officer, meeting, seats["holders"][0], seats["holders"][1], seats["advisory"])
    with pytest.raises(Conflict) as exc:
        services.agenda_item_decide(officer, item, outcome="approved", votes_for=2)
    assert exc.value.code == "no_quorum"
    assert "2 of 5" in exc.value.message and "3" in exc.value.message
    item.refresh_from_db()
    rules_request.refresh_from_db()
    assert not item.decided and rules_request.status == ApprovalStatus.PENDING
    assert not AuditEvent.objects.filter(action="agenda_item.decided").exists()


def test_a_quorate_decision_is_recorded_into_the_gate(officer, committee, meeting, seats, item, rules_request):
    h = seats["holders"]
    attend(officer, meeting, h[0], h[1], h[3])
    services.agenda_item_decide(officer, item, outcome="approved", votes_for=2, abstentions=1)
    item.refresh_from_db()
    assert (item.seats_present, item.seats_eligible, item.quorum_required) == (3, 5, 3)
    rules_request.refresh_from_db()
    decision = rules_request.decision
    assert rules_request.status == ApprovalStatus.APPROVED
    assert decision.reference == "MC-2025-01/1"
    assert decision.decision_date == selectors.meeting_day(meeting)
    assert "MC-2025-01" in decision.taken_in
    assert (decision.source_type.model, decision.source_id) == ("agendaitem", str(item.pk))
    assert (decision.votes_for, decision.votes_against, decision.abstentions) == (2, 0, 1)
    rules = committee.rules_versions.get()
    assert approvals.is_approved(rules)
    assert selectors.rules_in_force(committee) == rules
    assert AuditEvent.objects.filter(action="agenda_item.decided", object_id=str(item.pk)).exists()
    assert AuditEvent.objects.filter(action="approval.approved").exists()


def test_a_declared_conflict_recuses_the_seat_from_quorum_and_vote(officer, member, meeting, seats, item):
    h = seats["holders"]
    attend(officer, meeting, h[0], h[1], h[3])
    services.conflict_declare(member, h[0], agenda_item=item, reason="Atlas applies in this call")
    quorum = selectors.item_quorum(item)
    assert [s.recused_by for s in quorum.recused] == [h[0]]
    assert len(quorum.eligible) == 4 and len(quorum.present) == 2 and quorum.required == 3
    with pytest.raises(Conflict) as exc:
        services.agenda_item_decide(officer, item, outcome="approved", votes_for=2)
    assert exc.value.code == "no_quorum" and "1 recused" in exc.value.message


def test_a_substitutes_declaration_recuses_the_seat_they_stand_in_for(officer, meeting, seats, item):
    h = seats["holders"]
    attend(officer, meeting, h[0], h[1], h[3], h[4], seats["substitute"])
    services.conflict_declare(officer, seats["substitute"], agenda_item=item, reason="same organisation applies")
    quorum = selectors.item_quorum(item)
    assert [s.holder for s in quorum.recused] == [h[2]]
    services.agenda_item_decide(officer, item, outcome="approved", votes_for=4)
    item.refresh_from_db()
    assert (item.seats_present, item.seats_eligible) == (4, 4)


def test_recused_members_are_named_in_the_minutes(officer, member, client, meeting, seats, item):
    h = seats["holders"]
    attend(officer, meeting, *h)
    services.conflict_declare(member, h[0], agenda_item=item, reason="Atlas applies in this call")
    services.agenda_item_decide(officer, item, outcome="approved", votes_for=4)
    client.force_login(member)
    page = client.get(f"/committee/meetings/{meeting.pk}/minutes/?lang=en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Fatima El Idrissi" in text and "Atlas applies in this call" in text and "recused" in text.lower()


def test_only_the_member_or_the_secretariat_declares(db, meeting, seats, item):
    other_user = seats["holders"][1].user
    with pytest.raises(PermissionDenied):
        services.conflict_declare(other_user, seats["holders"][0], agenda_item=item, reason="x")


def test_a_conflict_is_declared_once_and_before_the_decision(officer, member, meeting, seats, item):
    h = seats["holders"]
    services.conflict_declare(member, h[0], agenda_item=item, reason="applicant")
    with pytest.raises(Conflict):
        services.conflict_declare(member, h[0], agenda_item=item, reason="again")
    attend(officer, meeting, *h)
    services.agenda_item_decide(officer, item, outcome="rejected", votes_for=1, votes_against=3)
    with pytest.raises(Conflict) as exc:
        services.conflict_declare(officer, h[1], agenda_item=item, reason="late")
    assert exc.value.code == "item_decided"


def test_votes_must_fit_the_members_present_and_the_outcome(officer, meeting, seats, item):
    h = seats["holders"]
    attend(officer, meeting, h[0], h[1], h[2])
    with pytest.raises(RuleViolation):
        services.agenda_item_decide(officer, item, outcome="approved", votes_for=3, abstentions=1)
    with pytest.raises(RuleViolation) as exc:
        services.agenda_item_decide(officer, item, outcome="approved", votes_for=1, votes_against=2)
    assert "outcome" in exc.value.errors
    with pytest.raises(RuleViolation):
        services.agenda_item_decide(officer, item, outcome="rejected", votes_for=2, votes_against=1)
    with pytest.raises(RuleViolation) as exc:
        services.agenda_item_decide(officer, item, outcome="approved_with_conditions", votes_for=3)
    assert "conditions" in exc.value.errors
    with pytest.raises(RuleViolation):
        services.agenda_item_decide(officer, item, outcome="approved", votes_for=-1)
    item.refresh_from_db()
    assert not item.decided


def test_attendance_is_fixed_once_a_decision_relies_on_it(officer, meeting, seats, item):
    h = seats["holders"]
    attend(officer, meeting, h[0], h[1], h[2])
    services.agenda_item_decide(officer, item, outcome="approved", votes_for=3)
    with pytest.raises(Conflict) as exc:
        attend(officer, meeting, *h)
    assert exc.value.code == "attendance_fixed"


def test_content_changed_after_the_agenda_was_set_cannot_be_decided(officer, committee, meeting, seats, item):
    rules = committee.rules_versions.get()
    services.rules_update(officer, rules, text_en="Article 1. The committee meets twice a year.")
    attend(officer, meeting, *seats["holders"])
    with pytest.raises(Conflict) as exc:
        services.agenda_item_decide(officer, item, outcome="approved", votes_for=5)
    assert exc.value.code == "request_withdrawn"
    item.refresh_from_db()
    assert not item.decided


def test_a_request_is_before_the_committee_once(officer, committee, rules_request, item):
    other = MeetingFactory(committee=committee)
    with pytest.raises(Conflict) as exc:
        services.meeting_add_agenda_item(officer, other, title="again", approval_request=rules_request)
    assert exc.value.code == "request_already_scheduled"


def test_information_items_carry_no_decision(officer, meeting, seats):
    item = services.meeting_add_agenda_item(officer, meeting, title="Progress report", kind="information")
    attend(officer, meeting, *seats["holders"])
    with pytest.raises(Conflict):
        services.agenda_item_decide(officer, item, outcome="approved", votes_for=5)
    with pytest.raises(RuleViolation):
        services.meeting_add_agenda_item(
            officer,
            meeting,
            title="x",
            kind="information",
            approval_request=approvals.request_approval(officer, RulesFactory(committee=meeting.committee, version=2)),
        )


def test_a_decision_without_a_request_is_recorded_in_the_committee_only(officer, meeting, seats):
    item = AgendaItemFactory(meeting=meeting, title="Evaluation plan")
    attend(officer, meeting, *seats["holders"])
    services.agenda_item_decide(
        officer,
        item,
        outcome="approved_with_conditions",
        votes_for=5,
        conditions="Add an evaluation of the buddy projects.",
    )
    assert [d.subject for d in selectors.decisions(meeting.committee)] == ["Evaluation plan"]


def test_minutes_are_approved_at_a_later_quorate_meeting(officer, committee, meeting, seats):
    attend(officer, meeting, *seats["holders"])
    with pytest.raises(Conflict):
        services.meeting_minutes_approve(officer, meeting, at_meeting=meeting)
    services.meeting_minutes_save(officer, meeting, minutes="The chair opened the meeting.")
    later = MeetingFactory(committee=committee, starts_at=clock.now() - dt.timedelta(minutes=5))
    with pytest.raises(Conflict):
        services.meeting_minutes_approve(officer, meeting, at_meeting=later)  # not held yet
    attend(officer, later, *seats["holders"][:3])
    services.meeting_minutes_approve(officer, meeting, at_meeting=later)
    meeting.refresh_from_db()
    assert meeting.minutes_approved_at_meeting == later
    with pytest.raises(Conflict):
        services.meeting_minutes_save(officer, meeting, minutes="rewritten")


def test_invitations_need_an_agenda_and_a_future_meeting(officer, committee, meeting, seats):
    future = MeetingFactory(committee=committee, starts_at=clock.now() + dt.timedelta(days=14))
    with pytest.raises(Conflict) as exc:
        services.meeting_invite(officer, future)
    assert exc.value.code == "no_agenda"
    with pytest.raises(Conflict):
        services.meeting_invite(officer, meeting)  # already started


def test_meeting_input_is_checked(officer, committee):
    with pytest.raises(RuleViolation) as exc:
        services.meeting_create(
            officer,
            committee,
            reference=" ",
            title="",
            starts_at=dt.datetime(2025, 5, 1, 10),
            place="",
            online_url="",
        )
    assert {"reference", "title", "starts_at", "place"} <= set(exc.value.errors)
    services.meeting_create(officer, committee, reference="MC-1", title="x", starts_at=clock.now(), place="Gent")
    with pytest.raises(RuleViolation) as exc:
        services.meeting_create(
            officer,
            committee,
            reference="MC-1",
            title="y",
            starts_at=clock.now(),
            online_url="https://meet.example.test/x",
        )
    assert "reference" in exc.value.errors


def test_a_cancelled_meeting_takes_no_decisions(officer, committee, seats):
    future = MeetingFactory(committee=committee, starts_at=clock.now() + dt.timedelta(days=3))
    item = AgendaItemFactory(meeting=future)
    with pytest.raises(RuleViolation):
        services.meeting_cancel(officer, future, reason=" ")
    services.meeting_cancel(officer, future, reason="No quorum expected")
    with pytest.raises(Conflict):
        services.agenda_item_decide(officer, item, outcome="approved", votes_for=1)
