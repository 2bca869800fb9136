"""Cost options: flat rates within CPR art. 54-56, combinations that would pay twice refused, and simplified
cost
options for small operations (CPR art. 53(2))."""

from decimal import Decimal

import pytest

from subsidia.calls import services, validation
from subsidia.calls.constants import CostCategory, CostOptionKind, FlatRate
from subsidia.calls.models import CostOption
from subsidia.core.exceptions import RuleViolation
from subsidia.reference.figures import figure

from .factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(programme, officer):
    return CallFactory(programme=programme, created_by=officer)


@pytest.mark.parametrize(
    ("flat_rate", "maximum", "article"),
    [
        (FlatRate.INDIRECT_OF_DIRECT, "0.07", "CPR Art. 54(a)"),
        (FlatRate.INDIRECT_OF_STAFF, "0.15", "CPR Art. 54(b)"),
        (FlatRate.STAFF_OF_OTHER_DIRECT, "0.20", "CPR Art. 55(1)"),
        (FlatRate.OTHER_OF_STAFF, "0.40", "CPR Art. 56(1)"),
    ],
)
def test_flat_rate_at_most_its_article(call, officer, flat_rate, maximum, article):
    assert figure(flat_rate).value == Decimal(maximum)
    assert figure(flat_rate).legal_basis == article
    above = (Decimal(maximum) + Decimal("0.0001")).quantize(Decimal("0.0001"))
    with pytest.raises(RuleViolation) as refused:
        services.cost_option_save(officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=flat_rate, rate=above)
    assert article in refused.value.errors["rate"][0]
    option = services.cost_option_save(
        officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=flat_rate, rate=Decimal(maximum)
    )
    assert option.rate == Decimal(maximum)


def test_flat_rate_defaults_to_the_maximum_of_its_article(call, officer):
    option = services.cost_option_save(
        officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=FlatRate.INDIRECT_OF_STAFF
    )
    assert option.rate == figure("flat_rate_indirect_staff_costs").value


@pytest.mark.parametrize("indirect", [FlatRate.INDIRECT_OF_DIRECT, FlatRate.INDIRECT_OF_STAFF])
def test_forty_percent_rate_not_combinable_with_an_indirect_cost_flat_rate_cpr_art_56(call, officer, indirect):
    services.cost_option_save(officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=FlatRate.OTHER_OF_STAFF)
    with pytest.raises(RuleViolation) as refused:
        services.cost_option_save(officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=indirect)
    assert "CPR Art. 56(1)" in " ".join(refused.value.errors["__all__"])
    assert call.cost_options.count() == 1


def test_indirect_flat_rate_first_then_forty_percent_is_refused_too(call, officer):
    services.cost_option_save(officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=FlatRate.INDIRECT_OF_DIRECT)
    with pytest.raises(RuleViolation):
        services.cost_option_save(officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=FlatRate.OTHER_OF_STAFF)


def test_forty_percent_rate_leaves_only_staff_as_real_costs(call, officer):
    services.cost_option_save(officer, call, kind=CostOptionKind.REAL_COSTS, category=CostCategory.STAFF)
    services.cost_option_save(officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=FlatRate.OTHER_OF_STAFF)
    with pytest.raises(RuleViolation):
        services.cost_option_save(officer, call, kind=CostOptionKind.REAL_COSTS, category=CostCategory.TRAVEL)


def test_one_indirect_cost_flat_rate_per_call(call, officer):
    services.cost_option_save(officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=FlatRate.INDIRECT_OF_DIRECT)
    with pytest.raises(RuleViolation):
        services.cost_option_save(officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=FlatRate.INDIRECT_OF_STAFF)


def test_same_category_cannot_be_real_and_flat_rated(call, officer):
    services.cost_option_save(officer, call, kind=CostOptionKind.REAL_COSTS, category=CostCategory.STAFF)
    with pytest.raises(RuleViolation):
        services.cost_option_save(
            officer, call, kind=CostOptionKind.FLAT_RATE, flat_rate=FlatRate.STAFF_OF_OTHER_DIRECT
        )


def test_lump_sum_and_unit_cost_need_an_amount_and_official_title(call, officer):
    with pytest.raises(RuleViolation) as refused:
        services.cost_option_save(officer, call, kind=CostOptionKind.UNIT_COST, amount="0", title_en="Hour")
    assert {"amount", "title_nl", "unit_nl"} <= set(refused.value.errors)
    option = services.cost_option_save(
        officer,
        call,
        kind=CostOptionKind.UNIT_COST,
        amount="35.50",
        title_nl="Uur begeleiding",
        unit_nl="uur",
    )
    assert option.amount == Decimal("35.50")


def test_sco_mandatory_up_to_200000_total_cost_cpr_art_53_2(call, officer):
    rule = figure("sco_mandatory_total_cost")
    assert (rule.value, rule.legal_basis) == (Decimal("200000.00"), "CPR Art. 53(2)")
    CostOption.objects.create(call=call, kind=CostOptionKind.REAL_COSTS, category=CostCategory.STAFF)
    # min grant 10 000 at 90 %: operations from EUR 11 111 total cost, well under the threshold
    assert validation.sco_required(call.min_grant, call.cofinancing_rate)
    assert "cost_options" in validation.completeness(call)
    call.draft_budget_allowed = True
    assert "cost_options" not in validation.completeness(call)


def test_sco_not_required_when_every_operation_exceeds_the_threshold():
    # a minimum grant of 180 001 at 90 % means a total cost above 200 000
    assert validation.sco_required(Decimal("180000.00"), Decimal("0.9"))
    assert not validation.sco_required(Decimal("180000.01"), Decimal("0.9"))


def test_cost_option_changes_are_audited(call, officer):
    from subsidia.core.models import AuditEvent

    option = services.cost_option_save(officer, call, kind=CostOptionKind.REAL_COSTS, category=CostCategory.STAFF)
    services.cost_option_delete(officer, option)
    actions = list(AuditEvent.objects.filter(action__startswith="cost_option.").values_list("action", flat=True))
    assert actions == ["cost_option.created", "cost_option.deleted"]
