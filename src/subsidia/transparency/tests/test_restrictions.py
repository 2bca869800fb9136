"""Publication restrictions under four eyes: an officer prepares with a written legal ground, another person (an
authorising officer) confirms; once in force the beneficiary and the location leave every public output while the
amounts still count in every total. Lifting needs four eyes too. Each step is one audit event."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from subsidia.core import clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent

from .. import fields as field_map
from .. import search
from ..constants import RestrictionStatus
from ..exports import csv_sql
from ..models import PublicationRestriction
from ..selectors import operations as selectors
from ..services import publication, restrictions
from ..withholding import name_cutoff

SECRETS = ("Opvanghuis Geheim vzw", "Geheimstraat", "9000")


def public_texts(client, api, operation) -> list[str]:
    """Everything the public can read about the list, as text."""
    ctx = selectors.context("nl")
    csv_text = b"".join(csv_sql.csv_chunks(selectors.public_operations(), ctx)).decode()
    return [
        csv_text,
        client.get("/list-of-operations/").content.decode(),
        client.get(f"/list-of-operations/{operation.code}/").content.decode(),
        client.get("/list-of-operations/download.json").getvalue().decode(),
        client.get("/list-of-operations/download.360giving").getvalue().decode(),
        json.dumps(api.get("/api/v1/list-of-operations/").json()),
        json.dumps(api.get(f"/api/v1/list-of-operations/{operation.code}/").json()),
    ]


@pytest.mark.django_db
def test_prepared_restriction_withholds_nothing_until_a_second_person_confirms(make_op, officer, approver):
    operation = make_op(beneficiary_name="Opvanghuis Geheim vzw")
    restriction = restrictions.prepare(officer, operation, "  Bescherming van slachtoffers (GDPR art. 9).  ")
    assert restriction.status == RestrictionStatus.PREPARED
    assert restriction.legal_ground == "Bescherming van slachtoffers (GDPR art. 9)."
    assert selectors.published_row(operation, selectors.context("nl"))["beneficiary_name"] == "Opvanghuis Geheim vzw"
    restrictions.confirm(approver, restriction)
    row = selectors.published_row(operation, selectors.context("nl"))
    assert row["beneficiary_name"] is None and row["publication_restricted"] is True
    actions = list(AuditEvent.objects.filter(object_type="transparency.publicationrestriction").values_list("action"))
    assert actions == [("publication_restriction.prepared",), ("publication_restriction.confirmed",)]


@pytest.mark.django_db
def test_the_preparer_cannot_confirm_even_with_both_roles(make_op, officer):
    from django.contrib.auth.models import Group

    operation = make_op()
    restriction = restrictions.prepare(officer, operation, "Ground.")
    officer.groups.add(Group.objects.get_or_create(name="authorising_officer")[0])
    officer = type(officer).objects.get(pk=officer.pk)  # fresh permission cache
    with pytest.raises(PermissionDenied):
        restrictions.confirm(officer, restriction)
    assert PublicationRestriction.objects.get(pk=restriction.pk).status == RestrictionStatus.PREPARED


@pytest.mark.django_db
def test_the_database_refuses_the_same_person_on_both_sides(make_op, officer):
    restriction = restrictions.prepare(officer, make_op(), "Ground.")
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicationRestriction.objects.filter(pk=restriction.pk).update(
            status=RestrictionStatus.ACTIVE, decided_by=officer, decided_at=restriction.prepared_at
        )


@pytest.mark.django_db
def test_only_officers_prepare_and_only_authorising_officers_decide(make_op, officer, officer2, applicant, auditor):
    operation = make_op()
    for user in (applicant, auditor):
        with pytest.raises(PermissionDenied):
            restrictions.prepare(user, operation, "Ground.")
    restriction = restrictions.prepare(officer, operation, "Ground.")
    with pytest.raises(PermissionDenied):
        restrictions.confirm(officer2, restriction)  # an officer, not an authorising officer


@pytest.mark.django_db
def test_a_legal_ground_is_required_and_one_restriction_at_a_time(make_op, officer):
    operation = make_op()
    with pytest.raises(RuleViolation) as caught:
        restrictions.prepare(officer, operation, "   ")
    assert "legal_ground" in caught.value.errors
    restrictions.prepare(officer, operation, "Ground.")
    with pytest.raises(Conflict):
        restrictions.prepare(officer, operation, "Another ground.")


@pytest.mark.django_db
def test_restricted_operation_is_withheld_everywhere_but_its_amounts_count(client, api, make_op, shelter):
    make_op(total_cost=Decimal("100000.00"), eu_contribution=Decimal("75000.00"))
    for text in public_texts(client, api, shelter):
        for secret in SECRETS:
            assert secret not in text
    totals = selectors.totals()
    assert totals["operations"] == 2
    assert totals["total_cost"] == Decimal("350000.00")
    assert totals["eu_contribution"] == Decimal("225000.00")
    ctx = selectors.context("nl")
    rows = list(csv.DictReader(io.StringIO(b"".join(csv_sql.csv_chunks(selectors.public_operations(), ctx)).decode())))
    shelter_row = next(row for row in rows if row["unique_operation_code"] == shelter.code)
    assert shelter_row["total_cost"] == "250000.00" and shelter_row["publication_restricted"] == "true"
    assert shelter_row["country"] == "BE"


@pytest.mark.django_db
def test_filters_on_beneficiary_or_place_never_reveal_a_restricted_operation(client, shelter):
    for query in ("beneficiary=Opvanghuis", "q=Opvanghuis", "q=Geheimstraat", f"nuts={shelter.nuts.code}"):
        response = client.get(f"/list-of-operations/?{query}")
        assert response.status_code == 200, query
        assert shelter.code not in response.content.decode(), query


@pytest.mark.django_db
def test_confirming_withholds_in_snapshots_already_published(make_op, officer, approver):
    operation = make_op(beneficiary_name="Opvanghuis Geheim vzw", postcode="9000")
    snapshot = publication.publish(officer)
    assert snapshot.rows.get().data["beneficiary_name"] == "Opvanghuis Geheim vzw"
    restriction = restrictions.prepare(officer, operation, "Ground.")
    restrictions.confirm(approver, restriction)
    row = snapshot.rows.get()
    assert row.restricted and row.data["beneficiary_name"] is None and row.data["postcode"] is None
    snapshot.refresh_from_db()
    assert snapshot.redacted_at is not None


@pytest.mark.django_db
def test_refusal_needs_a_reason_and_leaves_the_data_public(make_op, officer, approver):
    operation = make_op(beneficiary_name="Open vzw")
    restriction = restrictions.prepare(officer, operation, "Ground.")
    with pytest.raises(RuleViolation):
        restrictions.refuse(approver, restriction, "")
    restrictions.refuse(approver, restriction, "No legal ground for withholding.")
    assert selectors.published_row(operation, selectors.context("nl"))["beneficiary_name"] == "Open vzw"
    with pytest.raises(Conflict):
        restrictions.confirm(approver, restriction)


@pytest.mark.django_db
def test_lifting_is_prepared_and_confirmed_by_two_people(make_op, officer, approver, restrict):
    operation = make_op(beneficiary_name="Opvanghuis Geheim vzw")
    restriction = restrict(operation)
    restriction = restrictions.prepare_lift(officer, restriction, "The shelter moved; the old address may be public.")
    # Still in force while the lifting awaits confirmation.
    assert selectors.published_row(operation, selectors.context("nl"))["beneficiary_name"] is None
    with pytest.raises(PermissionDenied):
        restrictions.confirm_lift(officer, restriction)
    restrictions.confirm_lift(approver, restriction)
    assert selectors.published_row(operation, selectors.context("nl"))["beneficiary_name"] == "Opvanghuis Geheim vzw"
    assert PublicationRestriction.objects.get(pk=restriction.pk).status == RestrictionStatus.LIFTED


@pytest.mark.django_db
def test_audit_events_name_the_operation_by_code_never_the_beneficiary(make_op, restrict):
    operation = make_op(beneficiary_name="Opvanghuis Geheim vzw")
    restrict(operation)
    for event in AuditEvent.objects.filter(object_type="transparency.publicationrestriction"):
        assert event.data["operation"] == operation.code
        assert "Opvanghuis" not in json.dumps([event.before, event.after, event.data])


def test_withheld_keys_are_the_beneficiary_and_location_fields():
    assert "total_cost" not in field_map.WITHHELD_KEYS and "postcode" in field_map.WITHHELD_KEYS


@pytest.mark.django_db
def test_officers_pages_prepare_and_confirm_under_four_eyes(client, make_op, officer, approver):
    operation = make_op()
    client.force_login(officer)
    response = client.post(
        "/manage/transparency/restrictions/new/", {"code": operation.code, "legal_ground": "Victims of trafficking."}
    )
    assert response.status_code == 302
    restriction = PublicationRestriction.objects.get(operation=operation)
    client.post(f"/manage/transparency/restrictions/{restriction.pk}/do/confirm/")
    assert PublicationRestriction.objects.get(pk=restriction.pk).status == RestrictionStatus.PREPARED
    client.force_login(approver)
    client.post(f"/manage/transparency/restrictions/{restriction.pk}/do/confirm/")
    assert PublicationRestriction.objects.get(pk=restriction.pk).status == RestrictionStatus.ACTIVE
    response = client.post("/manage/transparency/restrictions/new/", {"code": "NOPE", "legal_ground": "x"})
    assert response.status_code in (400, 403)


@pytest.mark.django_db
def test_prepare_page_with_an_unknown_code_says_so(client, officer):
    client.force_login(officer)
    response = client.post("/manage/transparency/restrictions/new/", {"code": "AMIF-NOPE", "legal_ground": "Ground."})
    assert response.status_code == 400
    assert PublicationRestriction.objects.count() == 0


@pytest.mark.django_db
def test_the_public_and_applicants_cannot_reach_the_officers_pages(client, applicant):
    assert client.get("/manage/transparency/").status_code in (302, 403)
    client.force_login(applicant)
    assert client.get("/manage/transparency/").status_code == 403
    assert client.post("/manage/transparency/publish/").status_code == 403


@pytest.mark.django_db
def test_search_finds_an_operation_by_what_it_publishes_and_never_by_what_it_withholds(make_op, shelter):
    old = clock.now() - dt.timedelta(days=3 * 365)
    person = {"beneficiary_is_natural_person": True, "beneficiary_name": "Jan Peeters"}
    expired = make_op(name="Taalcoach", name_nl="Taalcoach", location_text="Leuven", selected_at=old, **person)
    current = make_op(name="Taalcoach", name_nl="Taalcoach", location_text="Brugge", **person)
    entity = make_op(name="Buddywerking", name_nl="Buddywerking", beneficiary_name="Netwerk Peeters vzw")

    def found(text):
        return set(search.match(selectors.public_operations(), text, name_cutoff()).values_list("code", flat=True))

    assert found("Peeters") == {current.code, entity.code}  # the expired name and the shelter's are withheld
    assert found("Jan Peeters") == {current.code}
    assert found("taalcoach Leuven") == {expired.code}  # a withheld name's place and texts stay searchable
    assert found("Opvanghuis") == found("Geheimstraat") == set()  # the restricted beneficiary and place
    assert found("veilig onderdak") == {shelter.code}  # the restricted operation's own name is public
