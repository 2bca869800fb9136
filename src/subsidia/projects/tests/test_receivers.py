"""The assessment stage's signals reach the projects services: an approved decision gives operations, a
declined grant cancels its operation; a refusal inside the receiver aborts the sender's transaction."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.db import transaction

from subsidia.assessment.signals import selection_decision_approved, selection_declined
from subsidia.core import audit
from subsidia.core.exceptions import RuleViolation
from subsidia.core.models import AuditEvent

from ..constants import AgreementStatus, OperationStatus
from ..models import Operation
from ..services import Selection, creation
from .conftest import SELECTED_AT, full, travel

pytestmark = pytest.mark.django_db


@dataclass
class Decision:
    """Stands in for assessment's SelectionDecision: the receiver reads only these attributes."""

    pk: int
    call_id: int
    approved_at: object


@dataclass
class Line:
    application: object
    declined_reason: str = ""


@pytest.fixture
def lines(monkeypatch):
    """Replace assessment's selector ``selected_lines`` (not built yet) with the given selections."""
    chosen = []
    monkeypatch.setattr(creation, "_decision_lines", lambda decision: list(chosen))
    return chosen


def test_an_approved_decision_creates_the_operations_of_its_lines(approver, submit, call, lines):
    applications = submit(2)
    lines.extend(full(a) for a in applications)
    with travel(SELECTED_AT):
        selection_decision_approved.send(sender=object, decision=Decision(7, call.pk, SELECTED_AT), actor=approver)
    operations = Operation.objects.order_by("code")
    assert [o.application for o in operations] == applications
    assert all(o.selected_at == SELECTED_AT for o in operations)
    assert AuditEvent.objects.filter(action="operation.created", data__decision=7).count() == 2


def test_a_second_delivery_of_the_same_decision_creates_nothing_more(approver, submit, call, lines):
    lines.extend(full(a) for a in submit(1))
    decision = Decision(7, call.pk, SELECTED_AT)
    with travel(SELECTED_AT):
        selection_decision_approved.send(sender=object, decision=decision, actor=approver)
        selection_decision_approved.send(sender=object, decision=decision, actor=approver)
    assert Operation.objects.count() == 1


def test_a_receiver_refusal_rolls_back_the_senders_transaction(approver, submit, call, lines):
    (application,) = submit(1)
    lines.append(Selection(application, Decimal("90000.00"), Decimal("84000.00"), Decimal("84000.00"), Decimal(1)))
    with travel(SELECTED_AT), pytest.raises(RuleViolation), transaction.atomic():
        audit.record(approver, "selection_decision.approved", ("assessment.selectiondecision", "7"))
        selection_decision_approved.send(sender=object, decision=Decision(7, call.pk, SELECTED_AT), actor=approver)
    assert not Operation.objects.exists()
    assert not AuditEvent.objects.filter(action="selection_decision.approved").exists()


def test_a_declined_grant_cancels_the_operation_and_its_open_agreement(approver, officer, selected):
    from .. import services

    agreement = services.agreement_prepare(officer, selected)
    line = Line(selected.application, "Het bestuur besliste het project niet uit te voeren.")
    selection_declined.send(sender=object, decision=None, line=line, application=selected.application, actor=officer)
    selected.refresh_from_db()
    agreement.refresh_from_db()
    assert selected.status == OperationStatus.CANCELLED
    assert selected.status_reason == line.declined_reason
    assert agreement.status == AgreementStatus.CANCELLED
    event = AuditEvent.objects.get(action="operation.cancelled")
    assert event.before["status"] == "selected" and event.after["status"] == "cancelled"
