"""The demo story and the contract checked from outside: the demo's programme amendment awaits the committee,
so ``POST /api/v1/programme-versions/<id>/submit-to-commission/`` by ``officer`` is a 409 that changes nothing,
until the committee approves its exact content."""

import datetime as dt
from decimal import Decimal

import pytest

from subsidia.core import approvals, clock
from subsidia.core.approval_models import ApprovalStatus
from subsidia.core.demo import demo_user
from subsidia.programmes import services as programme_services
from subsidia.programmes.constants import VersionStatus
from subsidia.programmes.models import Programme

from .. import selectors, services
from ..constants import ProcedureStatus


@pytest.fixture
def story(db):
    from subsidia.core import demo as core_demo
    from subsidia.programmes import demo as programme_demo

    from .. import demo

    lines = []
    for loader in (core_demo, programme_demo, demo):
        loader.load(lines.append)
    programme = Programme.objects.get(cci="2021BE65AMPR001")
    return {
        "programme": programme,
        "committee": selectors.committee_for(programme),
        "out": lines,
        "amendment": programme.open_version(),
        "officer": demo_user("officer"),
    }


def submit(api_as, version):
    return api_as(demo_user("officer")).post(f"/api/v1/programme-versions/{version.pk}/submit-to-commission/")


def test_the_demo_committee(story):
    committee = story["committee"]
    assert committee.members.count() == 12
    voting = selectors.voting_seats(committee, clock.today())
    assert voting.count() == 9
    assert committee.members.get(user__username="member").votes
    assert committee.members.get(member_type="commission").seat == "advisory"
    assert selectors.rules_in_force(committee).version == 1
    past = committee.meetings.get(reference="MC-2023-01")
    assert [d.subject[:20] for d in selectors.decisions(committee)] == ["Selectiemethode en s", "Huishoudelijk reglem"]
    assert past.items.get(position=3).declarations.get().member.name == "Yusuf Demir"
    procedure = committee.written_procedures.get(status=ProcedureStatus.OPEN)
    assert procedure.tacit and procedure.deadline > clock.now() + dt.timedelta(days=6)
    assert not procedure.votes.filter(seat__user__username="member").exists()


def test_the_demo_is_idempotent(story):
    from .. import demo

    counts = (
        story["committee"].members.count(),
        story["committee"].meetings.count(),
        approvals.requests_for(story["amendment"]).count(),
    )
    demo.load(lambda line: None)
    assert counts == (
        story["committee"].members.count(),
        story["committee"].meetings.count(),
        approvals.requests_for(story["amendment"]).count(),
    )


def test_submitting_the_awaiting_amendment_is_refused_and_changes_nothing(story, api_as):
    amendment = story["amendment"]
    assert amendment.number == 2 and amendment.status == VersionStatus.DRAFT
    req = approvals.requests_for(amendment).get()
    assert req.status == ApprovalStatus.PENDING
    response = submit(api_as, amendment)
    assert response.status_code == 409
    assert response.json()["code"] == "not_approved" and "2021BE65AMPR001" in response.json()["detail"]
    amendment.refresh_from_db()
    assert amendment.status == VersionStatus.DRAFT and amendment.submitted_on is None


def _approve_in_the_next_meeting(story, travel):
    officer, committee = story["officer"], story["committee"]
    meeting = committee.meetings.get(status="planned")
    travel.move_to(meeting.starts_at + dt.timedelta(minutes=30))
    present = [m for m in selectors.members_on(committee) if m.name not in {"Pieter Goossens"}]
    services.meeting_record_attendance(officer, meeting, present=present)
    item = meeting.items.get(approval_request__isnull=False)
    services.agenda_item_decide(officer, item, outcome="approved", votes_for=8)


def test_submitting_succeeds_once_the_committee_approved(story, api_as, time_machine):
    _approve_in_the_next_meeting(story, time_machine)
    amendment = story["amendment"]
    response = submit(api_as, amendment)
    assert response.status_code == 200, response.json()
    amendment.refresh_from_db()
    assert amendment.status == VersionStatus.SUBMITTED


def test_editing_after_approval_visibly_withdraws_it(story, api_as, client, time_machine):
    _approve_in_the_next_meeting(story, time_machine)
    amendment = story["amendment"]
    allocation = amendment.allocations.get(
        specific_objective__code="2", region__code="VLG", implementation_modality__code="003", year=2026
    )
    programme_services.allocation_update(
        story["officer"], allocation, eu_contribution=allocation.eu_contribution - Decimal("1000.00")
    )
    req = approvals.requests_for(amendment).get()
    assert req.status == ApprovalStatus.WITHDRAWN
    assert submit(api_as, amendment).status_code == 409
    amendment.refresh_from_db()
    assert amendment.status == VersionStatus.DRAFT
    row = api_as(story["officer"]).get(f"/api/v1/approval-requests/{req.pk}/").json()
    assert row["status"] == "withdrawn" and row["decision_date"]
    client.force_login(story["officer"])
    page = client.get(f"/programmes/{story['programme'].pk}/versions/2/?lang=en").content.decode()
    assert "no longer applies" in page
