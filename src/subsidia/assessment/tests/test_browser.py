"""Browser tests: an assessor declares no conflict, scores with justifications and submits; an authorising
officer approves the decision someone else prepared; the applicant downloads the decision letter."""

import re

import pytest

from subsidia.applications.models import Membership
from subsidia.conftest import browser_login, screenshot
from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory

from ..constants import AssignmentStatus, DecisionStatus
from ..models import Declaration
from . import factories as f
from .test_letters import make_letter

pytestmark = pytest.mark.browser


def test_an_assessor_declares_no_conflict_scores_and_submits(page):
    assessor = UserFactory(username="pieter", role="assessor", first_name="Pieter")
    call = f.assessment_call()
    application = f.submitted(call, title="Buddy's in Lier")
    f.eligible(application)
    assignment = f.assign(application, assessor)
    browser_login(page, "pieter")
    page.goto(page.base_url + "/assess/?lang=en")
    page.get_by_role("link", name=application.reference).click()
    page.wait_for_url(re.compile(rf"/assess/{assignment.pk}/"))
    # Before the declaration, nothing of the application's content is shown.
    assert page.locator("#score-form").count() == 0
    page.get_by_label("No, I have no conflict of interest").check()
    page.get_by_role("button", name="Declare").click()
    page.wait_for_selector("#score-form")
    criteria = list(call.award_criteria.order_by("position"))
    # A point beyond the maximum is refused with a message; nothing is lost.
    page.fill(f"#id_points_{criteria[0].pk}", "31")
    page.fill(f"#id_justification_{criteria[0].pk}", "Strong need shown by local figures.")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_selector(".errorlist")
    assert "between 0 and" in page.content()
    for criterion, points in zip(criteria, ["24.5", "22", "15", "14"], strict=True):
        page.fill(f"#id_points_{criterion.pk}", points)
        page.fill(f"#id_justification_{criterion.pk}", f"Justification for {criterion.title}.")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_selector("text=saved as a draft")
    page.get_by_role("button", name="Submit the scores").click()
    page.wait_for_selector("text=Your scores are submitted.")
    screenshot(page, "assessment-assessor-submitted")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED
    assert assignment.assessor_total is not None
    assert Declaration.objects.get(user=assessor, application=application).has_conflict is False
    assert sorted(s.justification != "" for s in assignment.scores.all()) == [True] * 4


def test_an_authorising_officer_approves_a_decision_prepared_by_someone_else(page):
    from .. import services

    officer = UserFactory(username="an", role="programme_officer", first_name="An")
    approver = UserFactory(username="marc", role="authorising_officer", first_name="Marc")
    call = f.assessment_call(budget="300000.00")
    x, y = f.assessor_user(), f.assessor_user()
    for eu, points in (("90000.00", [25, 25, 15, 15]), ("108000.00", [28, 27, 18, 17])):
        application = f.submitted(call, eu=eu)
        f.eligible(application, officer)
        f.scored(application, x, points)
        f.scored(application, y, points)
    decision = services.decision_prepare(officer, call, reasons="Ranked on the approved criteria.")
    browser_login(page, "an")
    page.goto(page.base_url + f"/manage/assessment/decisions/{decision.pk}/?lang=en")
    assert "You prepared this decision" in page.content()
    assert page.locator("#approve").count() == 0
    page.context.clear_cookies()
    browser_login(page, "marc")
    page.goto(page.base_url + f"/manage/assessment/decisions/{decision.pk}/?lang=en")
    if page.locator("#approver-declaration").count():
        page.get_by_label(re.compile("I have no interest")).check()
        page.locator("#approver-declaration button").click()
        page.wait_for_selector("#approve")
    page.locator("#approve").click()
    page.wait_for_selector("text=The decision is approved")
    screenshot(page, "assessment-decision-approved")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.APPROVED
    assert decision.approved_by == approver


def test_the_applicant_downloads_the_decision_letter(page):
    applicant = UserFactory(username="sara", role="applicant", first_name="Sara")
    application = f.submitted(f.assessment_call(), title="Buddy's in Antwerpen-Noord")
    Membership.objects.create(
        user=applicant,
        organisation=application.organisation,
        role="signatory",
        added_at=clock.now(),
        added_by=applicant,
    )
    letter = make_letter(application)
    browser_login(page, "sara")
    page.goto(page.base_url + "/results/?lang=en")
    page.get_by_role("link", name=application.reference).click()
    page.wait_for_selector("#scores")
    assert "25.50" in page.locator("#scores").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF NL").click()
    download = download_info.value
    assert download.suggested_filename == f"{letter.reference}-nl.pdf"
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    screenshot(page, "assessment-applicant-letter")
