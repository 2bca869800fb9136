"""Pages of the assessment app: they answer in each language for the right people, bad ids are a 404, bad input
gets a message and never a 500. Rows are built with the factories; the services have their own tests."""

import pytest

from subsidia.applications.models import Membership
from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory

from . import factories as f


@pytest.fixture
def setup(db, officer):
    call = f.assessment_call()
    a1 = f.submitted(call, eu="100000.00")
    a2 = f.submitted(call, eu="120000.00")
    a3 = f.submitted(call, eu="90000.00")
    for a in (a1, a2, a3):
        f.eligible(a, officer)
    x, y = f.assessor_user("assessor-x"), f.assessor_user("assessor-y")
    f.scored(a1, x, [25, 25, 15, 15])
    f.scored(a1, y, [20, 20, 10, 10])
    f.scored(a2, x, [28, 28, 18, 18])
    f.scored(a2, y, [27, 27, 17, 17])
    f.scored(a3, x, [10, 10, 5, 5])
    f.scored(a3, y, [12, 12, 6, 6])
    pending = f.assign(f.submitted(call), UserFactory(role="assessor", username="assessor-z"))
    return {"call": call, "applications": [a1, a2, a3], "x": x, "pending": pending}


def staff_pages(setup):
    call, a1 = setup["call"], setup["applications"][0]
    return [
        "/manage/assessment/",
        f"/manage/assessment/calls/{call.pk}/",
        f"/manage/assessment/calls/{call.pk}/assignments/",
        f"/manage/assessment/calls/{call.pk}/ranking/",
        f"/manage/assessment/calls/{call.pk}/ranking/?budget=150000&overall=50",
        f"/manage/assessment/calls/{call.pk}/complaints/",
        f"/manage/assessment/applications/{a1.pk}/check/",
    ]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_staff_pages_answer_in_each_language(client, setup, officer, approver, language):
    for user in (officer, approver):
        client.force_login(user)
        for url in staff_pages(setup):
            sep = "&" if "?" in url else "?"
            response = client.get(f"{url}{sep}lang={language}")
            assert response.status_code == 200, (url, user)
            assert f'lang="{language}"' in response.content.decode()


def test_staff_pages_are_closed_to_others(client, setup, applicant):
    for user in (applicant, setup["x"]):
        client.force_login(user)
        for url in staff_pages(setup):
            assert client.get(url).status_code in (403, 404), url
    client.logout()
    for url in staff_pages(setup):
        assert client.get(url).status_code == 302, url


def test_ranking_shows_funding_line_reserve_and_flag(client, setup, officer):
    client.force_login(officer)
    html = client.get(f"/manage/assessment/calls/{setup['call'].pk}/ranking/?lang=en").content.decode()
    a1, a2, a3 = setup["applications"]
    # a2 first (90), a1 second (75, assessors 20 apart: flagged), a3 below the thresholds
    assert html.index(a2.reference) < html.index(a1.reference) < html.index(a3.reference)
    assert "assessors differ" in html
    assert "Below a threshold" in html


def test_what_if_saves_nothing_and_bad_input_is_a_message(client, setup, officer):
    client.force_login(officer)
    url = f"/manage/assessment/calls/{setup['call'].pk}/ranking/"
    response = client.get(url, {"budget": "100000", "lang": "en"})
    assert response.status_code == 200
    assert "nothing is saved" in response.content.decode()
    response = client.get(url, {"budget": "lots", "overall": "1.234", "lang": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter an amount" in html and "at most two decimals" in html
    # HTMX asks for the result only
    response = client.get(url, {"budget": "100000"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.content.decode()


def test_ranking_xlsx(client, setup, officer):
    client.force_login(officer)
    response = client.get(f"/manage/assessment/calls/{setup['call'].pk}/ranking.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_bad_ids_are_404(client, setup, officer):
    client.force_login(officer)
    for url in (
        "/manage/assessment/calls/999999/",
        "/manage/assessment/calls/999999/ranking/",
        "/manage/assessment/applications/999999/check/",
        "/manage/assessment/decisions/999999/",
        "/manage/assessment/complaints/999999/",
        "/results/999999/",
        "/results/letters/999999/nl.pdf",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post("/manage/assessment/applications/999999/check/conclude/").status_code == 404
    assert (
        client.post(f"/manage/assessment/applications/{setup['applications'][0].pk}/check/nonsense/").status_code == 403
    )


def test_assessor_sees_only_own_assignments(client, setup):
    pending = setup["pending"]
    client.force_login(setup["x"])
    assert client.get("/assess/?lang=nl").status_code == 200
    assert client.get(f"/assess/{pending.pk}/").status_code == 404  # someone else's
    client.force_login(pending.assessor)
    html = client.get(f"/assess/{pending.pk}/?lang=en").content.decode()
    assert "Conflict of interest" in html
    assert pending.application.objectives not in html or not pending.application.objectives


def test_scores_bad_input_is_a_message(client, setup):
    assignment = f.assign(setup["applications"][0], f.assessor_user("assessor-w"), status="accepted")
    client.force_login(assignment.assessor)
    criteria = list(setup["call"].award_criteria.order_by("position"))
    data = {f"points_{criteria[0].pk}": "31", f"justification_{criteria[0].pk}": "x", "save": "1"}
    data[f"points_{criteria[1].pk}"] = "abc"
    response = client.post(f"/assess/{assignment.pk}/?lang=en", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "between 0 and" in html and "at most two decimals" in html
    assert not assignment.scores.exists()


def test_a_refused_submission_saves_nothing_of_the_sheet(client, setup):
    assignment = f.assign(setup["applications"][0], f.assessor_user("assessor-v"), status="accepted")
    client.force_login(assignment.assessor)
    first = setup["call"].award_criteria.order_by("position").first()
    data = {f"points_{first.pk}": "20", f"justification_{first.pk}": "Goed onderbouwd.", "submit": "1"}
    response = client.post(f"/assess/{assignment.pk}/?lang=en", data)  # the other criteria have no score yet
    assert response.status_code == 200
    assert not assignment.scores.exists()
    assignment.refresh_from_db()
    assert assignment.status == "accepted"


def test_results_only_after_a_letter(client, setup):
    a1 = setup["applications"][0]
    member = UserFactory(role="applicant")
    Membership.objects.create(
        user=member, organisation=a1.organisation, role="signatory", added_at=clock.now(), added_by=member
    )
    client.force_login(member)
    assert client.get(f"/results/{a1.pk}/").status_code == 404
    assert client.get("/results/?lang=fr").status_code == 200


def decided_call(officer, budget="300000.00"):
    call = f.assessment_call(budget=budget)
    x, y = f.assessor_user(), f.assessor_user()
    for eu, points in (("90000.00", [25, 25, 15, 15]), ("108000.00", [28, 27, 18, 17]), ("81000.00", [5, 5, 5, 5])):
        application = f.submitted(call, eu=eu)
        f.eligible(application, officer)
        f.scored(application, x, points)
        f.scored(application, y, points)
    return call


def test_decision_prepared_then_approved_by_someone_else(client, setup, officer, approver):
    from django.contrib.messages import get_messages

    client.force_login(officer)
    # Not every application is checked and assessed: a message, no decision
    response = client.post(
        f"/manage/assessment/calls/{setup['call'].pk}/decisions/prepare/", {"reasons": "x"}, follow=True
    )
    assert response.status_code == 200 and not setup["call"].selection_decisions.exists()
    assert "not concluded" in response.content.decode() or "niet" in response.content.decode()
    call = decided_call(officer)
    response = client.post(f"/manage/assessment/calls/{call.pk}/decisions/prepare/", {"reasons": "As ranked."})
    assert response.status_code == 302
    decision = call.selection_decisions.get()
    # the officer who prepared it cannot approve it: a message, nothing changes
    response = client.post(f"/manage/assessment/decisions/{decision.pk}/do/approve/", follow=True)
    assert response.status_code == 200
    decision.refresh_from_db()
    assert decision.status == "prepared"
    client.force_login(approver)
    page = client.get(f"/manage/assessment/decisions/{decision.pk}/?lang=en").content.decode()
    assert "approver-declaration" in page
    client.post(f"/manage/assessment/decisions/{decision.pk}/declare/", {"no_conflict": "yes"})
    response = client.post(f"/manage/assessment/decisions/{decision.pk}/do/approve/?lang=en")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    decision.refresh_from_db()
    assert decision.status == "approved", messages
    assert decision.letters.count() == decision.lines.count()


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_every_message_is_translated(language):
    from pathlib import Path

    from babel.messages.pofile import read_po

    path = Path(__file__).resolve().parent.parent / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert not missing, missing[:10]


def _checklist_data(application, refuse=None, reason=""):
    data = {}
    for c in application.call.eligibility_criteria.all():
        data[f"met_c{c.pk}"] = "yes"
    from ..constants import ProgrammeCheck

    for p in ProgrammeCheck.values:
        data[f"met_p{p}"] = "yes"
    if refuse:
        data[f"met_{refuse}"] = "no"
        data[f"reason_{refuse}"] = reason
    return data


def test_eligibility_check_through_the_pages_with_four_eyes(client, officer, officer2):
    call = f.assessment_call()
    application = f.submitted(call)
    url = f"/manage/assessment/applications/{application.pk}/check/"
    client.force_login(officer)
    assert "declaration-form" in client.get(url + "?lang=en").content.decode()
    client.post(f"/manage/assessment/applications/{application.pk}/declare/", {"has_conflict": "no"})
    criterion = call.eligibility_criteria.order_by("position").first()
    key = f"c{criterion.pk}"
    # a "no" without its reason: a message, nothing saved
    response = client.post(url + "?lang=en", _checklist_data(application, refuse=key))
    assert response.status_code == 200 and "Give the reason" in response.content.decode()
    assert not hasattr(application, "eligibility_check") or application.eligibility_check.answers.count() == 0
    response = client.post(url, _checklist_data(application, refuse=key, reason="Not a legal person."))
    assert response.status_code == 302
    client.post(f"/manage/assessment/applications/{application.pk}/check/conclude/", {"reasons": "Criterion 1."})
    application.refresh_from_db()
    check = application.eligibility_check
    assert check.status == "ineligibility_proposed"
    # the same officer cannot confirm: a message, nothing changes
    client.post(f"/manage/assessment/applications/{application.pk}/check/confirm/")
    check.refresh_from_db()
    assert check.status == "ineligibility_proposed"
    client.force_login(officer2)
    client.post(f"/manage/assessment/applications/{application.pk}/declare/", {"has_conflict": "no"})
    client.post(f"/manage/assessment/applications/{application.pk}/check/confirm/")
    check.refresh_from_db()
    assert check.status == "ineligible" and check.confirmed_by == officer2


def test_balance_and_withdraw_through_the_pages(client, officer):
    call = f.assessment_call()
    applications = [f.submitted(call) for _ in range(2)]
    for a in applications:
        f.eligible(a, officer)
    for name in ("a1", "a2", "a3"):
        f.assessor_user(name)
    client.force_login(officer)
    response = client.post(f"/manage/assessment/calls/{call.pk}/assignments/balance/")
    assert response.status_code == 302
    assignment = applications[0].assignments.first()
    assert applications[0].assignments.count() == call.number_of_assessors
    # withdrawing without a reason: a message, nothing changes
    client.post(f"/manage/assessment/assignments/{assignment.pk}/withdraw/", {"reason": ""})
    assignment.refresh_from_db()
    assert assignment.status == "assigned"
    client.post(f"/manage/assessment/assignments/{assignment.pk}/withdraw/", {"reason": "Workload."})
    assignment.refresh_from_db()
    assert assignment.status == "withdrawn"
    assert client.get(f"/manage/assessment/calls/{call.pk}/assignments/?lang=fr").status_code == 200


def test_assessor_declares_a_conflict_and_loses_the_assignment(client, setup):
    pending = setup["pending"]
    client.force_login(pending.assessor)
    url = f"/assess/{pending.pk}/"
    response = client.post(url + "?lang=en", {"has_conflict": "yes", "conflict_reason": ""})
    assert response.status_code == 200 and "Describe the conflict" in response.content.decode()
    client.post(url, {"has_conflict": "yes", "conflict_reason": "My sister chairs the organisation."})
    pending.refresh_from_db()
    assert pending.status == "conflict"
    assert client.get(url).status_code == 404


def test_complaint_registered_and_answered_through_the_pages(client, officer, officer2):
    call = decided_call(officer)
    application = call.applications.order_by("id").last()
    client.force_login(officer)
    url = f"/manage/assessment/calls/{call.pk}/complaints/"
    bad = {"application": application.pk, "channel": "email", "received_at": "2025-03-30T02:30", "subject": "x"}
    response = client.post(url + "?lang=en", {**bad, "text": "Why?"})
    assert response.status_code == 200 and "does not exist" in response.content.decode()
    response = client.post(url, {**bad, "received_at": "2025-03-14T10:30", "text": "Why?"})
    assert response.status_code == 302
    complaint = application.complaints.get()
    client.force_login(officer2)
    response = client.post(
        f"/manage/assessment/complaints/{complaint.pk}/", {"outcome": "rejected", "answer": "The scores stand."}
    )
    complaint.refresh_from_db()
    assert complaint.status == "answered", response.content.decode()[:2000]
    assert client.get(f"/manage/assessment/complaints/{complaint.pk}/?lang=nl").status_code == 200


def test_lead_assessor_enters_the_consensus(client, officer):
    call = f.assessment_call(consolidation="consensus")
    application = f.submitted(call)
    f.eligible(application, officer)
    lead_user, other = f.assessor_user("lead-a"), f.assessor_user("other-a")
    lead = f.scored(application, lead_user, [20, 20, 12, 12], lead=True)
    f.scored(application, other, [24, 22, 14, 12])
    criteria = list(call.award_criteria.order_by("position"))
    url = f"/assess/{lead.pk}/consensus/"
    client.force_login(other)
    assert client.get(url).status_code == 404  # not theirs
    client.force_login(lead_user)
    assert client.get(url + "?lang=fr").status_code == 200
    data = {"submit": "1"}
    for c, points in zip(criteria, ["22", "21", "13", "12"], strict=True):
        data[f"points_{c.pk}"] = points
        data[f"justification_{c.pk}"] = "Agreed after discussion."
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    application.consensus.refresh_from_db()
    assert application.consensus.status == "submitted"
    assert application.consensus.scores.count() == 4
