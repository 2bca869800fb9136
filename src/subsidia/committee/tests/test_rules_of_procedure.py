"""Rules of procedure (CPR art. 38(2)): versioned texts per language, frozen once approved, published."""

import pytest

from subsidia.core import approvals, clock
from subsidia.core.exceptions import Conflict, RuleViolation

from .. import selectors, services


def approve(officer, rules):
    req = approvals.request_approval(officer, rules)
    approvals.record_decision(
        officer, req, outcome="approved", decision_date=clock.today(), reference="MC/1", taken_in="test"
    )
    return req


def test_versions_are_frozen_once_approved(officer, committee):
    with pytest.raises(RuleViolation):
        services.rules_create_version(officer, committee, text_nl=" ")
    first = services.rules_create_version(officer, committee, text_nl="Art. 1", text_fr="Art. 1er")
    with pytest.raises(Conflict) as exc:
        services.rules_create_version(officer, committee, text_nl="Another draft")
    assert exc.value.code == "draft_exists"
    services.rules_update(officer, first, text_en="Art. 1")
    approve(officer, first)
    assert selectors.rules_in_force(committee) == first
    with pytest.raises(Conflict) as exc:
        services.rules_update(officer, first, text_nl="Art. 1 gewijzigd")
    assert exc.value.code == "rules_frozen"
    second = services.rules_create_version(officer, committee, text_nl="Art. 1 en 2")
    assert second.version == 2
    assert selectors.rules_in_force(committee) == first  # until the committee approves version 2
    approve(officer, second)
    assert selectors.rules_in_force(committee) == second


def test_the_text_follows_the_language_and_falls_back_to_dutch(committee, officer):
    rules = services.rules_create_version(officer, committee, text_nl="Nederlands", text_fr="Français")
    assert rules.text("fr") == "Français" and rules.text("en") == "Nederlands"


def test_public_page_shows_only_approved_rules(client, officer, committee):
    rules = services.rules_create_version(officer, committee, text_nl="Ontwerp", text_en="Draft text")
    url = f"/monitoring-committee/{committee.pk}/rules/1/"
    assert client.get(url).status_code == 404
    approve(officer, rules)
    page = client.get(url + "?lang=en")
    assert page.status_code == 200 and "Draft text" in page.content.decode()
    public = client.get("/monitoring-committee/?lang=en").content.decode()
    assert "Rules of procedure, version 1" in public
