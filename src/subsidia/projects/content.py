"""The frozen content of a grant agreement version: what the parties sign, as canonical JSON (RFC 8785).

Built from the operation at the moment of preparation; the PDF is drawn from this content alone, so a signed
version always shows what was signed.
"""

from django.db.models import Sum, Value
from django.db.models.functions import Coalesce

from subsidia.core.canonical import canonical_json, sha256_text
from subsidia.core.fields import MoneyField

from .models import Operation


def _budget(operation: Operation) -> list[dict]:
    return [
        {"category": line.category, "year": line.year, "amount": str(line.amount)}
        for line in operation.budget_lines.order_by("year", "category")
    ]


def _targets(operation: Operation) -> list[dict]:
    rows = []
    for target in operation.indicator_targets.select_related("indicator").order_by("indicator__id"):
        row = {
            "indicator": target.indicator.code,
            "title": target.indicator.title,
            "unit": target.indicator.unit,
            "target": target.target,
        }
        if target.by_age_and_gender:
            row["breakdown"] = {name: getattr(target, name) for name in target.BREAKDOWN_FIELDS}
        rows.append(row)
    return rows


def operation_terms(operation: Operation) -> dict:
    """Everything about the operation that the agreement fixes (texts, money, dates, coding, targets)."""
    beneficiary = operation.beneficiary
    call = operation.call
    return {
        "code": operation.code,
        "programme": operation.programme.cci,
        "fund": operation.fund.code,
        "specific_objective": operation.specific_objective.code,
        "intervention_field": operation.intervention_field.code if operation.intervention_field_id else None,
        "call": {
            "reference": call.reference,
            "title_nl": call.title_nl,
            "title_fr": call.title_fr,
            "title_en": call.title_en,
        },
        "application": operation.application.reference,
        "beneficiary": {
            "name": operation.beneficiary_name,
            "identifier": beneficiary.identifier,
            "address": beneficiary.address,
        },
        "name": {"binding": operation.name, "nl": operation.name_nl, "fr": operation.name_fr, "en": operation.name_en},
        "purpose": {
            "binding": operation.purpose,
            "nl": operation.purpose_nl,
            "fr": operation.purpose_fr,
            "en": operation.purpose_en,
        },
        "start_date": operation.start_date,
        "end_date": operation.end_date,
        "location": {
            "postcode": operation.postcode,
            "nuts": operation.nuts.code if operation.nuts_id else None,
            "country": operation.country,
            "text": operation.location_text,
        },
        "total_cost": operation.total_cost,
        "total_eligible_cost": operation.total_eligible_cost,
        "eu_contribution": operation.eu_contribution,
        "cofinancing_rate": operation.cofinancing_rate,
        "own_contribution": operation.own_contribution,
        "other_public_funding": operation.other_public_funding,
        "budget": _budget(operation),
        "budget_total": str(
            operation.budget_lines.aggregate(s=Coalesce(Sum("amount"), Value(0), output_field=MoneyField()))["s"]
        ),
        "indicator_targets": _targets(operation),
    }


def agreement_content(agreement, operation: Operation) -> dict:
    return {
        "reference": agreement.reference,
        "version": agreement.version,
        "language": agreement.language,
        "amendment": agreement.amendment.number if agreement.amendment_id else None,
        "conditions": {"nl": agreement.conditions_nl, "fr": agreement.conditions_fr, "en": agreement.conditions_en},
        "operation": operation_terms(operation),
    }


def freeze(agreement, operation: Operation) -> None:
    agreement.content = canonical_json(agreement_content(agreement, operation))
    agreement.sha256 = sha256_text(agreement.content)


def still_matches(agreement, operation: Operation) -> bool:
    """Whether the operation still has the terms this version froze (nothing changed since preparation)."""
    return canonical_json(agreement_content(agreement, operation)) == agreement.content
