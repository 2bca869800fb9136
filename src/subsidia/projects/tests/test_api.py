"""The public list of operations is a contract: no login, every operation, the art. 49(3) fields, amounts as
decimal strings, rates with four decimals; withholding plugs in through ``public.register_withholder``."""

import pytest

from .. import public
from ..constants import OperationStatus
from .factories import OperationFactory

pytestmark = pytest.mark.django_db
CONTRACT = {
    "code",
    "call",
    "beneficiary",
    "name",
    "start_date",
    "end_date",
    "total_cost",
    "eu_contribution",
    "cofinancing_rate",
    "specific_objective",
    "intervention_field",
    "postcode",
    "nuts",
    "country",
}


def test_anyone_lists_every_operation_without_login(api):
    operations = [OperationFactory() for _ in range(3)]
    response = api.get("/api/v1/operations/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert [row["code"] for row in body["results"]] == sorted(o.code for o in operations)


def test_each_row_carries_the_contract_fields_in_their_formats(api):
    operation = OperationFactory()
    row = api.get("/api/v1/operations/").json()["results"][0]
    assert set(row) >= CONTRACT
    assert row["total_cost"] == "100000.00" and row["eu_contribution"] == "75000.00"
    assert row["cofinancing_rate"] == "0.7500"
    assert row["call"] == operation.call.reference
    assert row["beneficiary"] == operation.beneficiary_name
    assert row["specific_objective"] == "2" and row["intervention_field"] == operation.intervention_field.code
    assert (row["postcode"], row["nuts"], row["country"]) == ("2000", "BE21", "BE")
    assert row["start_date"] == "2026-01-01" and row["end_date"] == "2027-12-31"


def test_the_end_date_is_the_actual_one_once_known(api):
    import datetime as dt

    OperationFactory(status=OperationStatus.COMPLETED, actual_end_date=dt.date(2027, 10, 31))
    row = api.get("/api/v1/operations/").json()["results"][0]
    assert (row["end_date"], row["expected_end_date"]) == ("2027-10-31", "2027-12-31")


def test_cancelled_selections_are_not_listed(api):
    OperationFactory(status=OperationStatus.CANCELLED)
    OperationFactory()
    assert api.get("/api/v1/operations/").json()["count"] == 1


def test_one_operation_by_its_code_and_an_unknown_code_is_404(api):
    operation = OperationFactory()
    assert api.get(f"/api/v1/operations/{operation.code}/").json()["code"] == operation.code
    assert api.get("/api/v1/operations/AMIF-NOPE-0000/").status_code == 404


def test_filters_narrow_the_list_and_garbage_gets_a_400(api):
    first = OperationFactory()
    OperationFactory()
    assert api.get("/api/v1/operations/", {"call": first.call.reference}).json()["count"] == 1
    assert api.get("/api/v1/operations/", {"nuts": "BE2"}).json()["count"] == 2
    assert api.get("/api/v1/operations/", {"q": first.code}).json()["count"] == 1
    assert api.get("/api/v1/operations/", {"call": "NO-SUCH-CALL"}).status_code == 400
    assert api.get("/api/v1/operations/", {"year": "twee"}).status_code == 400
    assert api.get("/api/v1/operations/", {"page": "0"}).status_code == 400
    assert api.get("/api/v1/operations/", {"ordering": "-eu_contribution"}).status_code == 200


def test_a_registered_withholder_blanks_beneficiary_and_location_but_keeps_the_amounts(api):
    restricted = OperationFactory()
    OperationFactory()

    def shelter(operation, record):
        return public.withhold(record, reason="art. 49(3)") if operation.pk == restricted.pk else record

    public.register_withholder(shelter)
    try:
        rows = {row["code"]: row for row in api.get("/api/v1/operations/").json()["results"]}
    finally:
        public.unregister_withholder(shelter)
    row = rows[restricted.code]
    assert row["beneficiary"] is None and row["postcode"] is None and row["nuts"] is None
    assert "beneficiary" in row["withheld"]
    assert row["eu_contribution"] == "75000.00"
    assert all(r["beneficiary"] for code, r in rows.items() if code != restricted.code)


def test_the_public_list_refuses_writes(api, officer, api_as):
    assert api.post("/api/v1/operations/", {}).status_code in (401, 403, 405)
    assert api_as(officer).post("/api/v1/operations/", {}).status_code in (403, 405)


def test_operation_files_are_for_staff_and_the_beneficiarys_members(api, api_as, officer, applicant, auditor):
    from subsidia.applications.models import Membership
    from subsidia.core import clock

    mine, _other = OperationFactory(), OperationFactory()
    Membership.objects.create(
        organisation=mine.beneficiary, user=applicant, role="editor", added_at=clock.now(), added_by=applicant
    )
    assert api.get("/api/v1/operation-files/").status_code in (401, 403)
    assert api_as(auditor).get("/api/v1/operation-files/").json()["count"] == 2
    body = api_as(applicant).get("/api/v1/operation-files/").json()
    assert [row["code"] for row in body["results"]] == [mine.code]
    assert api_as(applicant).get(f"/api/v1/operation-files/{_other.code}/").status_code == 404
    detail = api_as(officer).get(f"/api/v1/operation-files/{mine.code}/").json()
    assert {"budget", "indicator_targets", "agreements", "amendments", "progress_reports"} <= set(detail)


# The interface other checks rely on (issue 5, "Interfaces that checks rely on"), spelled out as there.
REQUIRED_FIELDS = [
    "code",
    "call",
    "beneficiary",
    "name",
    "start_date",
    "end_date",
    "total_cost",
    "eu_contribution",
    "cofinancing_rate",
    "specific_objective",
    "intervention_field",
    "postcode",
    "nuts",
    "country",
]


def test_the_public_list_carries_exactly_the_required_fields_for_every_operation_without_login(api):
    assert set(REQUIRED_FIELDS) == CONTRACT and len(REQUIRED_FIELDS) == 14
    operations = [
        OperationFactory(status=OperationStatus.SELECTED),
        OperationFactory(status=OperationStatus.ACTIVE),
        OperationFactory(status=OperationStatus.TERMINATED, actual_end_date=OperationFactory.end_date),
    ]
    response = api.get("/api/v1/operations/", {"page_size": 1000})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert sorted(row["code"] for row in rows) == sorted(o.code for o in operations)
    for row in rows:
        assert [name for name in REQUIRED_FIELDS if name in row] == REQUIRED_FIELDS
        assert all(row[name] not in (None, "") for name in REQUIRED_FIELDS), row
