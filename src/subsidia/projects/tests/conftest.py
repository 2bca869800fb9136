"""Operations built the way they arise: applications submitted through the applications services, selected
(as an approved decision would), their agreement signed and confirmed."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from subsidia.applications import services as application_services
from subsidia.applications.tests.factories import CallFactory, OrganisationFactory, complete_draft
from subsidia.core import clock
from subsidia.core.tests.factories import UserFactory

from .. import services
from ..services import Selection

BRUSSELS = clock.BRUSSELS
OPENS = dt.datetime(2026, 2, 1, 9, 0, tzinfo=BRUSSELS)
SUBMITTED_AT = dt.datetime(2026, 3, 1, 10, 0, tzinfo=BRUSSELS)
SELECTED_AT = dt.datetime(2026, 5, 4, 11, 0, tzinfo=BRUSSELS)
SIGNED_AT = dt.datetime(2026, 5, 20, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English, the source language (the deployment's default is Dutch)."""
    with translation.override("en"):
        yield


def travel(instant):
    return time_machine.travel(instant, tick=False)


@pytest.fixture
def call(db):
    with travel(OPENS):
        return CallFactory(
            opens_at=OPENS,
            closes_at=dt.datetime(2026, 3, 31, 12, 0, tzinfo=BRUSSELS),
            budget=Decimal("200000.00"),
            max_grant=Decimal("150000.00"),
        )


@pytest.fixture
def submit(call):
    """``submit(n)``: ``n`` applications from ``n`` organisations, submitted to ``call``."""

    def make(count=1, *, staff_amount="60000.00"):
        applications = []
        for _ in range(count):
            user = UserFactory(role="applicant")
            organisation = OrganisationFactory(signatory=user)
            with travel(SUBMITTED_AT):
                draft = complete_draft(user, call, organisation, staff_amount=staff_amount)
                applications.append(application_services.application_submit(user, draft))
        return applications

    return make


def full(application) -> Selection:
    return Selection(
        application=application,
        eu_amount=application.eu_grant_requested,
        total_eligible_cost=application.total_eligible_cost,
        total_cost=application.total_eligible_cost,
        cofinancing_rate=application.cofinancing_rate,
    )


@pytest.fixture
def selected(approver, submit):
    """One operation, just selected (no agreement yet)."""
    (application,) = submit(1)
    with travel(SELECTED_AT):
        (operation,) = services.operations_create(approver, [full(application)])
    return operation


@pytest.fixture
def beneficiary(selected):
    """The signatory of the selected operation's organisation."""
    return selected.beneficiary.memberships.get().user


@pytest.fixture
def active(selected, officer, approver, beneficiary):
    """The selected operation with its first agreement prepared, signed by the beneficiary and confirmed."""
    with travel(SIGNED_AT):
        agreement = services.agreement_prepare(officer, selected, conditions_nl="Bijzondere voorwaarde.")
        services.agreement_sign(beneficiary, agreement, signatory_name="An Peeters", signatory_function="Voorzitter")
        services.agreement_confirm(approver, agreement)
    selected.refresh_from_db()
    return selected
