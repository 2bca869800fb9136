"""Every operation page answers in nl, fr and en for the people it is for; a bad id is a 404, a page of an action
the role does not allow a 403, bad input a message on the page, never a 500."""

import datetime as dt

import pytest
from django.test import Client

from subsidia.core.tests.factories import UserFactory

from .. import services
from ..constants import AgreementStatus, AmendmentStatus, OperationStatus, ReportStatus
from .conftest import SIGNED_AT, travel

pytestmark = pytest.mark.django_db

LANGUAGES = ["nl", "fr", "en"]
# A heading of each page, as the visitor reads it in each language (the translations are complete).
FINANCING = {"nl": "Financiering", "fr": "Financement", "en": "Financing"}
OPERATIONS = {"nl": "Concrete acties", "fr": "Opérations", "en": "Operations"}
MY_PROJECTS = {"nl": "Mijn projecten", "fr": "Mes projets", "en": "My projects"}


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def file(active, officer, beneficiary):
    """The active operation with a draft amendment, a new draft agreement version and a draft report."""
    amendment = services.amendment_prepare(officer, active, reason="Later einde.", new_end_date=dt.date(2028, 3, 31))
    with travel(SIGNED_AT):
        agreement = services.agreement_prepare(officer, active, conditions_nl="Nieuwe voorwaarde.")
    report = services.report_create(beneficiary, active, period_start=active.start_date)
    return {"operation": active, "amendment": amendment, "agreement": agreement, "report": report}


def officer_pages(file):
    o, code = file["operation"], file["operation"].code
    a, m, r = file["agreement"], file["amendment"], file["report"]
    return [
        "/projects/",
        f"/projects/{code}/",
        f"/projects/{code}/details/",
        f"/projects/{code}/complete/",
        f"/projects/{code}/agreements/{a.pk}/edit/",
        f"/projects/{code}/agreements/{a.pk}/cancel/",
        f"/projects/{code}/amendments/new/",
        f"/projects/{code}/amendments/{m.pk}/edit/",
        f"/projects/{code}/reports/{r.pk}/",
    ], o


def beneficiary_pages(file):
    code = file["operation"].code
    return ["/my-projects/", f"/projects/{code}/", f"/projects/{code}/reports/{file['report'].pk}/"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_officer_pages_answer_in_each_language(file, officer, language):
    client = client_for(officer)
    pages, _operation = officer_pages(file)
    for url in pages:
        response = client.get(url, {"lang": language})
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode(), url
    assert OPERATIONS[language] in client.get("/projects/", {"lang": language}).content.decode()
    assert FINANCING[language] in client.get(pages[1], {"lang": language}).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_authorising_officers_pages_answer_in_each_language(file, approver, language):
    client = client_for(approver)
    code = file["operation"].code
    for url in ("/projects/", f"/projects/{code}/", f"/projects/{code}/terminate/"):
        response = client.get(url, {"lang": language})
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_beneficiary_pages_answer_in_each_language(file, beneficiary, language):
    client = client_for(beneficiary)
    for url in beneficiary_pages(file):
        response = client.get(url, {"lang": language})
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode(), url
    assert MY_PROJECTS[language] in client.get("/my-projects/", {"lang": language}).content.decode()
    detail = client.get(f"/projects/{file['operation'].code}/", {"lang": language}).content.decode()
    # The beneficiary's signatory sees the form to sign the open version.
    assert 'id="sign-agreement"' in detail


@pytest.mark.parametrize("language", LANGUAGES)
def test_exports_and_the_agreement_pdf_in_each_language(file, officer, beneficiary, language):
    client = client_for(officer)
    xlsx = client.get("/projects/operations.xlsx", {"lang": language})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    csv = b"".join(client.get("/projects/operations.csv", {"lang": language}).streaming_content).decode("utf-8")
    assert file["operation"].code in csv
    pdf = client_for(beneficiary).get(
        f"/projects/{file['operation'].code}/agreements/{file['agreement'].pk}/agreement.pdf", {"lang": language}
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_csv_export_has_the_headers_in_the_language_and_semicolons_on_request(file, officer):
    client = client_for(officer)
    text = b"".join(client.get("/projects/operations.csv", {"lang": "en"}).streaming_content).decode("utf-8")
    header = text.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("Operation code,Call,Status,Beneficiary")
    semicolon = b"".join(
        client.get("/projects/operations.csv", {"lang": "en", "sep": "semicolon"}).streaming_content
    ).decode("utf-8")
    assert "75000,00" in semicolon or "90000,00" in semicolon or ";" in semicolon.splitlines()[1]
    assert client_for(UserFactory(role="applicant")).get("/projects/operations.csv").status_code == 403


def test_filters_narrow_the_officers_list(file, officer):
    client = client_for(officer)
    code = file["operation"].code
    assert code in client.get("/projects/", {"q": code}).content.decode()
    assert code not in client.get("/projects/", {"q": "no such operation"}).content.decode()
    assert code in client.get("/projects/", {"status": "active"}).content.decode()
    assert code not in client.get("/projects/", {"status": "completed"}).content.decode()
    assert client.get("/projects/", {"status": "nonsense", "region": "??", "nuts": "X" * 50}).status_code == 200


def test_bad_ids_are_a_404(file, officer, approver, beneficiary):
    code, other = file["operation"].code, "AMIF-NOPE-0000-0000"
    a, m, r = file["agreement"].pk, file["amendment"].pk, file["report"].pk
    client = client_for(officer)
    gets = [
        f"/projects/{other}/",
        f"/projects/{other}/details/",
        f"/projects/{code}/agreements/999999/edit/",
        f"/projects/{code}/agreements/999999/cancel/",
        f"/projects/{code}/agreements/999999/agreement.pdf",
        f"/projects/{code}/agreements/{a}/agreement.pdf?lang=xx",
        f"/projects/{code}/amendments/999999/edit/",
        f"/projects/{code}/reports/999999/",
        f"/projects/{other}/reports/{r}/",
        f"/projects/{other}/amendments/{m}/edit/",
        f"/projects/{other}/agreements/{a}/agreement.pdf",
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    posts = [
        f"/projects/{code}/agreements/999999/sign/",
        f"/projects/{code}/agreements/999999/confirm/",
        f"/projects/{code}/amendments/999999/submit/",
        f"/projects/{code}/amendments/999999/approve/",
        f"/projects/{code}/reports/999999/submit/",
        f"/projects/{code}/reports/999999/accept/",
        f"/projects/{other}/reports/new/",
    ]
    for url in posts:
        assert client.post(url).status_code == 404, url
    # Someone else's operation does not exist for an applicant of another organisation.
    stranger = client_for(UserFactory(role="applicant"))
    assert stranger.get(f"/projects/{code}/").status_code == 404
    assert stranger.get(f"/projects/{code}/agreements/{a}/agreement.pdf").status_code == 404
    assert stranger.post(f"/projects/{code}/agreements/{a}/sign/", {"signatory_name": "X"}).status_code == 404


def test_pages_for_actions_the_role_does_not_allow_are_a_403(file, officer, beneficiary):
    code = file["operation"].code
    client = client_for(beneficiary)
    for url in (
        "/projects/",
        "/projects/operations.xlsx",
        f"/projects/{code}/details/",
        f"/projects/{code}/complete/",
        f"/projects/{code}/terminate/",
        f"/projects/{code}/agreements/new/",
        f"/projects/{code}/agreements/{file['agreement'].pk}/edit/",
        f"/projects/{code}/amendments/new/",
    ):
        assert client.get(url).status_code == 403, url
    # An officer cannot end an operation early (an authorising officer does).
    assert client_for(officer).get(f"/projects/{code}/terminate/").status_code == 403


def test_bad_input_is_answered_with_a_message_and_changes_nothing(file, officer, approver):
    operation, code = file["operation"], file["operation"].code
    client = client_for(officer)
    cases = [
        (f"/projects/{code}/details/", {"postcode": "0000", "intervention_field": "x"}),
        (f"/projects/{code}/complete/", {"actual_end_date": "not a date", "achievements": ""}),
        (f"/projects/{code}/complete/", {"actual_end_date": "2027-06-30", "achievements": "Klaar."}),
        (f"/projects/{code}/agreements/{file['agreement'].pk}/cancel/", {"reason": ""}),
        (f"/projects/{code}/amendments/{file['amendment'].pk}/edit/", {"reason": "", "new_eu_contribution": "-5"}),
        (f"/projects/{code}/amendments/{file['amendment'].pk}/edit/", {"reason": "x", "new_eu_contribution": "1e999"}),
        (
            f"/projects/{code}/amendments/{file['amendment'].pk}/edit/",
            {"reason": "Te veel.", "new_eu_contribution": "99999999.00"},
        ),
        (f"/projects/{code}/agreements/{file['agreement'].pk}/sign/", {"signatory_name": "", "signed_on": "x"}),
    ]
    for url, data in cases:
        response = client.post(url, data)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "errorlist" in body or "notice err" in body, url
    operation.refresh_from_db()
    assert operation.status == OperationStatus.ACTIVE
    file["agreement"].refresh_from_db()
    assert file["agreement"].status == AgreementStatus.DRAFT
    file["amendment"].refresh_from_db()
    assert file["amendment"].status == AmendmentStatus.DRAFT and file["amendment"].new_eu_contribution is None
    # A report submitted before its period ends: a message, still a draft.
    response = client_for(operation.beneficiary.memberships.get().user).post(
        f"/projects/{code}/reports/{file['report'].pk}/submit/", follow=True
    )
    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])
    file["report"].refresh_from_db()
    assert file["report"].status == ReportStatus.DRAFT


def test_the_preparer_cannot_confirm_and_gets_a_message(active, officer, approver, beneficiary):
    officer.groups.add(*approver.groups.all())
    with travel(SIGNED_AT):
        agreement = services.agreement_prepare(officer, active)
        services.agreement_sign(beneficiary, agreement, signatory_name="An Peeters")
        response = client_for(officer).post(f"/projects/{active.code}/agreements/{agreement.pk}/confirm/", follow=True)
    assert response.status_code == 200
    assert any(m.level_tag == "error" for m in response.context["messages"])
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED


def test_an_amendment_goes_from_draft_to_approved_through_the_pages(file, officer, approver):
    code, amendment = file["operation"].code, file["amendment"]
    client_for(officer).post(f"/projects/{code}/amendments/{amendment.pk}/submit/")
    page = client_for(approver).post(f"/projects/{code}/amendments/{amendment.pk}/reject/", {"note": ""})
    assert page.status_code == 200 and "errorlist" in page.content.decode()
    client_for(approver).post(f"/projects/{code}/amendments/{amendment.pk}/approve/", {"note": "Akkoord."})
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.APPROVED
    file["operation"].refresh_from_db()
    assert file["operation"].end_date == dt.date(2028, 3, 31)
