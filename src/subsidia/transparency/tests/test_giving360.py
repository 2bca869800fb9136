"""The 360Giving export validates offline against the official schema (``/work/shared/reference/360giving/``,
copied unchanged into ``transparency/schemas/``), with the grant schema registered under its ``$id``."""

import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from subsidia.applications.tests.factories import OrganisationFactory

from ..exports import giving360
from ..selectors import operations as selectors

SHARED = Path(__file__).resolve().parents[5] / "shared" / "reference" / "360giving"
SCHEMA_DIR = SHARED if (SHARED / "360-giving-package-schema.json").exists() else giving360.SCHEMA_DIR


def load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


# RFC 3339 date-time, as the 360Giving schema means by "format": "date-time". jsonschema only checks this format
# with an optional package; without a check, a plain date matches both branches of the schema's ``oneOf`` (date
# or date-time) and fails, so the check is given here.
RFC3339 = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?"
    r"([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$"
)
FORMATS = FormatChecker()


@FORMATS.checks("date-time")
def is_date_time(value) -> bool:
    return not isinstance(value, str) or bool(RFC3339.match(value))


def validator() -> Draft202012Validator:
    """The package schema, with the grant schema it refers to registered under its ``$id`` (no network)."""
    grant_schema, package_schema = load("360-giving-schema.json"), load("360-giving-package-schema.json")
    # The schemas name their dialect with "http://" (the 2020-12 meta-schema's id is "https://"): say it outright.
    grant = DRAFT202012.create_resource(grant_schema)
    registry = Registry().with_resource(grant_schema["$id"], grant)
    # The 1.4.3 package schema still refers to the grant schema by its 1.4.2 address; that reference resolves to
    # the same (local) grant schema, never to the network.
    reference = package_schema["properties"]["grants"]["items"]["$ref"]
    if reference != grant_schema["$id"]:
        registry = registry.with_resource(reference, grant)
    return Draft202012Validator(package_schema, registry=registry, format_checker=FORMATS)


def errors(package: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(package)]


def export(tmp_path, **kwargs) -> dict:
    target = tmp_path / "list.360giving.json"
    call_command("export_operations", "--format", "360giving", "--output", str(target), stderr=io.StringIO())
    return json.loads(target.read_text(encoding="utf-8"), parse_float=Decimal)


def test_the_schemas_in_the_app_are_the_official_ones():
    for name in ("360-giving-schema.json", "360-giving-package-schema.json"):
        assert json.loads((giving360.SCHEMA_DIR / name).read_text()) == load(name)


@pytest.mark.django_db
def test_export_validates_against_the_official_schema(make_op, shelter, tmp_path):
    make_op(
        organisation=OrganisationFactory(enterprise_number="0123456749"),
        name_nl='=Buddy\'s "in" Gent',
        total_cost=Decimal("123456.78"),
        total_eligible_cost=Decimal("100000.01"),
        eu_contribution=Decimal("75000.01"),
        own_contribution=Decimal("25000.00"),
    )
    make_op(beneficiary_is_natural_person=True, beneficiary_name="Jan Janssens")
    package = export(tmp_path)
    assert len(package["grants"]) == 3
    assert errors(package) == []


@pytest.mark.django_db
def test_a_broken_package_does_not_validate(make_op, tmp_path):
    """The validation is real: the same package without a required field fails."""
    make_op()
    package = export(tmp_path)
    package["grants"][0]["amountAwarded"] = "a lot"
    assert any(message.startswith("grants/0/amountAwarded") for message in errors(package))
    del package["grants"][0]["amountAwarded"]
    assert any(message.startswith("grants/0:") for message in errors(package))  # required (in a oneOf)


@pytest.mark.django_db
def test_grants_carry_the_prefix_the_enterprise_number_and_the_eu_contribution(make_op, tmp_path, settings):
    settings.SUBSIDIA_360G_PREFIX = "360G-vlaanderen-amif"
    make_op(
        code="AMIF-VLG-2026-0042",
        organisation=OrganisationFactory(enterprise_number="0123456749"),
        total_cost=Decimal("120000.50"),
        total_eligible_cost=Decimal("100000.00"),
        eu_contribution=Decimal("75000.00"),
        own_contribution=Decimal("20000.00"),
        other_public_funding=Decimal("5000.00"),
        cofinancing_rate=Decimal("0.7500"),
    )
    (grant,) = export(tmp_path)["grants"]
    assert grant["id"] == "360G-vlaanderen-amif-AMIF-VLG-2026-0042"
    assert grant["recipientOrganization"][0]["id"] == "BE-BCE_KBO-0123456749"
    assert grant["amountAwarded"] == Decimal("75000.00")
    assert grant["currency"] == "EUR"
    extra = grant["additional_data"]
    assert extra["totalCost"] == Decimal("120000.50")
    assert extra["totalEligibleCost"] == Decimal("100000.00")
    assert extra["euCofinancingRate"] == Decimal("0.7500")
    assert extra["ownContribution"] == Decimal("20000.00")
    assert extra["otherPublicFunding"] == Decimal("5000.00")


@pytest.mark.django_db
def test_the_prefix_can_come_from_the_environment(make_op, monkeypatch):
    monkeypatch.setenv("SUBSIDIA_360G_PREFIX", "360G-other-")
    make_op(code="AMIF-VLG-2026-0007")
    rows = selectors.published_rows(selectors.public_operations(), selectors.context("nl"))
    package = json.loads(b"".join(giving360.package_chunks(rows)))
    assert package["grants"][0]["id"] == "360G-other-AMIF-VLG-2026-0007"
    assert errors(package) == []


@pytest.mark.django_db
def test_a_restricted_recipient_is_never_identified(shelter, tmp_path):
    (grant,) = export(tmp_path)["grants"]
    text = json.dumps(grant, default=str)
    assert "Opvanghuis" not in text and "Geheimstraat" not in text and "9000" not in text
    if shelter.beneficiary.enterprise_number:
        assert shelter.beneficiary.enterprise_number not in text
    assert "beneficiaryLocation" not in grant
    assert grant["amountAwarded"] == Decimal("150000.00")


@pytest.mark.django_db
def test_a_natural_person_is_an_individual_recipient(make_op, tmp_path):
    make_op(beneficiary_is_natural_person=True, beneficiary_name="Jan Janssens")
    (grant,) = export(tmp_path)["grants"]
    assert grant["recipientIndividual"]["name"] == "Jan Janssens"
    assert "recipientOrganization" not in grant
