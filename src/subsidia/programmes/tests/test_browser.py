"""In a real browser: an officer logs in, switches to Dutch and reads the programme budget."""

import pytest

from subsidia.conftest import browser_login, screenshot


@pytest.mark.browser
def test_officer_switches_to_dutch_and_sees_the_programme_totals(page):
    from subsidia.core import demo as core_demo
    from subsidia.core.tests.factories import UserFactory
    from subsidia.programmes import demo as programme_demo
    from subsidia.programmes.models import Programme

    core_demo.load(lambda *_: None)
    programme_demo.load(lambda *_: None)
    programme = Programme.objects.get(cci=programme_demo.CCI)
    UserFactory(username="officer-browser", role="programme_officer")

    browser_login(page, "officer-browser")
    page.click("header .lang button[value=nl]")
    page.wait_for_selector("html[lang=nl]")
    page.click("nav.main >> text=Programma's")
    page.click(f"text={programme.cci}")
    assert page.locator("h1").inner_text() == "Nationaal programma AMIF 2021-2027 België"
    page.click("text=Publieke begrotingspagina")
    page.wait_for_selector("#budget-table")
    assert page.locator("[data-total=eu]").inner_text().replace("\xa0", " ") == "€ 233.000.000,00"
    assert page.locator("[data-total=total]").inner_text().replace("\xa0", " ") == "€ 290.888.889,09"
    assert page.locator("#budget-heading").inner_text() == "Begroting per specifieke doelstelling en jaar"
    assert page.locator("svg.chart").count() == 1
    screenshot(page, "programme-budget-nl")
