"""The demo: twenty applications submitted to the closed call through the services, the applicant's draft
on the closed call refused with 409, and a reload that changes nothing."""

import io

import pytest
from django.core.management import call_command

from subsidia.applications.demo import APPLICANT_ORGANISATION, CLOSED_CALL, OPEN_CALL
from subsidia.applications.models import Application, Organisation, Submission
from subsidia.calls.models import Call
from subsidia.core.demo import demo_user
from subsidia.reference.postcodes import is_valid_enterprise_number


@pytest.mark.django_db
def test_demo_applications_and_the_409_for_the_applicants_draft(demo, api_as):
    closed = Call.objects.get(reference=CLOSED_CALL)
    submitted = Application.objects.filter(call=closed, status="submitted")
    assert 18 <= submitted.count() <= 22
    assert all(s.verify() for s in Submission.objects.all())
    totals = sorted(a.total_eligible_cost for a in submitted)
    assert totals[0] < 200_000 < totals[-1]  # under and over the art. 53(2) threshold
    assert all(
        a.organisation.enterprise_number == "" or is_valid_enterprise_number(a.organisation.enterprise_number)
        for a in submitted
    )
    assert all(a.submitted_at < closed.closes_at for a in submitted)

    applicant = demo_user("applicant")
    listed = api_as(applicant).get("/api/v1/applications/").json()["results"]
    assert [r["status"] for r in listed] == ["draft"]
    assert listed[0]["call"] == closed.pk
    response = api_as(applicant).post(f"/api/v1/applications/{listed[0]['id']}/submit/", format="json")
    assert response.status_code == 409
    assert (
        Organisation.objects.get(legal_name=APPLICANT_ORGANISATION).memberships.get(user=applicant).role == "signatory"
    )
    assert Call.objects.get(reference=OPEN_CALL).effective_status() == "open"

    count = Application.objects.count()
    call_command("load_demo", "--quiet-logins", stdout=io.StringIO())
    assert Application.objects.count() == count
