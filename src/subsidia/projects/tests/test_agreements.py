"""Grant agreements (CPR art. 73(3)): frozen terms, the beneficiary's signature, four eyes before they are in
force, versions superseding each other."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from subsidia.core.canonical import sha256_text
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.core.tests.factories import UserFactory

from .. import services
from ..constants import AgreementStatus, OperationStatus
from .conftest import SIGNED_AT, travel

pytestmark = pytest.mark.django_db


def test_a_prepared_version_freezes_the_operations_terms_with_their_hash(officer, selected):
    with travel(SIGNED_AT):
        agreement = services.agreement_prepare(officer, selected, conditions_nl="Maandelijks overleg.")
    content = json.loads(agreement.content)
    assert agreement.reference == f"{selected.code}/1" and agreement.language == "nl"
    assert content["operation"]["eu_contribution"] == "63000.00"
    assert content["operation"]["budget_total"] == "84000.00"
    assert content["conditions"]["nl"] == "Maandelijks overleg."
    assert agreement.sha256 == sha256_text(agreement.content)


def test_the_agreement_enters_into_force_after_signature_and_confirmation(active):
    agreement = active.agreements.get()
    assert agreement.status == AgreementStatus.IN_FORCE
    assert agreement.signatory_name == "An Peeters"
    assert active.status == OperationStatus.ACTIVE
    actions = list(AuditEvent.objects.filter(object_type="projects.grantagreement").values_list("action", flat=True))
    assert actions == ["grant_agreement.prepared", "grant_agreement.signed", "grant_agreement.confirmed"]


def test_the_officer_who_prepared_it_cannot_confirm_it_even_as_authorising_officer(selected, beneficiary):
    both = UserFactory(username="both", role="programme_officer")
    both.groups.add(*UserFactory(username="x", role="authorising_officer").groups.all())
    with travel(SIGNED_AT):
        agreement = services.agreement_prepare(both, selected)
        services.agreement_sign(beneficiary, agreement, signatory_name="An Peeters")
        with pytest.raises(PermissionDenied):
            services.agreement_confirm(both, agreement)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED


def test_the_database_refuses_a_confirmation_by_the_preparer(officer, selected):
    agreement = services.agreement_prepare(officer, selected)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(agreement).objects.filter(pk=agreement.pk).update(confirmed_by=officer)


def test_an_unsigned_version_cannot_be_confirmed(officer, approver, selected):
    agreement = services.agreement_prepare(officer, selected)
    with pytest.raises(Conflict):
        services.agreement_confirm(approver, agreement)


def test_a_signature_dated_in_the_future_is_refused(officer, selected, beneficiary):
    import datetime as dt

    with travel(SIGNED_AT):
        agreement = services.agreement_prepare(officer, selected)
        with pytest.raises(RuleViolation):
            services.agreement_sign(beneficiary, agreement, signatory_name="An", signed_on=dt.date(2026, 5, 21))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_an_other_organisations_member_cannot_sign(officer, selected, applicant):
    agreement = services.agreement_prepare(officer, selected)
    with pytest.raises(PermissionDenied):
        services.agreement_sign(applicant, agreement, signatory_name="Iemand anders")


def test_only_one_version_is_prepared_at_a_time(officer, selected):
    services.agreement_prepare(officer, selected)
    with pytest.raises(Conflict):
        services.agreement_prepare(officer, selected)


def test_a_version_whose_operation_changed_cannot_be_signed(officer, selected, beneficiary):
    agreement = services.agreement_prepare(officer, selected)
    services.operation_update_details(officer, selected, location_text="Antwerpen en Mechelen")
    with pytest.raises(Conflict, match="changed"):
        services.agreement_sign(beneficiary, agreement, signatory_name="An Peeters")


def test_a_new_version_in_force_supersedes_the_earlier_one(active, officer, approver, beneficiary):
    with travel(SIGNED_AT):
        second = services.agreement_prepare(officer, active, conditions_nl="Gewijzigde voorwaarde.")
        services.agreement_sign(beneficiary, second, signatory_name="An Peeters")
        services.agreement_confirm(approver, second)
    statuses = dict(active.agreements.values_list("version", "status"))
    assert statuses == {1: AgreementStatus.SUPERSEDED, 2: AgreementStatus.IN_FORCE}


def test_a_draft_can_be_cancelled_with_a_reason(officer, selected):
    agreement = services.agreement_prepare(officer, selected)
    with pytest.raises(RuleViolation):
        services.agreement_cancel(officer, agreement, reason=" ")
    services.agreement_cancel(officer, agreement, reason="Verkeerde voorwaarden.")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.CANCELLED
    assert services.agreement_prepare(officer, selected).version == 2
