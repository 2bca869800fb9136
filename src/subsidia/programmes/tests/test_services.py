"""Programme, version and allocation services: the fund's rules, transitions, audit events."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from subsidia.core import clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.programmes import selectors, services
from subsidia.programmes.constants import ProgrammeStatus, VersionStatus
from subsidia.programmes.models import Allocation
from subsidia.programmes.tests.factories import RegionFactory
from subsidia.reference.models import Fund, ImplementationModality, SpecificObjective


@pytest.fixture
def fund(db):
    return Fund.objects.get(code="AMIF")


@pytest.fixture
def programme(officer, fund):
    return services.programme_create(
        officer, cci="2021BE65AMPR001", fund=fund, member_state="BE", title_nl="Programma", title_en="Programme"
    )


def so(code):
    return SpecificObjective.objects.get(code=code)


def modality(code):
    return ImplementationModality.objects.get(code=code)


def add(officer, version, *, objective="2", mod="001", year=2022, eu="750.00", national="250.00", region=None):
    return services.allocation_create(
        officer,
        version,
        specific_objective=so(objective),
        region=region or RegionFactory(),
        implementation_modality=modality(mod),
        year=year,
        eu_contribution=Decimal(eu),
        national_contribution=Decimal(national),
    )


@pytest.mark.parametrize("cci", ["2021BE65AMPR1", "2021XX65AMPR001", "1999BE65AMPR001", "2021be65ampr001", ""])
def test_a_malformed_or_inconsistent_cci_is_refused(officer, fund, cci):
    with pytest.raises(RuleViolation) as refused:
        services.programme_create(officer, cci=cci, fund=fund, member_state="BE", title_nl="P")
    assert "cci" in refused.value.errors


def test_only_an_officer_creates_a_programme(approver, fund):
    with pytest.raises(PermissionDenied):
        services.programme_create(approver, cci="2021BE65AMPR001", fund=fund, member_state="BE", title_nl="P")


def test_creating_a_programme_writes_an_audit_event(programme):
    assert AuditEvent.objects.filter(action="programme.created", object_id=str(programme.pk)).exists()
    assert programme.status == ProgrammeStatus.DRAFT
    assert programme.current_version.number == 1


def test_the_rate_is_derived_from_the_amounts(officer, programme):
    allocation = add(officer, programme.current_version, eu="1000.00", national="333.34")
    assert allocation.cofinancing_rate == Decimal("0.7500")
    assert allocation.total == Decimal("1333.34")


@pytest.mark.parametrize(
    ("mod", "eu", "national", "ok"),
    [
        ("001", "750.00", "250.00", True),  # exactly 75 % (art. 15(1))
        ("001", "750.01", "249.99", False),  # one cent above 75 %
        ("003", "900.00", "100.00", True),  # Annex IV actions: 90 % (art. 15(3))
        ("003", "900.01", "99.99", False),
        ("004", "1000.00", "0.00", True),  # operating support: 100 % (art. 15(4))
    ],
)
def test_the_rate_never_exceeds_the_rule_of_its_modality(officer, programme, mod, eu, national, ok):
    if ok:
        add(officer, programme.current_version, mod=mod, eu=eu, national=national)
    else:
        with pytest.raises(RuleViolation) as refused:
            add(officer, programme.current_version, mod=mod, eu=eu, national=national)
        assert "eu_contribution" in refused.value.errors
        assert Allocation.objects.count() == 0


def test_a_given_rate_must_equal_the_derived_one(officer, programme):
    with pytest.raises(RuleViolation) as refused:
        services.allocation_create(
            officer,
            programme.current_version,
            specific_objective=so("2"),
            region=RegionFactory(),
            implementation_modality=modality("001"),
            year=2022,
            eu_contribution=Decimal("750"),
            national_contribution=Decimal("250"),
            cofinancing_rate=Decimal("0.70"),
        )
    assert "cofinancing_rate" in refused.value.errors


@pytest.mark.parametrize(("field", "value"), [("eu", "-1.00"), ("national", "-0.01"), ("eu", "1.001")])
def test_negative_or_sub_cent_amounts_are_refused(officer, programme, field, value):
    kwargs = {"eu": "10.00", "national": "10.00", field: value}
    with pytest.raises(RuleViolation):
        add(officer, programme.current_version, **kwargs)


@pytest.mark.parametrize("year", [2020, 2028])
def test_a_year_outside_the_period_is_refused(officer, programme, year):
    with pytest.raises(RuleViolation) as refused:
        add(officer, programme.current_version, year=year)
    assert "year" in refused.value.errors


def test_the_same_cell_cannot_be_allocated_twice(officer, programme):
    region = RegionFactory()
    add(officer, programme.current_version, region=region)
    with pytest.raises(RuleViolation):
        add(officer, programme.current_version, region=region)


def test_totals_are_database_sums(officer, programme):
    version = programme.current_version
    add(officer, version, year=2021, eu="750.00", national="250.00")
    add(officer, version, year=2022, eu="0.03", national="0.01")
    totals = selectors.version_totals(version)
    assert totals == {
        "eu_contribution": Decimal("750.03"),
        "national_contribution": Decimal("250.01"),
        "total": Decimal("1000.04"),
    }


def _full_budget(officer, version, so2="300.00"):
    add(officer, version, objective="1", eu="300.00", national="100.00")
    add(officer, version, objective="2", eu=so2, national="100.00")
    add(officer, version, objective="3", eu="300.00", national="100.00")


def test_shares_below_the_minimum_need_a_justification_art_16(officer, programme):
    version = programme.current_version
    _full_budget(officer, version, so2="60.00")
    warnings = selectors.budget_warnings(version)
    assert [w.key for w in warnings] == ["min_share_so2"]
    assert "AMIF Art. 16(2)(b)" in warnings[0].message
    with pytest.raises(Conflict):
        services.version_submit_to_commission(officer, version)
    services.version_update(officer, version, justification_min_share_so2="Integration is financed nationally.")
    services.version_submit_to_commission(officer, version)


def test_operating_support_above_its_share_needs_a_justification_art_21(officer, programme):
    version = programme.current_version
    _full_budget(officer, version)
    add(officer, version, objective="1", mod="004", eu="500.00", national="0.00")
    assert "max_share_operating_support" in [w.key for w in selectors.budget_warnings(version)]


def test_adoption_supersedes_nothing_the_first_time_and_freezes_the_budget(officer, approver, programme):
    version = programme.current_version
    _full_budget(officer, version)
    services.version_submit_to_commission(officer, version, submitted_on=dt.date(2022, 7, 1))
    with pytest.raises(Conflict):
        add(officer, version, objective="4")
    services.version_adopt(approver, version, decision_number="C(2022) 1", decision_date=dt.date(2022, 12, 1))
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.ADOPTED
    assert AuditEvent.objects.filter(action="programme_version.adopted").count() == 1


def test_a_decision_before_the_submission_is_refused(officer, approver, programme):
    version = programme.current_version
    _full_budget(officer, version)
    services.version_submit_to_commission(officer, version, submitted_on=dt.date(2022, 7, 1))
    with pytest.raises(RuleViolation):
        services.version_adopt(approver, version, decision_number="C(2022) 1", decision_date=dt.date(2022, 6, 1))


def test_an_amendment_copies_the_budget_and_keeps_the_earlier_version_readable(officer, approver, programme):
    version = programme.current_version
    _full_budget(officer, version)
    services.version_submit_to_commission(officer, version, submitted_on=dt.date(2022, 7, 1))
    services.version_adopt(approver, version, decision_number="C(2022) 1", decision_date=dt.date(2022, 12, 1))
    amendment = services.programme_amend(officer, programme, reason="More for integration")
    assert amendment.number == 2
    assert amendment.allocations.count() == version.allocations.count()
    allocation = amendment.allocations.get(specific_objective__code="2")
    services.allocation_update(
        officer, allocation, eu_contribution=Decimal("330.00"), national_contribution=Decimal("110.00")
    )
    assert selectors.version_totals(version)["eu_contribution"] == Decimal("900.00")
    assert selectors.version_totals(amendment)["eu_contribution"] == Decimal("930.00")
    with pytest.raises(Conflict):
        services.programme_amend(officer, programme, reason="Another one")


def test_an_amendment_needs_the_committees_approval_before_submission(officer, approver, programme):
    version = programme.current_version
    _full_budget(officer, version)
    services.version_submit_to_commission(officer, version, submitted_on=dt.date(2022, 7, 1))
    services.version_adopt(approver, version, decision_number="C(2022) 1", decision_date=dt.date(2022, 12, 1))
    amendment = services.programme_amend(officer, programme, reason="Shift")
    with pytest.raises(Conflict) as refused:
        services.version_submit_to_commission(officer, amendment)
    assert refused.value.code == "not_approved"
    amendment.refresh_from_db()
    assert amendment.status == VersionStatus.DRAFT


def test_adopting_an_amendment_supersedes_the_version_in_force(officer, approver, programme, member):
    from subsidia.core import approvals

    version = programme.current_version
    _full_budget(officer, version)
    services.version_submit_to_commission(officer, version, submitted_on=dt.date(2022, 7, 1))
    services.version_adopt(approver, version, decision_number="C(2022) 1", decision_date=dt.date(2022, 12, 1))
    amendment = services.programme_amend(officer, programme, reason="Shift")
    request = approvals.request_approval(officer, amendment)
    today = clock.today()
    approvals.record_decision(
        officer,
        request,
        outcome="approved",
        decision_date=today,
        reference="MC/2026/1",
        taken_in="meeting of the monitoring committee",
        votes_for=9,
    )
    services.version_submit_to_commission(officer, amendment, submitted_on=today)
    services.version_adopt(approver, amendment, decision_number="C(2026) 2", decision_date=today)
    programme.refresh_from_db()
    version.refresh_from_db()
    assert programme.current_version == amendment
    assert programme.status == ProgrammeStatus.AMENDED
    assert version.status == VersionStatus.SUPERSEDED
