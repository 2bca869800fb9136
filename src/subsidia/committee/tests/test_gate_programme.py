"""The approval gate with programme amendments (CPR art. 40(2)(d)): an amendment goes to the Commission only
once the committee approved its exact content; editing it afterwards visibly withdraws that approval."""

import datetime as dt
from decimal import Decimal

import pytest

from subsidia.core import approvals, clock
from subsidia.core.approval_models import ApprovalStatus
from subsidia.core.models import AuditEvent
from subsidia.programmes import services as programme_services
from subsidia.programmes.constants import VersionStatus
from subsidia.programmes.tests.factories import AllocationFactory, ProgrammeFactory
from subsidia.reference.models import SpecificObjective

from .. import services
from .factories import CommitteeFactory, MeetingFactory


@pytest.fixture
def amendment(officer):
    programme = ProgrammeFactory()
    base = programme.current_version
    base.status = VersionStatus.ADOPTED
    base.commission_decision_number = "C(2022) 1"
    base.commission_decision_date = dt.date(2022, 12, 1)
    base.justification_min_share_so1 = "Asylum is funded federally."
    base.save()
    AllocationFactory(version=base, year=2024)
    AllocationFactory(version=base, year=2025, specific_objective=SpecificObjective.objects.get(code="1"))
    return programme_services.programme_amend(officer, programme, reason="Shift EU money from 2025 to 2024")


def decide_in_meeting(officer, req, programme, members):
    committee = CommitteeFactory(programme=programme)
    from .factories import MemberFactory

    seats = [MemberFactory(committee=committee) for _ in range(members)]
    meeting = MeetingFactory(committee=committee)
    item = services.meeting_add_agenda_item(officer, meeting, title="Programme amendment", approval_request=req)
    services.meeting_record_attendance(officer, meeting, present=seats)
    return services.agenda_item_decide(officer, item, outcome="approved", votes_for=members)


def submit(api, version):
    return api.post(f"/api/v1/programme-versions/{version.pk}/submit-to-commission/", format="json")


def test_submission_is_refused_until_the_committee_approved(officer, api_as, amendment):
    api = api_as(officer)
    response = submit(api, amendment)
    assert response.status_code == 409 and response.json()["code"] == "not_approved"
    assert response.json()["detail"]
    amendment.refresh_from_db()
    assert amendment.status == VersionStatus.DRAFT

    req = approvals.request_approval(officer, amendment)
    response = submit(api, amendment)  # pending is not approved
    assert response.status_code == 409
    decide_in_meeting(officer, req, amendment.programme, members=3)
    response = submit(api, amendment)
    assert response.status_code == 200, response.json()
    amendment.refresh_from_db()
    assert amendment.status == VersionStatus.SUBMITTED and amendment.submitted_on == clock.today()


def test_editing_the_budget_after_approval_withdraws_it_visibly(officer, api_as, client, amendment):
    req = approvals.request_approval(officer, amendment)
    decide_in_meeting(officer, req, amendment.programme, members=3)
    allocation = amendment.allocations.get(year=2024)
    programme_services.allocation_update(officer, allocation, eu_contribution=Decimal("740000.00"))
    req.refresh_from_db()
    assert req.status == ApprovalStatus.WITHDRAWN
    assert AuditEvent.objects.filter(action="approval.withdrawn", object_id=str(req.pk)).exists()
    assert submit(api_as(officer), amendment).status_code == 409
    client.force_login(officer)
    page = client.get(f"/programmes/{amendment.programme_id}/versions/{amendment.number}/?lang=en").content.decode()
    assert "no longer applies" in page
    detail = client.get(f"/committee/approvals/{req.pk}/?lang=en").content.decode()
    assert "Approval withdrawn." in detail and "changed since it was submitted" in detail


def test_a_title_typo_fix_after_approval_keeps_it(officer, api_as, amendment):
    req = approvals.request_approval(officer, amendment)
    decide_in_meeting(officer, req, amendment.programme, members=3)
    programme_services.version_update(officer, amendment, title_en="AMIF programme (typo fixed)")
    assert approvals.is_approved(amendment)
    assert submit(api_as(officer), amendment).status_code == 200


def test_the_amendment_is_listed_for_the_committee(client, officer, amendment):
    client.force_login(officer)
    page = client.get("/committee/approvals/submit/?lang=en").content.decode()
    assert amendment.approval_label() in page
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(amendment)
    response = client.post(f"/committee/approvals/submit/{ct.pk}/{amendment.pk}/", {"note": "Shift to 2024"})
    assert response.status_code == 302
    req = approvals.requests_for(amendment).get()
    assert req.status == ApprovalStatus.PENDING and req.note == "Shift to 2024"
