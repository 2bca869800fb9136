"""Operations from a selection: codes unique and gap-free, amounts exact, idempotent, refused when untrue."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent

from .. import services
from ..constants import OperationStatus
from ..models import Operation, OperationCodeSequence
from ..services import Selection
from .conftest import SELECTED_AT, SUBMITTED_AT, full, travel

pytestmark = pytest.mark.django_db


def test_each_selected_application_becomes_one_operation_with_consecutive_codes(approver, submit):
    applications = submit(3)
    with travel(SELECTED_AT):
        operations = services.operations_create(approver, [full(a) for a in applications])
    assert [o.code for o in operations] == ["AMIF-VLG-2026-0001", "AMIF-VLG-2026-0002", "AMIF-VLG-2026-0003"]
    assert OperationCodeSequence.objects.get(prefix="AMIF-VLG-2026").last_number == 3


def test_the_operation_carries_the_application_and_call_as_selected(approver, submit, call):
    (application,) = submit(1)
    with travel(SELECTED_AT):
        (operation,) = services.operations_create(approver, [full(application)])
    organisation = application.organisation
    assert operation.beneficiary == organisation and operation.beneficiary_name == organisation.legal_name
    assert operation.name == application.title and operation.name_nl == application.title
    assert application.summary in operation.purpose and application.objectives in operation.purpose
    assert (operation.start_date, operation.end_date) == (application.start_date, application.end_date)
    assert operation.total_eligible_cost == Decimal("84000.00")  # 60 000 staff + 40 % flat rate (CPR art. 56)
    assert operation.eu_contribution == Decimal("63000.00")
    assert operation.own_contribution == Decimal("21000.00")
    assert operation.cofinancing_rate == Decimal("0.7500")
    assert operation.fund.code == "AMIF" and operation.specific_objective == call.specific_objective
    assert operation.implementation_modality == call.implementation_modality
    assert (operation.postcode, operation.nuts.code, operation.country) == ("2000", "BE21", "BE")
    assert operation.location_text == "Antwerpen"  # the postcode is in its own field
    assert operation.status == OperationStatus.SELECTED
    assert operation.selected_at == SELECTED_AT


def test_budget_and_indicator_targets_are_copied_from_the_application(approver, submit):
    (application,) = submit(1)
    with travel(SELECTED_AT):
        (operation,) = services.operations_create(approver, [full(application)])
    lines = {(b.category, b.year): b.amount for b in operation.budget_lines.all()}
    year = application.start_date.year
    assert lines == {("staff", year): Decimal("60000.00"), ("all_other", year): Decimal("24000.00")}
    (target,) = operation.indicator_targets.all()
    assert (target.indicator.code, target.target, target.women, target.age_18_60) == ("O.2.3", 120, 60, 100)


def test_partial_funding_keeps_the_eligible_cost_and_the_beneficiary_pays_the_rest(approver, submit):
    (application,) = submit(1)
    partial = Selection(application, Decimal("50000.00"), Decimal("84000.00"), Decimal("84000.00"), Decimal("0.5952"))
    with travel(SELECTED_AT):
        (operation,) = services.operations_create(approver, [partial])
    assert operation.eu_contribution == Decimal("50000.00")
    assert operation.own_contribution == Decimal("34000.00")
    assert operation.cofinancing_rate == Decimal("0.5952")


def test_creating_again_for_the_same_application_changes_nothing(approver, submit):
    (application,) = submit(1)
    with travel(SELECTED_AT):
        services.operations_create(approver, [full(application)])
        again = services.operations_create(approver, [full(application)])
    assert again == []
    assert Operation.objects.filter(application=application).count() == 1
    assert AuditEvent.objects.filter(action="operation.created").count() == 1


def test_each_creation_is_audited_with_its_figures(approver, submit):
    (application,) = submit(1)
    with travel(SELECTED_AT):
        (operation,) = services.operations_create(approver, [full(application)])
    event = AuditEvent.objects.get(action="operation.created")
    assert event.object_id == str(operation.pk) and event.actor == approver
    assert event.after["eu_contribution"] == "63000.00" and event.after["code"] == operation.code
    assert event.data["application"] == application.reference


def test_an_eu_grant_above_the_call_rate_refuses_the_whole_selection(approver, submit):
    first, second = submit(2)
    too_much = Selection(second, Decimal("63000.01"), Decimal("84000.00"), Decimal("84000.00"), Decimal("0.7500"))
    with travel(SELECTED_AT), pytest.raises(RuleViolation, match="co-financing rate"):
        services.operations_create(approver, [full(first), too_much])
    assert not Operation.objects.exists()
    assert not OperationCodeSequence.objects.filter(last_number__gt=0).exists()


def test_an_eligible_cost_above_the_total_cost_is_refused(approver, submit):
    (application,) = submit(1)
    wrong = Selection(application, Decimal("63000.00"), Decimal("84000.00"), Decimal("83999.99"), Decimal("0.7500"))
    with travel(SELECTED_AT), pytest.raises(RuleViolation):
        services.operations_create(approver, [wrong])
    assert not Operation.objects.exists()


def test_a_withdrawn_application_cannot_become_an_operation(approver, submit):
    from subsidia.applications import services as application_services

    (application,) = submit(1)
    signatory = application.organisation.memberships.get().user
    with travel(SUBMITTED_AT):
        application_services.application_withdraw(signatory, application, reason="Geen capaciteit meer.")
    application.refresh_from_db()
    with travel(SELECTED_AT), pytest.raises(Conflict):
        services.operations_create(approver, [full(application)])
    assert not Operation.objects.exists()


def test_an_applicant_cannot_create_operations(applicant, submit):
    (application,) = submit(1)
    with travel(SELECTED_AT), pytest.raises(PermissionDenied):
        services.operations_create(applicant, [full(application)])


def test_a_multi_location_operation_is_placed_at_its_beneficiary(approver, submit):
    from subsidia.applications.models import Location
    from subsidia.reference.models import NutsArea

    (application,) = submit(1)
    Location.objects.create(
        application=application, postcode="9000", municipality="Gent", nuts=NutsArea.objects.get(code="BE23")
    )
    with travel(SELECTED_AT):
        (operation,) = services.operations_create(approver, [full(application)])
    assert operation.location_text == "2000 Antwerpen; 9000 Gent"
    assert operation.postcode == application.organisation.postcode
    assert operation.nuts == application.organisation.nuts


def test_codes_restart_each_year_of_selection(approver, submit):
    import datetime as dt

    first, second = submit(2)
    with travel(SELECTED_AT):
        services.operations_create(approver, [full(first)])
    with travel(dt.datetime(2027, 1, 5, 10, 0, tzinfo=SELECTED_AT.tzinfo)):
        (later,) = services.operations_create(approver, [full(second)])
    assert later.code == "AMIF-VLG-2027-0001"
