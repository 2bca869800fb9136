"""In a real browser: a stakeholder answers through the invitation link without an account; the results page
shows its charts."""

import pytest

from subsidia.conftest import browser_login, screenshot
from subsidia.core.tests.factories import UserFactory

from .. import services
from ..constants import QuestionKind, StakeholderType
from ..models import AnswerChoice, Response
from .factories import complete_answers, invite, survey_with_questions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_stakeholder_answers_through_the_invitation_link_without_an_account(page):
    survey = survey_with_questions(title_en="How can newcomers take part?")
    invitation, token = invite(survey, name="Buurtwerk De Brug", language="en")
    questions = {q.kind: q for q in survey.questions.prefetch_related("options")}
    page.goto(f"{page.base_url}/survey/{token}/")
    assert page.locator("h1").inner_text() == "How can newcomers take part?"
    assert "Buurtwerk De Brug" in page.content()
    assert page.locator("a[href*='logout']").count() == 0  # nobody is logged in

    single = questions[QuestionKind.SINGLE_CHOICE]
    page.check(f"#q{single.pk}-{single.options.all()[1].pk}")
    multiple = questions[QuestionKind.MULTIPLE_CHOICE]
    for option in multiple.options.all()[:2]:
        page.check(f"#q{multiple.pk}-{option.pk}")
    ranking = questions[QuestionKind.RANKING]
    options = list(ranking.options.all())
    # A place used twice: refused with a message, nothing saved.
    for option, place in zip(options, ("1", "1", "3"), strict=True):
        page.select_option(f"#q{ranking.pk}_{option.pk}", place)
    page.check(f"#q{questions[QuestionKind.SCALE].pk}-5")
    page.fill(f"#q{questions[QuestionKind.NUMBER].pk}", "12,5")
    page.fill(f"#q{questions[QuestionKind.FREE_TEXT].pk}", "More buddies in sports clubs.")
    page.click("button[value=submit]")
    assert page.locator("#form-errors").is_visible()
    assert "exactly once" in page.locator(f"#q{ranking.pk}-error").inner_text()
    assert not Response.objects.exists()

    for option, place in zip(options, ("2", "1", "3"), strict=True):
        page.select_option(f"#q{ranking.pk}_{option.pk}", place)
    page.click("button[value=save]")
    assert "draft" in page.locator(".messages").inner_text()
    screenshot(page, "consultations-stakeholder-draft")
    assert Response.objects.get().submitted_at is None

    page.click("button[value=submit]")
    assert "Thank you" in page.locator("[role=status]").inner_text()
    screenshot(page, "consultations-stakeholder-answered")
    response = Response.objects.get(invitation=invitation)
    assert response.is_submitted
    first = AnswerChoice.objects.get(answer__response=response, answer__question=ranking, rank=1)
    assert first.option == options[1]

    page.goto(f"{page.base_url}/survey/{token}/")
    assert "can no longer be changed" in page.content()
    assert "More buddies in sports clubs." in page.content()


def test_the_results_page_shows_its_charts(page):
    survey = survey_with_questions(title_en="Priorities for integration")
    for stakeholder_type in [StakeholderType.LOCAL_GOVERNMENT] * 5 + [StakeholderType.CIVIL_SOCIETY] * 5:
        _invitation, token = invite(survey, stakeholder_type=stakeholder_type)
        services.response_save(token, complete_answers(survey), submit=True)
    UserFactory(username="results-reader", role="committee_member")
    browser_login(page, "results-reader")
    page.goto(f"{page.base_url}/consultations/{survey.pk}/results/?lang=en")
    overall_charts = page.locator("svg.chart[role=img]").count()
    assert overall_charts >= 4
    ranking_chart = page.locator("svg#chart-q3")  # the third question is the ranking
    assert "Borda" in ranking_chart.locator("title").first.text_content()
    assert ranking_chart.locator("rect").count() == 3
    assert ranking_chart.bounding_box()["height"] > 50
    page.click("text=Break down by stakeholder type")
    assert page.locator("svg.chart").count() > overall_charts
    screenshot(page, "consultations-results")
