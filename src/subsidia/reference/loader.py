"""Loads the shipped data files into the reference tables; idempotent (upsert on natural keys)."""

import csv
import hashlib
from collections import Counter
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from subsidia.core import clock

from . import models as m

DATA_DIR = Path(__file__).resolve().parent / "data"
AMIF = "amif"
BELGIUM = "belgium"
OWN = "subsidia"


def read(relative: str) -> list[dict]:
    with (DATA_DIR / relative).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _pct_to_rate(value: str) -> Decimal | None:
    value = (value or "").strip()
    return (Decimal(value) / 100).quantize(Decimal("0.0001")) if value else None


def _upsert(model, lookup: dict, values: dict, counter: Counter, label: str):
    obj, _created = model.objects.update_or_create(**lookup, defaults=values)
    counter[label] += 1
    return obj


@transaction.atomic
def load_all() -> Counter:
    counts: Counter = Counter()
    files: dict[str, int] = {}

    def rows(relative):
        data = read(relative)
        files[relative] = len(data)
        return data

    funds = {}
    for row in rows(f"{OWN}/funds.csv"):
        funds[row["code"]] = _upsert(
            m.Fund,
            {"code": row["code"]},
            {
                k: row[k]
                for k in (
                    "name_en",
                    "name_nl",
                    "name_fr",
                    "regulation",
                    "period_start",
                    "period_end",
                    "eligibility_start",
                    "eligibility_end",
                    "eligibility_source",
                )
            },
            counts,
            "funds",
        )
    amif = funds["AMIF"]

    names = {row["code"]: row for row in rows(f"{OWN}/objective_names.csv")}
    objectives = {}
    so_rows = [(r, False) for r in rows(f"{AMIF}/specific_objectives.csv")]
    so_rows += [(r, True) for r in rows(f"{OWN}/technical_assistance.csv")]
    for position, (row, is_ta) in enumerate(so_rows, start=1):
        short = names.get(row["code"], {})
        objectives[row["code"]] = _upsert(
            m.SpecificObjective,
            {"fund": amif, "code": row["code"]},
            {
                "article": row["article"],
                "title": row["title"],
                "short_en": short.get("short_en", ""),
                "short_nl": short.get("short_nl", ""),
                "short_fr": short.get("short_fr", ""),
                "is_technical_assistance": is_ta,
                "position": position,
            },
            counts,
            "specific objectives",
        )

    for row in rows(f"{AMIF}/implementation_measures.csv"):
        _upsert(
            m.ImplementationMeasure,
            {"objective": objectives[row["objective"]], "letter": row["letter"]},
            {"text": row["text"], "note": row["note"]},
            counts,
            "implementation measures",
        )

    for row in rows(f"{AMIF}/scope_of_support_annex_iii.csv"):
        _upsert(
            m.ScopeOfSupport,
            {"point": row["annex_iii_point"], "letter": row["letter"]},
            {"objective_ref": row["objective"], "text": row["text"]},
            counts,
            "Annex III scope rows",
        )

    for row in rows(f"{AMIF}/higher_cofinancing_actions_annex_iv.csv"):
        _upsert(
            m.AnnexIVAction,
            {"seq": int(row["seq"])},
            {"text": row["text"], "max_rate": _pct_to_rate(row["max_rate"])},
            counts,
            "Annex IV actions",
        )

    for row in rows(f"{AMIF}/intervention_fields.csv"):
        _upsert(
            m.InterventionField,
            {"objective": objectives[row["objective"]], "code": row["code"]},
            {"section": row["section"], "title": row["title"], "note": row["note"]},
            counts,
            "intervention fields",
        )

    for row in rows(f"{AMIF}/action_types.csv"):
        _upsert(m.ActionType, {"code": row["code"]}, {"title": row["title"]}, counts, "action types")

    rules = {}
    for row in rows(f"{AMIF}/cofinancing_rules.csv"):
        rules[row["rule_id"]] = _upsert(
            m.CofinancingRule,
            {"rule_id": row["rule_id"]},
            {
                "legal_basis": row["legal_basis"],
                "applies_to": row["applies_to"],
                "max_eu_rate": _pct_to_rate(row["max_eu_rate_pct"]),
                "text": row["text_or_summary"],
            },
            counts,
            "co-financing rules",
        )

    modality_names = {row["code"]: row for row in rows(f"{OWN}/modality_names.csv")}
    modality_rules = {row["modality_code"]: row["rule_id"] for row in rows(f"{OWN}/modality_rules.csv")}
    for row in rows(f"{AMIF}/implementation_modalities.csv"):
        name = modality_names.get(row["code"], {})
        _upsert(
            m.ImplementationModality,
            {"code": row["code"]},
            {
                "name_en": row["title"],
                "name_nl": name.get("name_nl", ""),
                "name_fr": name.get("name_fr", ""),
                "note": row["note"],
                "cofinancing_rule": rules.get(modality_rules.get(row["code"], "")),
            },
            counts,
            "implementation modalities",
        )

    for row in rows(f"{AMIF}/specific_themes.csv"):
        _upsert(m.SpecificTheme, {"code": row["code"]}, {"title": row["title"]}, counts, "specific themes")

    indicators = {}
    for row in rows(f"{AMIF}/indicators.csv"):
        indicators[row["code"]] = _upsert(
            m.Indicator,
            {"code": row["code"]},
            {
                "kind": row["kind"],
                "objective": objectives[row["objective"]],
                "title": row["title"],
                "unit": row["unit"],
                "breakdown": row["breakdown"],
                "source_ref": row["source_ref"],
                "note": row["note"],
            },
            counts,
            "indicators",
        )
    for code, indicator in indicators.items():
        parent_code = code.rsplit(".", 1)[0] if code.count(".") == 3 else None
        parent = indicators.get(parent_code) if parent_code else None
        if indicator.parent_id != (parent.pk if parent else None):
            indicator.parent = parent
            indicator.save(update_fields=["parent"])

    for row in rows(f"{OWN}/rule_figures.csv"):
        _upsert(
            m.RuleFigure,
            {"key": row["key"]},
            {
                "value": Decimal(row["value"]),
                "unit": row["unit"],
                "legal_basis": row["legal_basis"],
                "summary": row["summary"],
            },
            counts,
            "rule figures",
        )

    for row in rows(f"{AMIF}/finance_rules.csv"):
        _upsert(
            m.FinanceRule,
            {"rule_id": row["rule_id"]},
            {
                "legal_basis": row["legal_basis"],
                "summary": row["summary"],
                "figure": row["figure"],
            },
            counts,
            "finance rules",
        )

    for position, row in enumerate(rows(f"{AMIF}/list_of_operations_fields.csv"), start=1):
        _upsert(
            m.ListOfOperationsField,
            {"field": row["field"]},
            {
                "required_by": row["required_by"],
                "notes": row["notes"],
                "position": position,
            },
            counts,
            "list-of-operations fields",
        )

    for template, relative in (
        ("data_transmission", f"{AMIF}/data_transmission_tables.csv"),
        ("payment_application", f"{AMIF}/payment_application_template.csv"),
        ("accounts", f"{AMIF}/accounts_template.csv"),
    ):
        for position, row in enumerate(rows(relative), start=1):
            _upsert(
                m.TemplateColumn,
                {"template": template, "table": row.get("table", ""), "column": row["column"]},
                {"meaning": row["meaning"], "source": row["source"], "position": position},
                counts,
                "template columns",
            )

    nuts = {}
    for row in rows(f"{BELGIUM}/nuts2021_be.csv"):
        nuts[row["code"]] = _upsert(
            m.NutsArea,
            {"code": row["code"]},
            {
                "level": int(row["level"]),
                "parent": nuts.get(row["parent"]) if row["parent"] else None,
                "name_nl": row["name_nl"],
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
            },
            counts,
            "NUTS areas",
        )

    for row in rows(f"{BELGIUM}/postcode_ranges_be.csv"):
        _upsert(
            m.PostcodeRange,
            {"first": int(row["first"])},
            {"last": int(row["last"]), "nuts": nuts[row["nuts2"]]},
            counts,
            "postcode ranges",
        )

    now = clock.now()
    for relative, count in files.items():
        digest = hashlib.sha256((DATA_DIR / relative).read_bytes()).hexdigest()
        m.DataFile.objects.update_or_create(path=relative, defaults={"sha256": digest, "rows": count, "loaded_at": now})
    return counts


def is_loaded() -> bool:
    return m.Fund.objects.filter(code="AMIF").exists() and m.PostcodeRange.objects.exists()
