"""The operation pages: who sees what, every action through its service, bad input answered with a message."""

import datetime as dt

import pytest
from django.test import Client

from subsidia.core.models import AuditEvent

from ..constants import AgreementStatus, AmendmentStatus, ReportStatus
from .conftest import BRUSSELS, SIGNED_AT, travel

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_officers_list_operations_with_totals_and_applicants_are_refused(selected, officer, applicant):
    page = client_for(officer).get("/projects/")
    assert page.status_code == 200
    assert selected.code in page.content.decode()
    assert client_for(applicant).get("/projects/").status_code == 403


def test_garbage_filters_are_answered_without_a_500(selected, officer):
    page = client_for(officer).get("/projects/", {"year": "abc", "call": "NOPE", "page": "x"})
    assert page.status_code == 200


def test_the_officers_export_is_an_xlsx(selected, officer):
    response = client_for(officer).get("/projects/operations.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_the_beneficiary_sees_its_operation_and_others_get_a_404(selected, beneficiary, applicant):
    assert selected.code in client_for(beneficiary).get("/my-projects/").content.decode()
    assert client_for(beneficiary).get(f"/projects/{selected.code}/").status_code == 200
    assert client_for(applicant).get(f"/projects/{selected.code}/").status_code == 404
    assert Client().get(f"/projects/{selected.code}/").status_code == 302


def test_the_agreement_is_prepared_signed_and_confirmed_through_the_pages(selected, officer, approver, beneficiary):
    with travel(SIGNED_AT):
        client_for(officer).post(f"/projects/{selected.code}/agreements/new/", {"conditions_nl": "Voorwaarde."})
        agreement = selected.agreements.get()
        signed = client_for(beneficiary).post(
            f"/projects/{selected.code}/agreements/{agreement.pk}/sign/",
            {"signatory_name": "An Peeters", "signatory_function": "Voorzitter", "signed_on": "2026-05-20"},
        )
        assert signed.status_code == 302
        client_for(approver).post(f"/projects/{selected.code}/agreements/{agreement.pk}/confirm/")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE


def test_a_signature_with_a_bad_date_is_shown_again_with_a_message(selected, officer, beneficiary):
    from .. import services

    agreement = services.agreement_prepare(officer, selected)
    page = client_for(beneficiary).post(
        f"/projects/{selected.code}/agreements/{agreement.pk}/sign/", {"signatory_name": "An", "signed_on": "31/02"}
    )
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_the_agreement_pdf_comes_in_the_binding_language_and_translations(active, beneficiary):
    agreement = active.agreements.get()
    for lang in ("nl", "fr", "en"):
        response = client_for(beneficiary).get(
            f"/projects/{active.code}/agreements/{agreement.pk}/agreement.pdf", {"lang": lang}
        )
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
    bad = client_for(beneficiary).get(
        f"/projects/{active.code}/agreements/{agreement.pk}/agreement.pdf", {"lang": "xx"}
    )
    assert bad.status_code == 404


def test_the_preparer_clicking_approve_gets_a_message_and_nothing_changes(active, officer, approver):
    officer.groups.add(*approver.groups.all())
    client = client_for(officer)
    client.post(f"/projects/{active.code}/amendments/new/", {"reason": "Later.", "new_end_date": "2028-03-31"})
    amendment = active.amendments.get()
    client.post(f"/projects/{active.code}/amendments/{amendment.pk}/submit/")
    page = client.post(f"/projects/{active.code}/amendments/{amendment.pk}/approve/", {"note": ""})
    assert (page.status_code == 200 and "errorlist" in page.content.decode()) or "notice err" in page.content.decode()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED


def test_an_amendment_with_a_budget_shift_through_the_form(active, officer, approver):
    year = active.start_date.year
    client_for(officer).post(
        f"/projects/{active.code}/amendments/new/",
        {
            "reason": "Meer personeel.",
            "change_budget": "on",
            f"line_staff_{year}": "70000.00",
            f"line_all_other_{year}": "14000.00",
        },
    )
    amendment = active.amendments.get()
    client_for(officer).post(f"/projects/{active.code}/amendments/{amendment.pk}/submit/")
    client_for(approver).post(f"/projects/{active.code}/amendments/{amendment.pk}/approve/", {"note": "Akkoord."})
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.APPROVED
    assert active.budget_lines.get(category="staff").amount == 70000


def test_the_beneficiary_reports_progress_through_the_pages(active, beneficiary, officer):
    target = active.indicator_targets.get()
    with travel(dt.datetime(2027, 7, 2, 9, 0, tzinfo=BRUSSELS)):
        client = client_for(beneficiary)  # logged in at that time: a session opened earlier would have expired
        response = client.post(f"/projects/{active.code}/reports/new/", {"period_start": "2027-01-01"})
        report = active.progress_reports.get()
        assert response.status_code == 302
        fields = {
            "narrative": "Veertig duo's.",
            f"t{target.pk}_value": "40",
            f"t{target.pk}_age_under_18": "5",
            f"t{target.pk}_age_18_60": "30",
            f"t{target.pk}_age_over_60": "5",
            f"t{target.pk}_women": "20",
            f"t{target.pk}_men": "18",
            f"t{target.pk}_non_binary": "2",
        }
        client.post(f"/projects/{active.code}/reports/{report.pk}/", fields)
        client.post(f"/projects/{active.code}/reports/{report.pk}/submit/")
        client_for(officer).post(f"/projects/{active.code}/reports/{report.pk}/accept/", {"note": ""})
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert AuditEvent.objects.filter(action="progress_report.accepted").exists()


def test_a_breakdown_that_does_not_add_up_is_shown_with_a_message(active, beneficiary):
    target = active.indicator_targets.get()
    with travel(dt.datetime(2027, 7, 2, 9, 0, tzinfo=BRUSSELS)):
        client = client_for(beneficiary)  # logged in at that time: a session opened earlier would have expired
        client.post(f"/projects/{active.code}/reports/new/", {"period_start": "2027-01-01"})
        report = active.progress_reports.get()
        page = client.post(
            f"/projects/{active.code}/reports/{report.pk}/",
            {"narrative": "x", f"t{target.pk}_value": "40", f"t{target.pk}_women": "1"},
        )
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    assert not report.values.exists()


def test_a_bad_period_is_refused_with_a_message(active, beneficiary):
    response = client_for(beneficiary).post(f"/projects/{active.code}/reports/new/", {"period_start": "garbage"})
    assert response.status_code == 302 and not active.progress_reports.exists()


def test_the_detail_page_renders_in_each_language(active, officer):
    client = client_for(officer)
    for language in ("nl", "fr", "en"):
        page = client.get(f"/projects/{active.code}/", HTTP_ACCEPT_LANGUAGE=language)
        assert page.status_code == 200
