"""In the browser: an applicant registers an organisation, fills a budget, sees the EU grant computed, submits
and downloads the receipt; a submission after the deadline is refused."""

import datetime as dt
import shutil
import subprocess

import pytest
import time_machine

from subsidia.applications.models import Application
from subsidia.conftest import browser_login, screenshot
from subsidia.core import clock
from subsidia.core.canonical import sha256_text
from subsidia.core.tests.factories import UserFactory
from subsidia.reference.models import Indicator

from .factories import PDF_BYTES, CallFactory, complete_draft, enterprise_number

pytestmark = pytest.mark.browser


def test_applicant_registers_fills_the_budget_sees_the_eu_grant_submits_and_downloads_the_receipt(page, tmp_path):
    CallFactory()
    UserFactory(username="sara", role="applicant", first_name="Sara", last_name="Vermeulen")
    year = clock.today().year + 1
    browser_login(page, "sara")

    page.goto(page.base_url + "/applications/")
    page.get_by_role("link", name="Register an organisation").click()
    page.fill("#id_legal_name", "Buren aan Zet vzw")
    page.select_option("#id_legal_form", "vzw")
    page.select_option("#id_organisation_type", "migrant_led")
    page.fill("#id_enterprise_number", enterprise_number(4242))
    page.fill("#id_street", "Kerkstraat 12")
    page.fill("#id_postcode", "2000")
    page.fill("#id_city", "Antwerpen")
    page.wait_for_selector("#nuts-hint >> text=BE21")
    page.get_by_role("button", name="Register").click()
    page.wait_for_selector("h1:has-text('Buren aan Zet vzw')")

    page.goto(page.base_url + "/applications/")
    page.get_by_role("link", name="Start an application").click()
    page.fill("#id_title", "Buddy's in de buurt")
    page.get_by_role("button", name="Start").click()
    page.wait_for_selector('h1:has-text("Buddy\'s in de buurt")')
    application = Application.objects.get(title="Buddy's in de buurt")
    base = f"{page.base_url}/applications/{application.pk}"

    page.goto(base + "/project/")
    page.fill("#id_summary", "Duo's van nieuwkomers en buren.")
    page.fill("#id_objectives", "Sociale netwerken uitbreiden.")
    page.fill("#id_start_date", f"{year}-01-01")
    page.fill("#id_end_date", f"{year}-12-31")
    page.get_by_role("button", name="Save").click()

    page.goto(base + "/parts/activities/")
    page.fill("#id_activity-title", "Matching van duo's")
    page.fill("#id_activity-start_date", f"{year}-01-01")
    page.fill("#id_activity-end_date", f"{year}-12-31")
    page.get_by_role("button", name="Save").click()

    page.goto(base + "/parts/target_groups/")
    page.fill("#id_target_group-name", "Nieuwkomers")
    page.fill("#id_target_group-expected_people", "80")
    page.locator("#form-target_group").get_by_role("button", name="Save").click()
    page.fill("#id_location-postcode", "2000")
    page.fill("#id_location-municipality", "Antwerpen")
    page.locator("#form-location").get_by_role("button", name="Save").click()

    page.goto(base + "/parts/indicators/")
    page.select_option("#id_indicator_target-indicator", str(Indicator.objects.get(code="O.2.3").pk))
    for field, value in (
        ("target", "80"),
        ("age_under_18", "10"),
        ("age_18_60", "60"),
        ("age_over_60", "10"),
        ("women", "40"),
        ("men", "38"),
        ("non_binary", "2"),
    ):
        page.fill(f"#id_indicator_target-{field}", value)
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("td:has-text('O.2.3')")

    # Budget: real staff costs with 40 % for all other costs (CPR art. 56), a simplified budget.
    page.goto(base + "/budget/")
    page.uncheck("input[value=flat_rate_indirect_direct_costs]")
    page.check("input[value=flat_rate_other_costs_staff]")
    page.get_by_role("button", name="Apply these flat rates").click()
    page.select_option("#id_call_option", label="Real costs: Staff costs")
    page.select_option("#id_year", str(year))
    page.fill("#id_description", "Coördinator")
    page.fill("#id_amount", "60000")
    # The preview recomputes while typing: 60 000 + 40 % = 84 000; EU grant 75 % = 63 000.
    page.wait_for_selector("#eu-grant:has-text('63,000.00')")
    assert "84,000.00" in page.inner_text("#total-eligible-cost")
    screenshot(page, "applications-budget-live")
    page.get_by_role("button", name="Save the line").click()
    page.wait_for_selector("#eu-grant:has-text('63,000.00')")

    page.goto(base + "/cofinancing/")
    page.get_by_role("button", name="Let the own contribution cover the rest").click()
    page.wait_for_selector("text=The plan adds up.")

    page.goto(base + "/attachments/")
    page.select_option("#id_requirement", label="Statutes")
    page.set_input_files(
        "#id_upload", files=[{"name": "statuten.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_selector("a:has-text('statuten.pdf')")

    page.goto(base + "/")
    page.check("#id_on_honour")
    page.check("#id_no_double_funding")
    page.check("#id_not_completed")
    page.get_by_role("button", name="Submit the application").click()
    page.wait_for_selector("#submission-sha256")
    screenshot(page, "applications-submitted")
    application.refresh_from_db()
    assert application.status == "submitted"
    sha = application.submission.sha256
    assert page.inner_text("#submission-sha256") == sha == sha256_text(application.submission.content)

    with page.expect_download() as download_info:
        page.click("#download-receipt")
    path = tmp_path / "receipt.pdf"
    download_info.value.save_as(path)
    content = path.read_bytes()
    assert content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout.decode()
        assert sha in "".join(text.split())


def test_submission_after_the_deadline_is_refused_in_the_browser(page):
    closes = clock.now() - dt.timedelta(days=1)
    opens = closes - dt.timedelta(days=30)
    user = UserFactory(username="late", role="applicant")
    with time_machine.travel(opens + dt.timedelta(days=1), tick=False):
        call = CallFactory(opens_at=opens, closes_at=closes)
        draft = complete_draft(user, call)
    browser_login(page, "late")
    page.goto(f"{page.base_url}/applications/{draft.pk}/")
    assert "closed" in page.inner_text("main")
    page.get_by_role("button", name="Submit the application").click()
    page.wait_for_selector(".messages .err")
    screenshot(page, "applications-refused-after-deadline")
    assert "no longer accepted" in page.inner_text(".messages")
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert not hasattr(draft, "submission")
