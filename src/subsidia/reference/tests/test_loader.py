"""The loaded reference tables hold exactly the rows of the shipped files; loading twice changes nothing."""

import csv

import pytest
from django.core.management import call_command

from subsidia.reference import models as m
from subsidia.reference.loader import DATA_DIR, load_all


def rows(relative):
    with (DATA_DIR / relative).open(encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


COUNTS = [
    (m.Fund, ["subsidia/funds.csv"]),
    (m.SpecificObjective, ["amif/specific_objectives.csv", "subsidia/technical_assistance.csv"]),
    (m.ImplementationMeasure, ["amif/implementation_measures.csv"]),
    (m.ScopeOfSupport, ["amif/scope_of_support_annex_iii.csv"]),
    (m.AnnexIVAction, ["amif/higher_cofinancing_actions_annex_iv.csv"]),
    (m.InterventionField, ["amif/intervention_fields.csv"]),
    (m.ActionType, ["amif/action_types.csv"]),
    (m.CofinancingRule, ["amif/cofinancing_rules.csv"]),
    (m.ImplementationModality, ["amif/implementation_modalities.csv"]),
    (m.SpecificTheme, ["amif/specific_themes.csv"]),
    (m.Indicator, ["amif/indicators.csv"]),
    (m.RuleFigure, ["subsidia/rule_figures.csv"]),
    (m.FinanceRule, ["amif/finance_rules.csv"]),
    (m.ListOfOperationsField, ["amif/list_of_operations_fields.csv"]),
    (m.TemplateColumn, ["amif/data_transmission_tables.csv", "amif/payment_application_template.csv",
                        "amif/accounts_template.csv"]),
    (m.NutsArea, ["belgium/nuts2021_be.csv"]),
    (m.PostcodeRange, ["belgium/postcode_ranges_be.csv"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "files"), COUNTS, ids=[model.__name__ for model, _ in COUNTS])
def test_loaded_rows_equal_the_rows_of_the_files(model, files):
    assert model.objects.count() == sum(rows(f) for f in files)


@pytest.mark.django_db
def test_loading_twice_duplicates_nothing(capsys):
    before = {model: model.objects.count() for model, _ in COUNTS}
    call_command("load_reference")
    assert "Reference data loaded" in capsys.readouterr().out
    assert {model: model.objects.count() for model, _ in COUNTS} == before


@pytest.mark.django_db
def test_every_shipped_file_is_recorded_with_its_hash():
    load_all()
    shipped = {str(p.relative_to(DATA_DIR)) for p in DATA_DIR.glob("*/*.csv")}
    assert set(m.DataFile.objects.values_list("path", flat=True)) == shipped
    assert all(len(h) == 64 for h in m.DataFile.objects.values_list("sha256", flat=True))


@pytest.mark.django_db
def test_intervention_field_codes_restart_per_objective():
    assert m.InterventionField.objects.filter(code="001").count() == 5  # SO 1-4 and TA


@pytest.mark.django_db
def test_of_which_indicators_point_to_their_parent():
    assert m.Indicator.objects.get(code="O.2.3.1").parent.code == "O.2.3"
    assert m.Indicator.objects.get(code="O.2.3").parent is None
