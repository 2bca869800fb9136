"""Written procedures: who votes, until when, and a result that follows from the votes and the deadline at the
moment of asking (never from a job that must have run)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from subsidia.core import approvals, clock
from subsidia.core.approval_models import ApprovalStatus
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent

from .. import selectors, services
from ..constants import ProcedureResult, ProcedureStatus
from .factories import RulesFactory

START = dt.datetime(2025, 3, 3, 9, 0, tzinfo=dt.UTC)
DEADLINE = dt.datetime(2025, 3, 14, 16, 0, tzinfo=dt.UTC)


@pytest.fixture
def travel():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


@pytest.fixture
def rules_request(officer, committee, travel):
    return approvals.request_approval(officer, RulesFactory(committee=committee))


def start(officer, committee, **kwargs):
    values = {
        "reference": "WP-2025-01",
        "title": "Rules of procedure",
        "proposal": "Approve the rules.",
        "deadline": DEADLINE,
    }
    values.update(kwargs)
    return services.written_procedure_start(officer, committee, **values)


def vote(member, procedure, choice):
    return services.written_procedure_vote(member.user, procedure, choice=choice)


def test_start_checks_the_proposal_and_the_minimum_period(officer, committee, seats, travel):
    with pytest.raises(RuleViolation) as exc:
        start(officer, committee, reference="", title=" ", proposal="", deadline=START + dt.timedelta(days=2))
    assert {"reference", "title", "proposal", "deadline"} <= set(exc.value.errors)
    assert "5" in exc.value.errors["deadline"][0]
    with pytest.raises(RuleViolation) as exc:
        start(officer, committee, proposed_outcome="approved_with_conditions")
    assert "conditions" in exc.value.errors
    with pytest.raises(RuleViolation):
        start(officer, committee, proposed_outcome="rejected")
    procedure = start(officer, committee)
    assert procedure.status == ProcedureStatus.OPEN
    assert AuditEvent.objects.filter(action="written_procedure.started", object_id=str(procedure.pk)).exists()
    with pytest.raises(RuleViolation):
        start(officer, committee)  # same reference


def test_members_only_may_start_nothing(committee, seats, travel):
    with pytest.raises(PermissionDenied):
        start(seats["holders"][0].user, committee)


def test_result_follows_votes_and_deadline_whenever_asked(officer, committee, seats, travel):
    h = seats["holders"]
    procedure = start(officer, committee)
    tally = selectors.written_procedure_result(procedure)
    assert tally.result == ProcedureResult.PENDING and tally.eligible == 5 and tally.required == 3
    vote(h[0], procedure, "for")
    vote(h[1], procedure, "for")
    travel.move_to(dt.datetime(2025, 3, 10, 12, 0, tzinfo=dt.UTC))
    vote(h[2], procedure, "against")
    assert selectors.written_procedure_result(procedure).result == ProcedureResult.PENDING
    travel.move_to(DEADLINE - dt.timedelta(seconds=1))
    assert selectors.written_procedure_result(procedure).result == ProcedureResult.PENDING
    travel.move_to(DEADLINE)
    tally = selectors.written_procedure_result(procedure)
    assert tally.final and tally.result == ProcedureResult.APPROVED
    assert (tally.votes_for, tally.votes_against, tally.silent) == (2, 1, 2)
    assert tally.decided_on == dt.date(2025, 3, 14)
    # Asked again later, the answer is the same: nothing had to run at the deadline.
    travel.move_to(dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    assert selectors.written_procedure_result(procedure).result == ProcedureResult.APPROVED


def test_without_quorum_of_answers_there_is_no_decision(officer, committee, seats, travel):
    h = seats["holders"]
    procedure = start(officer, committee)
    vote(h[0], procedure, "for")
    vote(h[1], procedure, "abstain")
    travel.move_to(DEADLINE + dt.timedelta(hours=1))
    assert selectors.written_procedure_result(procedure).result == ProcedureResult.NO_QUORUM


def test_tacit_approval_counts_silence_as_consent(officer, committee, seats, travel):
    h = seats["holders"]
    procedure = start(officer, committee, tacit=True)
    vote(h[0], procedure, "against")
    assert selectors.written_procedure_result(procedure).tacit_votes == 0  # not before the deadline
    travel.move_to(DEADLINE)
    tally = selectors.written_procedure_result(procedure)
    assert tally.tacit_votes == 4 and tally.counted_for == 4 and tally.result == ProcedureResult.APPROVED


def test_tacit_approval_still_fails_on_a_majority_against(officer, committee, seats, travel):
    h = seats["holders"]
    procedure = start(officer, committee, tacit=True)
    for member in h[:3]:
        vote(member, procedure, "against")
    travel.move_to(DEADLINE)
    assert selectors.written_procedure_result(procedure).result == ProcedureResult.REJECTED


def test_result_is_final_early_when_every_seat_voted(officer, committee, seats, travel):
    procedure = start(officer, committee)
    for member in seats["holders"]:
        travel.shift(dt.timedelta(hours=3))
        vote(member, procedure, "for")
    tally = selectors.written_procedure_result(procedure)
    assert tally.final and not tally.deadline_passed and tally.result == ProcedureResult.APPROVED
    assert tally.decided_on == clock.today()


def test_a_vote_after_the_deadline_is_refused(officer, committee, seats, travel):
    procedure = start(officer, committee)
    travel.move_to(DEADLINE)
    with pytest.raises(Conflict) as exc:
        vote(seats["holders"][0], procedure, "for")
    assert exc.value.code == "deadline_passed" and "deadline" in exc.value.message.lower()
    assert not procedure.votes.exists()


def test_an_advisory_seat_does_not_vote_cpr_art_39_2(officer, committee, seats, travel):
    procedure = start(officer, committee)
    with pytest.raises(Conflict) as exc:
        vote(seats["advisory"], procedure, "for")
    assert exc.value.code == "advisory_seat" and "39(2)" in exc.value.message


def test_a_vote_counts_once_per_seat(officer, committee, seats, travel):
    h = seats["holders"]
    procedure = start(officer, committee)
    vote(h[0], procedure, "for")
    with pytest.raises(Conflict) as exc:
        vote(h[0], procedure, "against")
    assert exc.value.code == "already_voted"
    # The substitute votes for an absent member's seat, but never on top of the member.
    vote(seats["substitute"], procedure, "abstain")
    with pytest.raises(Conflict):
        vote(h[2], procedure, "for")
    assert procedure.votes.count() == 2
    assert procedure.votes.get(seat=h[2]).cast_by == seats["substitute"]


def test_a_recused_member_cannot_vote_and_leaves_the_count(officer, committee, seats, travel):
    h = seats["holders"]
    procedure = start(officer, committee)
    services.conflict_declare(h[0].user, h[0], written_procedure=procedure, reason="Atlas is an applicant")
    with pytest.raises(Conflict) as exc:
        vote(h[0], procedure, "for")
    assert exc.value.code == "recused"
    tally = selectors.written_procedure_result(procedure)
    assert tally.eligible == 4 and tally.required == 3 and tally.recused == [h[0]]


def test_a_conflict_is_declared_before_voting(officer, committee, seats, travel):
    h = seats["holders"]
    procedure = start(officer, committee)
    vote(h[1], procedure, "for")
    with pytest.raises(Conflict) as exc:
        services.conflict_declare(h[1].user, h[1], written_procedure=procedure, reason="late")
    assert exc.value.code == "already_voted"


def test_people_outside_the_committee_cannot_vote(officer, committee, seats, travel, applicant):
    procedure = start(officer, committee)
    with pytest.raises(PermissionDenied):
        services.written_procedure_vote(applicant, procedure, choice="for")
    with pytest.raises(RuleViolation):
        vote(seats["holders"][0], procedure, "maybe")


def test_members_whose_term_ended_no_longer_vote(officer, committee, seats, travel):
    h = seats["holders"]
    procedure = start(officer, committee)
    services.member_update(officer, h[3], term_end=dt.date(2025, 3, 5))
    travel.move_to(dt.datetime(2025, 3, 6, 10, 0, tzinfo=dt.UTC))
    with pytest.raises(PermissionDenied):
        vote(h[3], procedure, "for")


def test_closing_records_the_decision_in_the_gate(officer, committee, seats, travel, rules_request):
    h = seats["holders"]
    procedure = start(officer, committee, approval_request=rules_request, tacit=True)
    vote(h[0], procedure, "for")
    vote(h[1], procedure, "against")
    with pytest.raises(Conflict) as exc:
        services.written_procedure_close(officer, procedure)
    assert exc.value.code == "voting_continues"
    travel.move_to(DEADLINE + dt.timedelta(days=1))
    services.written_procedure_close(officer, procedure)
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.CLOSED and procedure.result == ProcedureResult.APPROVED
    assert (procedure.votes_for, procedure.votes_against, procedure.tacit_votes) == (1, 1, 3)
    rules_request.refresh_from_db()
    assert rules_request.status == ApprovalStatus.APPROVED
    decision = rules_request.decision
    assert decision.decision_date == dt.date(2025, 3, 14) and decision.reference == "WP-2025-01"
    assert decision.votes_for == 4 and decision.source_type.model == "writtenprocedure"
    assert approvals.is_approved(committee.rules_versions.get())
    with pytest.raises(Conflict):
        services.written_procedure_close(officer, procedure)


def test_a_rejection_is_recorded_and_no_quorum_leaves_the_request_pending(officer, committee, seats, travel):
    h = seats["holders"]
    first = approvals.request_approval(officer, RulesFactory(committee=committee, version=1))
    procedure = start(officer, committee, approval_request=first)
    for member in h[:3]:
        vote(member, procedure, "against")
    travel.move_to(DEADLINE)
    services.written_procedure_close(officer, procedure)
    first.refresh_from_db()
    assert first.status == ApprovalStatus.REJECTED

    second = approvals.request_approval(officer, RulesFactory(committee=committee, version=2))
    procedure = start(
        officer,
        committee,
        reference="WP-2025-02",
        approval_request=second,
        deadline=DEADLINE + dt.timedelta(days=10),
    )
    travel.move_to(DEADLINE + dt.timedelta(days=11))
    services.written_procedure_close(officer, procedure)
    procedure.refresh_from_db()
    second.refresh_from_db()
    assert procedure.result == ProcedureResult.NO_QUORUM and second.status == ApprovalStatus.PENDING


def test_an_approval_with_conditions_proposed_in_writing(officer, committee, seats, travel, rules_request):
    procedure = start(
        officer,
        committee,
        approval_request=rules_request,
        proposed_outcome="approved_with_conditions",
        conditions="Add a rule on remote voting.",
    )
    for member in seats["holders"]:
        vote(member, procedure, "for")
    services.written_procedure_close(officer, procedure)
    rules_request.refresh_from_db()
    assert rules_request.status == ApprovalStatus.APPROVED_WITH_CONDITIONS
    assert rules_request.decision.conditions == "Add a rule on remote voting."


def test_content_changed_during_the_procedure_cannot_be_closed_into_the_gate(
    officer, committee, seats, travel, rules_request
):
    procedure = start(officer, committee, approval_request=rules_request)
    for member in seats["holders"]:
        vote(member, procedure, "for")
    services.rules_update(officer, committee.rules_versions.get(), text_nl="Artikel 1. Gewijzigd.")
    with pytest.raises(Conflict) as exc:
        services.written_procedure_close(officer, procedure)
    assert exc.value.code == "request_withdrawn"
    services.written_procedure_cancel(officer, procedure, reason="The text changed; a new procedure follows.")
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.CANCELLED


def test_a_request_is_in_one_procedure_at_a_time(officer, committee, seats, travel, rules_request):
    start(officer, committee, approval_request=rules_request)
    with pytest.raises(Conflict) as exc:
        start(officer, committee, reference="WP-2", approval_request=rules_request)
    assert exc.value.code == "request_already_scheduled"


def test_every_vote_is_audited(officer, committee, seats, travel):
    procedure = start(officer, committee)
    cast = vote(seats["holders"][0], procedure, "for")
    event = AuditEvent.objects.get(action="written_procedure.voted", object_id=str(cast.pk))
    assert event.data["choice"] == "for" and event.actor == seats["holders"][0].user
