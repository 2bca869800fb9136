"""The committee and its members: CPR art. 38(1) one per programme, art. 39 votes and advisory seats."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.core.tests.factories import UserFactory
from subsidia.programmes.tests.factories import ProgrammeFactory

from .. import selectors, services
from ..models import Member
from .factories import MemberFactory


def add(officer, committee, **data):
    values = {
        "name": "Jan Janssens",
        "organisation": "Vlaamse Vereniging van Steden en Gemeenten",
        "member_type": "public_authority",
        "seat": "member",
        "term_start": dt.date(2024, 1, 1),
    }
    values.update(data)
    return services.member_add(officer, committee, **values)


def test_one_committee_per_programme_cpr_art_38_1(officer):
    programme = ProgrammeFactory()
    committee = services.committee_create(
        officer, programme, name_nl="Comité van toezicht", established_on=dt.date(2023, 2, 1)
    )
    assert committee.quorum_rule.required(15) == 8
    assert AuditEvent.objects.filter(action="committee.created", object_id=str(committee.pk)).exists()
    with pytest.raises(Conflict) as exc:
        services.committee_create(officer, programme, name_nl="Tweede", established_on=dt.date(2023, 2, 1))
    assert "38(1)" in exc.value.message


def test_committee_settings_are_checked(officer, committee):
    with pytest.raises(RuleViolation) as exc:
        services.committee_update(officer, committee, quorum_numerator=3, quorum_denominator=2)
    assert "quorum_numerator" in exc.value.errors
    with pytest.raises(RuleViolation):
        services.committee_update(officer, committee, written_procedure_min_days=0)
    with pytest.raises(RuleViolation):
        services.committee_update(officer, committee, name_nl=" ")
    with pytest.raises(RuleViolation):
        services.committee_update(officer, committee, programme=None)
    updated = services.committee_update(
        officer, committee, quorum_numerator=2, quorum_denominator=3, quorum_strict=False
    )
    assert updated.quorum_rule.required(15) == 10


@pytest.mark.parametrize("role", ["committee_member", "authorising_officer", "auditor", "applicant"])
def test_only_officers_manage_members(db, committee, role):
    with pytest.raises(PermissionDenied):
        add(UserFactory(role=role), committee)
    assert not Member.objects.exists()


def test_commission_representatives_sit_in_an_advisory_capacity_cpr_art_39_2(officer, committee):
    with pytest.raises(RuleViolation) as exc:
        add(officer, committee, member_type="commission", seat="member", organisation="European Commission")
    assert "39(2)" in exc.value.errors["seat"][0]
    member = add(officer, committee, member_type="commission", seat="advisory", organisation="European Commission")
    assert not member.votes


def test_database_refuses_a_voting_commission_seat(committee):
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(committee=committee, member_type="commission", seat="member")


def test_every_member_with_a_chair_or_member_seat_votes_cpr_art_39_1(officer, committee):
    chair = add(officer, committee, seat="chair", member_type="managing_authority", organisation="Agentschap")
    ngo = add(officer, committee, member_type="civil_society", organisation="Vluchtelingenwerk")
    add(officer, committee, member_type="other", seat="advisory", organisation="Observer")
    seats = selectors.voting_seats(committee, dt.date(2024, 6, 1))
    assert set(seats) == {chair, ngo}


def test_a_committee_has_one_chair_at_a_time(officer, committee):
    add(officer, committee, seat="chair", term_end=dt.date(2024, 12, 31))
    with pytest.raises(RuleViolation) as exc:
        add(officer, committee, seat="chair", name="Other", term_start=dt.date(2024, 6, 1))
    assert "seat" in exc.value.errors
    successor = add(officer, committee, seat="chair", name="Successor", term_start=dt.date(2025, 1, 1))
    assert successor.seat == "chair"


def test_a_substitute_takes_the_seat_of_the_member(officer, committee):
    holder = add(officer, committee, seat="chair")
    substitute = add(officer, committee, name="Stand-in", substitute_for=holder, seat="member")
    assert substitute.seat == "chair" and substitute.seat_holder == holder
    assert substitute not in selectors.voting_seats(committee, dt.date(2024, 6, 1))
    with pytest.raises(RuleViolation):
        add(officer, committee, name="Sub of sub", substitute_for=substitute)
    services.member_update(officer, holder, seat="member")
    substitute.refresh_from_db()
    assert substitute.seat == "member"


def test_a_linked_account_needs_the_committee_member_role(officer, committee, applicant, member):
    with pytest.raises(RuleViolation) as exc:
        add(officer, committee, account=applicant)
    assert "user" in exc.value.errors
    add(officer, committee, account=member)
    with pytest.raises(RuleViolation):
        add(officer, committee, account=member, name="Twice")


def test_terms_decide_who_sits_on_a_day(officer, committee):
    old = add(officer, committee, term_start=dt.date(2023, 1, 1), term_end=dt.date(2023, 12, 31))
    new = add(officer, committee, name="New", term_start=dt.date(2024, 1, 1))
    assert list(selectors.voting_seats(committee, dt.date(2023, 6, 1))) == [old]
    assert list(selectors.voting_seats(committee, dt.date(2024, 6, 1))) == [new]
    with pytest.raises(RuleViolation):
        services.member_update(officer, new, term_end=dt.date(2023, 1, 1))


def test_bad_member_input_is_refused_with_messages(officer, committee):
    with pytest.raises(RuleViolation) as exc:
        add(officer, committee, name=" ", organisation="", member_type="nonsense", language="xx")
    assert {"name", "organisation", "member_type"} <= set(exc.value.errors)
    with pytest.raises(RuleViolation) as exc:
        add(officer, committee, language="xx")
    assert "language" in exc.value.errors
    assert not Member.objects.exists()


def test_member_changes_are_audited_with_before_and_after(officer, committee):
    member = add(officer, committee)
    services.member_update(officer, member, organisation="VVSG")
    event = AuditEvent.objects.get(action="committee_member.updated")
    assert event.before == {"organisation": "Vlaamse Vereniging van Steden en Gemeenten"}
    assert event.after == {"organisation": "VVSG"}
