"""Amendments: prepared by an officer, approved by another authorising officer (four eyes); the fund's end of
eligibility, the call's rate and the call's remaining budget bound them."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent

from .. import selectors, services
from ..constants import AgreementStatus, AmendmentStatus
from ..models import Operation
from .conftest import SELECTED_AT, full, travel

pytestmark = pytest.mark.django_db
YEAR = 2027


def bigger_budget(staff="100000.00", other="40000.00"):
    return [
        {"category": "staff", "year": YEAR, "amount": staff},
        {"category": "all_other", "year": YEAR, "amount": other},
    ]


def approve(officer, approver, operation, **changes):
    amendment = services.amendment_prepare(officer, operation, reason="Meer deelnemers dan verwacht.", **changes)
    services.amendment_submit(officer, amendment)
    return services.amendment_approve(approver, amendment)


def test_a_later_end_date_is_applied_when_approved(active, officer, approver):
    amendment = approve(officer, approver, active, new_end_date=dt.date(2028, 6, 30))
    active.refresh_from_db()
    assert active.end_date == dt.date(2028, 6, 30)
    assert amendment.status == AmendmentStatus.APPROVED and amendment.decided_by == approver
    assert amendment.before["end_date"] == "2027-12-31" and amendment.after["end_date"] == "2028-06-30"


def test_approval_prepares_the_agreement_version_that_puts_it_into_effect(active, officer, approver):
    amendment = approve(officer, approver, active, new_end_date=dt.date(2028, 6, 30))
    version = amendment.agreement
    assert version.version == 2 and version.status == AgreementStatus.DRAFT
    assert version.prepared_by == officer
    assert json.loads(version.content)["operation"]["end_date"] == "2028-06-30"
    assert version.conditions_nl == "Bijzondere voorwaarde."


def test_a_budget_shift_keeps_the_money_and_moves_it_between_categories(active, officer, approver):
    approve(officer, approver, active, budget_lines=bigger_budget("70000.00", "14000.00"))
    active.refresh_from_db()
    assert active.total_eligible_cost == Decimal("84000.00") and active.eu_contribution == Decimal("63000.00")
    assert dict(active.budget_lines.values_list("category", "amount")) == {
        "staff": Decimal("70000.00"),
        "all_other": Decimal("14000.00"),
    }


def test_a_raise_of_the_eu_contribution_recomputes_the_plan(active, officer, approver):
    approve(officer, approver, active, budget_lines=bigger_budget(), new_eu_contribution="105000.00")
    active.refresh_from_db()
    assert active.total_eligible_cost == Decimal("140000.00") and active.total_cost == Decimal("140000.00")
    assert active.eu_contribution == Decimal("105000.00") and active.own_contribution == Decimal("35000.00")
    assert active.cofinancing_rate == Decimal("0.7500")
    event = AuditEvent.objects.get(action="amendment.approved")
    assert event.data["raise"] == "42000.00"


def test_the_preparer_cannot_approve_their_own_amendment(active, officer):
    amendment = services.amendment_prepare(officer, active, reason="Later einde.", new_end_date=dt.date(2028, 1, 31))
    services.amendment_submit(officer, amendment)
    with pytest.raises(PermissionDenied):
        services.amendment_approve(officer, amendment)


def test_an_authorising_officer_who_prepared_the_amendment_cannot_approve_it(active, approver, officer2):
    officer2.groups.add(*approver.groups.all())
    amendment = services.amendment_prepare(officer2, active, reason="Later einde.", new_end_date=dt.date(2028, 1, 31))
    services.amendment_submit(officer2, amendment)
    with pytest.raises(PermissionDenied):
        services.amendment_approve(officer2, amendment)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.SUBMITTED


def test_a_draft_is_not_approved_before_it_is_submitted(active, officer, approver):
    amendment = services.amendment_prepare(officer, active, reason="Later einde.", new_end_date=dt.date(2028, 1, 31))
    with pytest.raises(Conflict):
        services.amendment_approve(approver, amendment)


def test_an_end_date_after_the_funds_eligibility_period_is_refused_with_its_article(active, officer):
    with pytest.raises(RuleViolation, match="2029-12-31") as refused:
        services.amendment_prepare(officer, active, reason="Verlenging.", new_end_date=dt.date(2030, 1, 1))
    assert active.fund.eligibility_source in refused.value.message
    assert not active.amendments.exists()


def test_an_eu_contribution_above_the_call_rate_is_refused(active, officer):
    with pytest.raises(RuleViolation, match="co-financing rate"):
        services.amendment_prepare(officer, active, reason="Meer EU.", new_eu_contribution="63000.01")


def test_an_amendment_that_changes_nothing_is_refused(active, officer):
    with pytest.raises(RuleViolation, match="changes nothing"):
        services.amendment_prepare(officer, active, reason="Niets.", new_end_date=active.end_date)


def test_a_reason_is_required(active, officer):
    with pytest.raises(RuleViolation) as refused:
        services.amendment_prepare(officer, active, reason="", new_end_date=dt.date(2028, 1, 31))
    assert "reason" in refused.value.errors


def test_a_raise_beyond_the_calls_remaining_budget_is_refused_and_changes_nothing(
    active, officer, approver, submit, call
):
    # Budget 200 000: the active operation holds 63 000, a second one 63 000; 74 000 is left.
    (second,) = submit(1)
    with travel(SELECTED_AT):
        services.operations_create(approver, [full(second)])
    assert selectors.call_budget_room(call)["available"] == Decimal("74000.00")
    amendment = services.amendment_prepare(
        officer,
        active,
        reason="Uitbreiding.",
        budget_lines=bigger_budget("120000.00", "48000.00"),
        new_eu_contribution="126000.00",  # raises by 63 000: fits
    )
    services.amendment_submit(officer, amendment)
    services.amendment_approve(approver, amendment)
    assert selectors.call_budget_room(call)["available"] == Decimal("11000.00")
    operation = Operation.objects.get(application=second)
    operation.status = "active"
    operation.save()
    another = services.amendment_prepare(
        officer, operation, reason="Ook uitbreiding.", budget_lines=bigger_budget(), new_eu_contribution="105000.00"
    )
    services.amendment_submit(officer, another)
    with pytest.raises(RuleViolation, match="left of its budget"):
        services.amendment_approve(approver, another)
    operation.refresh_from_db()
    another.refresh_from_db()
    assert operation.eu_contribution == Decimal("63000.00") and another.status == AmendmentStatus.SUBMITTED


def test_an_amendment_can_be_rejected_with_a_note(active, officer, approver):
    amendment = services.amendment_prepare(officer, active, reason="Later einde.", new_end_date=dt.date(2028, 1, 31))
    services.amendment_submit(officer, amendment)
    with pytest.raises(RuleViolation):
        services.amendment_reject(approver, amendment, note="")
    services.amendment_reject(approver, amendment, note="Geen verantwoording.")
    active.refresh_from_db()
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.REJECTED and active.end_date == dt.date(2027, 12, 31)


def test_only_one_amendment_is_open_per_operation(active, officer):
    services.amendment_prepare(officer, active, reason="Later einde.", new_end_date=dt.date(2028, 1, 31))
    with pytest.raises(Conflict):
        services.amendment_prepare(officer, active, reason="Nog later.", new_end_date=dt.date(2028, 3, 31))


def test_a_selected_operation_without_agreement_cannot_be_amended(selected, officer):
    with pytest.raises(Conflict):
        services.amendment_prepare(officer, selected, reason="Later einde.", new_end_date=dt.date(2028, 1, 31))


def test_every_step_writes_one_audit_event(active, officer, approver):
    approve(officer, approver, active, new_end_date=dt.date(2028, 1, 31))
    actions = list(AuditEvent.objects.filter(object_type="projects.amendment").values_list("action", flat=True))
    assert actions == ["amendment.prepared", "amendment.submitted", "amendment.approved"]
