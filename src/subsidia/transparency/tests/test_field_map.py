"""The field map covers every field of CPR art. 49(3) and is the one source of every output's columns."""

import csv
from pathlib import Path

import pytest
from django.utils import translation

from subsidia.reference.models import ListOfOperationsField

from .. import fields as field_map
from ..api.serializers import ListOfOperationsRowSerializer
from ..exports import csv_sql

ART_49_FILE = Path(__file__).resolve().parents[2] / "reference" / "data" / "amif" / "list_of_operations_fields.csv"


def art_49_fields() -> list[dict]:
    with open(ART_49_FILE, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_field_of_article_49_3_has_an_entry_with_its_legal_basis():
    rows = art_49_fields()
    assert len(rows) == 16  # the code, (a) beneficiary and (a) contractor, (b) to (n)
    for row in rows:
        field = field_map.BY_KEY.get(row["field"])
        assert field is not None, f"{row['field']} is missing from the field map"
        assert field.legal_basis.startswith(row["required_by"].split(" first")[0]), row["field"]


def test_every_article_49_3_field_is_published_or_says_why_not():
    for row in art_49_fields():
        field = field_map.BY_KEY[row["field"]]
        assert field.published or field.not_applicable, row["field"]


def test_fields_not_applicable_to_the_amif_are_only_procurement_and_fishing():
    not_published = {f.key for f in field_map.FIELDS if not f.published}
    assert not_published == {"contractor_name", "fishing_fleet_register_id"}


@pytest.mark.django_db
def test_loaded_reference_table_matches_the_field_map():
    assert set(ListOfOperationsField.objects.values_list("field", flat=True)) <= set(field_map.BY_KEY)


def test_csv_header_is_the_field_names_with_the_code_first():
    header = next(csv.reader([csv_sql.header_line()]))
    assert header == field_map.PUBLISHED_KEYS
    assert header[0] == "unique_operation_code"
    for key in ("total_cost", "total_eligible_cost", "union_cofinancing_rate", "type_of_intervention", "fund"):
        assert key in header


def test_api_rows_have_exactly_the_published_fields():
    assert list(ListOfOperationsRowSerializer().fields) == field_map.PUBLISHED_KEYS


def test_total_cost_is_published_beside_the_total_eligible_cost():
    keys = field_map.PUBLISHED_KEYS
    assert keys.index("total_eligible_cost") == keys.index("total_cost") + 1


def test_only_beneficiary_and_location_fields_are_withheld():
    assert set(field_map.WITHHELD_KEYS) == {
        "beneficiary_name",
        "beneficiary_first_name_surname",
        "beneficiary_enterprise_number",
        "location_or_geolocation_and_country",
        "postcode",
        "nuts",
        "beneficiary_location_for_multi_location",
    }
    assert not set(field_map.WITHHELD_KEYS) & set(field_map.MONEY_KEYS)


# Words that are the same in the other language.
SAME_WORD = {"nl": {"Postcode"}, "fr": set()}


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_labels_and_meanings_are_translated(language):
    for field in field_map.FIELDS:
        with translation.override("en"):
            english = (str(field.label), str(field.meaning), str(field.not_applicable))
        with translation.override(language):
            translated = (str(field.label), str(field.meaning), str(field.not_applicable))
        if english[0] not in SAME_WORD[language]:
            assert translated[0] != english[0], f"{field.key} label not translated to {language}"
        assert translated[1] != english[1], f"{field.key} meaning not translated to {language}"
        assert not english[2] or translated[2] != english[2], f"{field.key} reason not translated to {language}"
