"""Browser tests: a committee member votes in a written procedure; an officer records a meeting decision."""

import datetime as dt
import re

import pytest

from subsidia.conftest import browser_login, screenshot
from subsidia.core import approvals, clock
from subsidia.core.tests.factories import UserFactory

from ..models import WrittenProcedureVote
from .factories import CommitteeFactory, MeetingFactory, MemberFactory, RulesFactory, WrittenProcedureFactory

pytestmark = pytest.mark.browser


def _committee(member_user):
    committee = CommitteeFactory()
    mine = MemberFactory(committee=committee, user=member_user, name="Fatima El Idrissi", organisation="Atlas")
    others = [MemberFactory(committee=committee) for _ in range(4)]
    return committee, mine, others


def test_a_committee_member_votes_in_a_written_procedure(page):
    member_user = UserFactory(username="fatima", role="committee_member", first_name="Fatima")
    committee, mine, _others = _committee(member_user)
    procedure = WrittenProcedureFactory(
        committee=committee,
        reference="WP-2025-07",
        title="Selection criteria",
        tacit=True,
        deadline=clock.now() + dt.timedelta(days=6),
    )
    browser_login(page, "fatima")
    page.goto(page.base_url + "/committee/?lang=en")
    page.get_by_role("link", name="Read and vote").click()
    page.wait_for_url(re.compile(rf"/committee/procedures/{procedure.pk}/"))
    assert page.locator("#result").inner_text().strip().startswith("Voting continues")
    page.get_by_label("Against").check()
    page.get_by_role("button", name="Cast my vote").click()
    page.wait_for_selector("#my-vote")
    assert "Your vote was recorded." in page.content()
    assert "Against" in page.locator("#my-vote").inner_text()
    vote = WrittenProcedureVote.objects.get(procedure=procedure)
    assert (vote.seat, vote.choice, vote.recorded_by) == (mine, "against", member_user)
    # The form is gone: a second vote cannot even be attempted from the page.
    assert page.get_by_role("button", name="Cast my vote").count() == 0
    screenshot(page, "committee-member-voted")


def test_an_officer_records_a_meeting_decision(page):
    officer = UserFactory(username="secretariat", role="programme_officer")
    committee, mine, others = _committee(UserFactory(username="fatima2", role="committee_member"))
    rules = RulesFactory(committee=committee)
    req = approvals.request_approval(officer, rules)
    meeting = MeetingFactory(
        committee=committee, reference="MC-2025-03", starts_at=clock.now() - dt.timedelta(minutes=30)
    )
    from .. import services

    services.meeting_add_agenda_item(officer, meeting, title="Rules of procedure", approval_request=req)
    browser_login(page, "secretariat")
    page.goto(page.base_url + f"/committee/meetings/{meeting.pk}/?lang=en")
    for member in [mine, *others[:2]]:
        page.get_by_label(re.compile(re.escape(member.name))).check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_selector("text=Attendance recorded.")
    assert "3 of 5 voting seats occupied; the quorum is 3." in page.content()
    page.locator("#item-1 summary", has_text="Record the decision").click()
    form = page.locator("#item-1 form").first
    form.get_by_label("Decision").select_option("approved")
    form.get_by_label("Votes for").fill("3")
    form.get_by_role("button", name="Record the decision").click()
    page.wait_for_selector("text=The decision was recorded.")
    assert "3 for, 0 against, 0 abstentions" in page.locator("#item-1").inner_text()
    req.refresh_from_db()
    assert req.status == "approved" and approvals.is_approved(rules)
    screenshot(page, "committee-officer-decided")
