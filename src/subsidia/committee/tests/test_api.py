"""API contracts and permissions of the committee, checked from outside."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from subsidia.core import approvals, clock
from subsidia.core.tests.factories import UserFactory

from .. import services
from .factories import AgendaItemFactory, MeetingFactory, RulesFactory, WrittenProcedureFactory


def test_committees_are_public_with_their_members(api, committee, seats):
    services.member_update(UserFactory(role="programme_officer"), seats["holders"][4], term_end=dt.date(2024, 1, 1))
    response = api.get("/api/v1/committees/")
    assert response.status_code == 200
    [row] = response.json()["results"]
    assert row["name"] and row["programme"] == committee.programme.cci
    members = row["members"]
    assert len(members) == 6  # the member whose term ended is not listed
    for key in ("name", "organisation", "member_type", "seat"):
        assert all(key in m for m in members)
    assert {m["seat"] for m in members} >= {"chair", "member", "advisory"}
    assert not any("email" in m or "account" in m for m in members)
    commission = next(m for m in members if m["member_type"] == "commission")
    assert commission["seat"] == "advisory"


def test_the_public_cannot_create_a_committee(api):
    assert api.post("/api/v1/committees/", {"name_nl": "x"}, format="json").status_code in (401, 403)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("programme_officer", True),
        ("authorising_officer", True),
        ("auditor", True),
        ("committee_member", True),
        ("assessor", False),
        ("applicant", False),
    ],
)
def test_approval_requests_are_for_those_who_follow_the_gate(api_as, officer, committee, role, allowed):
    req = approvals.request_approval(officer, RulesFactory(committee=committee))
    response = api_as(UserFactory(role=role)).get("/api/v1/approval-requests/")
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        [row] = response.json()["results"]
        assert row["id"] == req.pk and row["object_type"] == "committee.rulesofprocedure"
        assert row["object_id"] == str(req.object_id) and row["content_hash"] == req.content_hash
        assert row["status"] == "pending" and row["decision_date"] is None and row["content_verifies"] is True


def test_approval_requests_need_a_login(api):
    assert api.get("/api/v1/approval-requests/").status_code in (401, 403)


def test_approval_request_contract_after_a_decision(api_as, officer, committee, seats):
    rules = RulesFactory(committee=committee)
    req = approvals.request_approval(officer, rules)
    meeting = MeetingFactory(committee=committee)
    item = services.meeting_add_agenda_item(officer, meeting, title="Rules", approval_request=req)
    services.meeting_record_attendance(officer, meeting, present=seats["holders"])
    services.agenda_item_decide(officer, item, outcome="approved", votes_for=4, abstentions=1)
    api = api_as(officer)
    row = api.get(f"/api/v1/approval-requests/{req.pk}/").json()
    assert row["status"] == "approved" and row["decision_date"] == clock.today().isoformat()
    assert row["decision"]["votes_for"] == 4 and row["decision"]["taken_in_type"] == "committee.agendaitem"
    assert api.get("/api/v1/approval-requests/?status=approved").json()["count"] == 1
    assert api.get("/api/v1/approval-requests/?status=pending").json()["count"] == 0
    assert api.get("/api/v1/approval-requests/?status=nonsense").status_code == 400
    assert api.get("/api/v1/approval-requests/?object_type=committee.rulesofprocedure").json()["count"] == 1


def test_officers_put_objects_to_the_committee_over_the_api(api_as, officer, member, committee):
    rules = RulesFactory(committee=committee)
    body = {"object_type": "committee.rulesofprocedure", "object_id": str(rules.pk), "note": "v1"}
    assert api_as(member).post("/api/v1/approval-requests/", body, format="json").status_code == 403
    response = api_as(officer).post("/api/v1/approval-requests/", body, format="json")
    assert response.status_code == 201 and response.json()["status"] == "pending"
    again = api_as(officer).post("/api/v1/approval-requests/", body, format="json")
    assert again.status_code == 409 and again.json()["detail"]
    bad = api_as(officer).post(
        "/api/v1/approval-requests/", {"object_type": "auth.user", "object_id": "1"}, format="json"
    )
    assert bad.status_code == 400
    missing = api_as(officer).post(
        "/api/v1/approval-requests/", {"object_type": "committee.rulesofprocedure", "object_id": "99999"}, format="json"
    )
    assert missing.status_code == 400


def test_deciding_without_quorum_is_a_409_with_the_figures(api_as, officer, committee, seats):
    meeting = MeetingFactory(committee=committee)
    item = AgendaItemFactory(meeting=meeting)
    api = api_as(officer)
    response = api.post(
        f"/api/v1/meetings/{meeting.pk}/attendance/",
        {"present": [seats["holders"][0].pk, seats["advisory"].pk]},
        format="json",
    )
    assert response.status_code == 200 and response.json()["quorum"] == {
        "eligible": 5,
        "present": 1,
        "required": 3,
        "met": False,
        "recused": [],
    }
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/decide/", {"outcome": "approved", "votes_for": 1}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "no_quorum"
    bad = api.post(f"/api/v1/agenda-items/{item.pk}/decide/", {"outcome": "perhaps", "votes_for": -1}, format="json")
    assert bad.status_code == 400


def test_members_declare_their_own_conflict_over_the_api(api_as, committee, seats):
    item = AgendaItemFactory(meeting=MeetingFactory(committee=committee))
    me = seats["holders"][0]
    response = api_as(me.user).post(
        f"/api/v1/agenda-items/{item.pk}/declare-conflict/", {"reason": "applicant"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["declarations"][0]["member"] == me.pk
    other = seats["holders"][1]
    response = api_as(me.user).post(
        f"/api/v1/agenda-items/{item.pk}/declare-conflict/",
        {"member": other.pk, "reason": "on their behalf"},
        format="json",
    )
    assert response.status_code == 403


def test_written_procedure_votes_over_the_api(api_as, committee, seats):
    procedure = WrittenProcedureFactory(committee=committee, deadline=clock.now() + dt.timedelta(days=3))
    me = seats["holders"][0]
    api = api_as(me.user)
    response = api.post(f"/api/v1/written-procedures/{procedure.pk}/vote/", {"choice": "for"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["my_vote"] == "for" and body["tally"]["votes_for"] == 1 and body["tally"]["result"] == "pending"
    twice = api.post(f"/api/v1/written-procedures/{procedure.pk}/vote/", {"choice": "against"}, format="json")
    assert twice.status_code == 409 and twice.json()["code"] == "already_voted"
    advisory = api_as(seats["advisory"].user).post(
        f"/api/v1/written-procedures/{procedure.pk}/vote/", {"choice": "for"}, format="json"
    )
    assert advisory.status_code == 409 and "39" in advisory.json()["detail"]  # in the official language
    assert (
        api.post(f"/api/v1/written-procedures/{procedure.pk}/vote/", {"choice": "yes"}, format="json").status_code
        == 400
    )
    assert (
        api_as(UserFactory(role="applicant"))
        .post(f"/api/v1/written-procedures/{procedure.pk}/vote/", {"choice": "for"}, format="json")
        .status_code
        == 403
    )


def test_a_vote_after_the_deadline_is_a_409(api_as, committee, seats, time_machine):
    procedure = WrittenProcedureFactory(committee=committee, deadline=clock.now() + dt.timedelta(days=3))
    time_machine.move_to(clock.now() + dt.timedelta(days=4))
    response = api_as(seats["holders"][0].user).post(
        f"/api/v1/written-procedures/{procedure.pk}/vote/", {"choice": "for"}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "deadline_passed"


def test_members_of_another_committee_see_nothing_of_this_one(api_as, committee, seats):
    MeetingFactory(committee=committee)
    outsider = UserFactory(role="committee_member")
    assert api_as(outsider).get("/api/v1/meetings/").json()["count"] == 0
    assert api_as(seats["holders"][0].user).get("/api/v1/meetings/").json()["count"] == 1
    assert api_as(UserFactory(role="applicant")).get("/api/v1/meetings/").status_code == 403


def test_paper_upload_over_the_api_checks_the_content(api_as, officer, committee):
    meeting = MeetingFactory(committee=committee)
    api = api_as(officer)
    bad = api.post(
        "/api/v1/meeting-papers/",
        {"meeting": meeting.pk, "title": "x", "file": SimpleUploadedFile("x.pdf", b"<html></html>")},
        format="multipart",
    )
    assert bad.status_code == 400 and "file" in bad.json()["errors"]
    good = api.post(
        "/api/v1/meeting-papers/",
        {
            "meeting": meeting.pk,
            "title": "Nota",
            "is_public": "true",
            "file": SimpleUploadedFile("nota.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
        format="multipart",
    )
    assert good.status_code == 201
    api.force_authenticate(None)
    listed = api.get("/api/v1/meeting-papers/").json()
    assert [p["title"] for p in listed["results"]] == ["Nota"]
    assert api.get(good.json()["download"]).status_code == 200


def test_meetings_over_the_api(api_as, officer, committee):
    api = api_as(officer)
    response = api.post(
        "/api/v1/meetings/",
        {
            "committee": committee.pk,
            "reference": "MC-9",
            "title": "Autumn",
            "starts_at": "2025-10-07T10:00:00+02:00",
            "place": "Brussel",
        },
        format="json",
    )
    assert response.status_code == 201 and response.json()["status"] == "planned"
    invite = api.post(f"/api/v1/meetings/{response.json()['id']}/invite/", format="json")
    assert invite.status_code == 409 and invite.json()["code"] == "no_agenda"
