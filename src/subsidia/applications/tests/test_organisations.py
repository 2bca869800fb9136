"""Registering organisations: enterprise number, VAT, postcode → NUTS, members and their roles."""

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from subsidia.applications import services
from subsidia.applications.constants import MemberRole
from subsidia.applications.models import Membership, Organisation
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.core.tests.factories import UserFactory
from subsidia.reference.models import NutsArea
from subsidia.reference.postcodes import is_valid_enterprise_number

from .factories import OrganisationFactory, enterprise_number


def valid_number(first_eight: int) -> str:
    first = f"{first_eight:08d}"
    return first + f"{97 - first_eight % 97:02d}"


# Enterprise numbers start with 0 or 1: the first eight digits run from 00000000 to 19999999.
first_eights = st.integers(min_value=0, max_value=19_999_999)


@given(first_eights)
def test_enterprise_number_with_its_check_digits_is_valid(first_eight):
    number = valid_number(first_eight)
    assert is_valid_enterprise_number(number)
    assert is_valid_enterprise_number(f"BE {number[:4]}.{number[4:7]}.{number[7:]}")


@given(first_eights, st.integers(min_value=1, max_value=96))
def test_enterprise_number_with_wrong_check_digits_is_refused(first_eight, shift):
    number = valid_number(first_eight)
    wrong = (int(number[8:]) + shift) % 100
    assert not is_valid_enterprise_number(number[:8] + f"{wrong:02d}")


@given(first_eights, st.integers(min_value=0, max_value=7), st.integers(min_value=1, max_value=9))
def test_enterprise_number_with_one_digit_changed_is_refused(first_eight, position, delta):
    """Mod 97 catches every single-digit error in the first eight digits."""
    number = valid_number(first_eight)
    digits = list(number)
    digits[position] = str((int(digits[position]) + delta) % 10)
    corrupted = "".join(digits)
    if corrupted[0] in "01":
        assert not is_valid_enterprise_number(corrupted)


@given(first_eights)
def test_enterprise_number_with_two_adjacent_digits_swapped_is_refused(first_eight):
    number = valid_number(first_eight)
    for i in range(1, 7):
        if number[i] != number[i + 1]:
            swapped = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
            assert not is_valid_enterprise_number(swapped)


def test_enterprise_numbers_not_starting_with_0_or_1_or_not_ten_digits_are_refused():
    assert not is_valid_enterprise_number("2" + valid_number(12345678)[1:])
    assert not is_valid_enterprise_number(valid_number(1234567)[:9])
    assert not is_valid_enterprise_number("")


def register(user, **overrides):
    data = {
        "legal_name": "Vluchtelingenwerk Kempen vzw",
        "legal_form": "vzw",
        "organisation_type": "non_profit",
        "enterprise_number": enterprise_number(901),
        "street": "Markt 3",
        "postcode": "2300",
        "city": "Turnhout",
    }
    data.update(overrides)
    return services.organisation_register(user, **data)


@pytest.mark.django_db
def test_applicant_who_registers_an_organisation_becomes_its_first_signatory(applicant):
    organisation = register(applicant)
    membership = Membership.objects.get(organisation=organisation, user=applicant)
    assert membership.role == MemberRole.SIGNATORY
    event = AuditEvent.objects.get(action="organisation.registered", object_id=str(organisation.pk))
    assert event.actor == applicant
    assert event.after["legal_name"] == "Vluchtelingenwerk Kempen vzw"


@pytest.mark.django_db
def test_registration_needs_the_applicant_role(officer):
    with pytest.raises(PermissionDenied):
        register(officer)
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_enterprise_number_is_stored_as_ten_digits_whatever_its_notation(applicant):
    number = enterprise_number(902)
    organisation = register(applicant, enterprise_number=f"BE {number[:4]}.{number[4:7]}.{number[7:]}")
    assert organisation.enterprise_number == number
    assert organisation.enterprise_number_display == f"{number[:4]}.{number[4:7]}.{number[7:]}"


@pytest.mark.django_db
def test_invalid_enterprise_number_is_refused_with_a_message_and_nothing_stored(applicant):
    number = enterprise_number(903)
    wrong = number[:8] + f"{(int(number[8:]) + 1) % 100:02d}"
    with pytest.raises(RuleViolation) as refused:
        register(applicant, enterprise_number=wrong)
    assert "enterprise_number" in refused.value.errors
    assert not Organisation.objects.exists()
    assert not AuditEvent.objects.filter(action="organisation.registered").exists()


@pytest.mark.django_db
def test_same_enterprise_number_cannot_be_registered_twice(applicant):
    register(applicant)
    other = UserFactory(role="applicant")
    with pytest.raises(RuleViolation) as refused:
        register(other)
    assert "already registered" in refused.value.message


@pytest.mark.django_db
def test_belgian_non_profit_without_enterprise_number_is_refused(applicant):
    with pytest.raises(RuleViolation) as refused:
        register(applicant, enterprise_number="", other_identifier="whatever")
    assert "enterprise_number" in refused.value.errors


@pytest.mark.django_db
def test_de_facto_association_gives_another_identifier_instead(applicant):
    with pytest.raises(RuleViolation) as refused:
        register(applicant, enterprise_number="", organisation_type="de_facto_association", legal_form="de_facto")
    assert "other_identifier" in refused.value.errors
    organisation = register(
        applicant,
        enterprise_number="",
        organisation_type="de_facto_association",
        legal_form="de_facto",
        other_identifier="Amina Haddad, voorzitter",
    )
    assert organisation.identifier == "Amina Haddad, voorzitter"


@pytest.mark.django_db
def test_foreign_partner_registers_with_its_own_registration_number(applicant):
    organisation = register(
        applicant,
        enterprise_number="",
        legal_form="foreign",
        postcode="3511 AB",
        city="Utrecht",
        country="nl",
        other_identifier="KvK 12345678",
        vat_number="NL123456789B01",
    )
    assert organisation.country == "NL"
    assert organisation.nuts is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("postcode", "nuts"),
    [
        ("2300", "BE21"),
        ("9000", "BE23"),
        ("1000", "BE10"),
        ("3500", "BE22"),
        ("8000", "BE25"),
        ("1800", "BE24"),
        ("4000", "BE33"),
    ],
)
def test_postcode_places_the_organisation_in_its_nuts_area(applicant, postcode, nuts):
    organisation = register(applicant, postcode=postcode)
    assert organisation.nuts.code == nuts
    assert organisation.nuts_from_postcode


@pytest.mark.django_db
def test_postcode_that_cannot_be_placed_asks_for_the_nuts_area_instead_of_guessing(applicant):
    with pytest.raises(RuleViolation) as refused:
        register(applicant, postcode="0612")
    assert "nuts" in refused.value.errors
    organisation = register(applicant, postcode="0612", nuts=NutsArea.objects.get(code="BE10"))
    assert organisation.nuts.code == "BE10"
    assert not organisation.nuts_from_postcode


@pytest.mark.django_db
def test_malformed_belgian_postcode_is_refused(applicant):
    with pytest.raises(RuleViolation) as refused:
        register(applicant, postcode="20A0")
    assert "postcode" in refused.value.errors


@pytest.mark.django_db
def test_belgian_vat_number_must_be_the_enterprise_number(applicant):
    number = enterprise_number(904)
    with pytest.raises(RuleViolation) as refused:
        register(applicant, enterprise_number=number, vat_number="BE" + enterprise_number(905))
    assert "vat_number" in refused.value.errors
    organisation = register(applicant, enterprise_number=number, vat_number=f"be {number}", vat_recoverable=True)
    assert organisation.vat_number == "BE" + number


@pytest.mark.django_db
def test_recoverable_vat_needs_a_vat_number(applicant):
    with pytest.raises(RuleViolation) as refused:
        register(applicant, vat_recoverable=True)
    assert "vat_recoverable" in refused.value.errors


@pytest.mark.django_db
def test_organisation_update_by_signatory_records_only_what_changed(applicant):
    organisation = register(applicant)
    services.organisation_update(applicant, organisation, city="Turnhout-Centrum")
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.before == {"city": "Turnhout"}
    assert event.after == {"city": "Turnhout-Centrum"}


@pytest.mark.django_db
def test_editor_cannot_change_the_organisation(applicant):
    organisation = register(applicant)
    editor = UserFactory(role="applicant")
    services.member_add(applicant, organisation, identifier=editor.username, role="editor")
    with pytest.raises(PermissionDenied):
        services.organisation_update(editor, organisation, city="Elders")


@pytest.mark.django_db
def test_signatory_adds_a_member_by_username_or_email_and_a_user_may_belong_to_several(applicant):
    first = register(applicant)
    second = register(applicant, enterprise_number=enterprise_number(906), legal_name="Tweede vzw")
    colleague = UserFactory(email="colleague@example.test")
    services.member_add(applicant, first, identifier="colleague@example.test", role="editor")
    services.member_add(applicant, second, identifier=colleague.username, role="signatory")
    assert set(colleague.organisations.all()) == {first, second}
    assert AuditEvent.objects.filter(action="organisation.member_added").count() == 2


@pytest.mark.django_db
def test_adding_an_unknown_user_or_a_member_twice_is_refused(applicant):
    organisation = register(applicant)
    with pytest.raises(RuleViolation):
        services.member_add(applicant, organisation, identifier="nobody@example.test", role="editor")
    with pytest.raises(Conflict):
        services.member_add(applicant, organisation, identifier=applicant.username, role="editor")


@pytest.mark.django_db
def test_editor_cannot_add_members(applicant):
    organisation = register(applicant)
    editor = UserFactory()
    services.member_add(applicant, organisation, identifier=editor.username, role="editor")
    with pytest.raises(PermissionDenied):
        services.member_add(editor, organisation, identifier=UserFactory().username, role="editor")


@pytest.mark.django_db
def test_last_signatory_can_neither_leave_nor_be_demoted(applicant):
    organisation = register(applicant)
    membership = Membership.objects.get(organisation=organisation, user=applicant)
    with pytest.raises(Conflict):
        services.member_remove(applicant, membership)
    with pytest.raises(Conflict):
        services.member_change_role(applicant, membership, role="editor")
    colleague = UserFactory()
    services.member_add(applicant, organisation, identifier=colleague.username, role="signatory")
    services.member_remove(applicant, membership)
    assert not Membership.objects.filter(organisation=organisation, user=applicant).exists()
    assert AuditEvent.objects.filter(action="organisation.member_removed").count() == 1


@pytest.mark.django_db
def test_a_member_may_leave_on_their_own(applicant):
    organisation = register(applicant)
    editor = UserFactory()
    membership = services.member_add(applicant, organisation, identifier=editor.username, role="editor")
    services.member_remove(editor, membership)
    assert not organisation.memberships.filter(user=editor).exists()


@pytest.mark.django_db
def test_factory_organisation_has_a_valid_enterprise_number():
    assert is_valid_enterprise_number(OrganisationFactory().enterprise_number)
