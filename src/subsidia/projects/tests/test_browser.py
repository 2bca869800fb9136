"""Browser test: the beneficiary's signatory signs the grant agreement in the portal, and an authorising officer
who did not prepare it confirms it, which puts it in force and makes the operation active."""

import re

import pytest

from subsidia.conftest import browser_login, screenshot

from .. import services
from ..constants import AgreementStatus, OperationStatus

pytestmark = pytest.mark.browser


def test_the_beneficiary_signs_and_the_authorising_officer_confirms(page, selected, officer, approver, beneficiary):
    agreement = services.agreement_prepare(officer, selected, conditions_en="Report the buddies' hours monthly.")
    detail = f"{page.base_url}/projects/{selected.code}/?lang=en"

    # The signatory of the beneficiary finds the operation under "My projects" and signs.
    browser_login(page, beneficiary.username)
    page.goto(page.base_url + "/my-projects/?lang=en")
    page.get_by_role("link", name=selected.code).click()
    page.wait_for_url(re.compile(rf"/projects/{re.escape(selected.code)}/"))
    assert agreement.sha256 in page.locator("#agreement").inner_text()
    page.get_by_label("Signed for the beneficiary by").fill("An Peeters")
    page.get_by_label("Function of the signatory").fill("Voorzitter")
    page.locator("#sign-agreement").click()
    page.wait_for_selector("text=The signature was recorded; an authorising officer confirms it.")
    assert "Signed by the beneficiary" in page.locator("#agreement").inner_text()
    # The signatory cannot confirm their own signature: there is no such button for them.
    assert page.locator("#confirm-agreement").count() == 0
    screenshot(page, "projects-beneficiary-signed")

    # An authorising officer confirms it.
    page.context.clear_cookies()
    browser_login(page, approver.username)
    page.goto(detail)
    page.locator("#confirm-agreement").click()
    page.wait_for_selector(f"text=The agreement {agreement.reference} is in force.")
    assert "Active" in page.locator("h1 + p").inner_text()
    screenshot(page, "projects-agreement-confirmed")

    agreement.refresh_from_db()
    selected.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    assert (agreement.signatory_name, agreement.signature_recorded_by, agreement.confirmed_by) == (
        "An Peeters",
        beneficiary,
        approver,
    )
    assert selected.status == OperationStatus.ACTIVE
