"""Fixtures of the transparency tests: operations on one published call, restrictions through the services."""

import datetime as dt
from decimal import Decimal

import pytest

from subsidia.applications.tests.factories import ApplicationFactory, CallFactory, OrganisationFactory
from subsidia.core import clock

from ..services import restrictions
from .factories import OperationFactory


@pytest.fixture
def call(db):
    return CallFactory(reference="AMIF-VLG-TEST-CALL")


@pytest.fixture
def make_op(call):
    """``make_op(**fields)``: a supported operation on the shared call (its own applicant organisation)."""

    def make(**fields):
        organisation = fields.pop("organisation", None) or OrganisationFactory()
        application = ApplicationFactory(call=call, organisation=organisation)
        fields.setdefault("selected_at", clock.now() - dt.timedelta(days=10))
        return OperationFactory(application=application, **fields)

    return make


@pytest.fixture
def restrict(officer, approver):
    """``restrict(operation)``: a restriction prepared by an officer and confirmed by an authorising officer."""

    def apply(operation, ground="Protection of victims of trafficking (GDPR art. 9(2)(g))."):
        restriction = restrictions.prepare(officer, operation, ground)
        return restrictions.confirm(approver, restriction)

    return apply


@pytest.fixture
def shelter(make_op, restrict):
    """A shelter whose beneficiary and place are withheld; its amounts still count."""
    operation = make_op(
        name="Veilig onderdak",
        name_nl="Veilig onderdak",
        beneficiary_name="Opvanghuis Geheim vzw",
        postcode="9000",
        location_text="Geheimstraat, Gent",
        total_cost=Decimal("250000.00"),
        total_eligible_cost=Decimal("200000.00"),
        eu_contribution=Decimal("150000.00"),
        own_contribution=Decimal("50000.00"),
    )
    restrict(operation)
    return operation
