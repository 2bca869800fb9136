"""Each fund rule read from the reference data, tested with its article."""

from decimal import Decimal

import pytest

from subsidia.reference.figures import cofinancing_cap, figure
from subsidia.reference.models import ImplementationModality
from subsidia.reference.postcodes import is_valid_enterprise_number, nuts_for_postcode


@pytest.mark.django_db
@pytest.mark.parametrize(("modality", "rate", "article"), [
    ("001", "0.75", "AMIF Art. 15(1)"),
    ("002", "0.90", "AMIF Art. 15(2)"),
    ("003", "0.90", "AMIF Art. 15(3)"),
    ("004", "1.00", "AMIF Art. 15(4)"),
    ("005", "1.00", "AMIF Art. 15(5)"),
])
def test_cofinancing_cap_of_each_modality_comes_with_its_article(modality, rate, article):
    cap = cofinancing_cap(ImplementationModality.objects.get(code=modality))
    assert cap.max_rate == Decimal(rate)
    assert cap.legal_basis == article


@pytest.mark.django_db
def test_lump_sum_modalities_have_no_rate_cap_art_19_20():
    for code in ("006", "007", "008"):
        assert cofinancing_cap(ImplementationModality.objects.get(code=code)).max_rate is None


@pytest.mark.django_db
def test_minimum_shares_and_operating_support_cap_amif_art_16_and_21():
    assert figure("min_share_so1").value == Decimal("0.15")
    assert figure("min_share_so1").legal_basis == "AMIF Art. 16(2)(a)"
    assert figure("min_share_so2").legal_basis == "AMIF Art. 16(2)(b)"
    assert figure("max_share_operating_support").legal_basis == "AMIF Art. 21(1)"


@pytest.mark.django_db
def test_simplified_cost_threshold_cpr_art_53_2():
    assert figure("sco_mandatory_total_cost").value == Decimal("200000")
    assert figure("sco_mandatory_total_cost").legal_basis == "CPR Art. 53(2)"


@pytest.mark.django_db
@pytest.mark.parametrize(("postcode", "nuts"), [("1000", "BE10"), ("2000", "BE21"), ("3500", "BE22"), ("9000", "BE23"),
                                                ("8400", "BE25"), ("4000", "BE33"), ("0999", None), ("abcd", None)])
def test_postcodes_map_to_nuts_2_areas(postcode, nuts):
    found = nuts_for_postcode(postcode)
    assert (found.code if found else None) == nuts


@pytest.mark.parametrize(("number", "valid"), [
    ("0203.201.340", True), ("BE 0203201340", True), ("0203.201.341", False), ("2203201340", False), ("12345", False),
])
def test_enterprise_number_check_digits(number, valid):
    assert is_valid_enterprise_number(number) is valid
