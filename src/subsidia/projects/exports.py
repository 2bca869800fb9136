"""Operations as CSV and XLSX for officers (one row per operation; the XLSX has the budget lines on a second
sheet), and the grant agreement as PDF, drawn from the version's frozen content alone."""

import datetime as dt
import json
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.applications.receipts import category_label
from subsidia.core import clock
from subsidia.core.exports import Column, csv_response, xlsx_response
from subsidia.core.pdf import render_pdf
from subsidia.reference.figures import figure

from .models import GrantAgreement, OperationBudgetLine


def operation_columns():
    return [
        Column("code", _("Operation code")),
        Column("call", _("Call")),
        Column("status", _("Status")),
        Column("beneficiary", _("Beneficiary")),
        Column("name", _("Operation name")),
        Column("start_date", _("Start date")),
        Column("end_date", _("Expected end date")),
        Column("actual_end_date", _("Actual end date")),
        Column("total_cost", _("Total cost (EUR)")),
        Column("total_eligible_cost", _("Total eligible cost (EUR)")),
        Column("eu_contribution", _("EU contribution (EUR)")),
        Column("cofinancing_rate", _("Co-financing rate")),
        Column("own_contribution", _("Own contribution (EUR)")),
        Column("other_public_funding", _("Other public funding (EUR)")),
        Column("specific_objective", _("Specific objective")),
        Column("intervention_field", _("Intervention field")),
        Column("postcode", _("Postcode")),
        Column("nuts", _("NUTS area")),
        Column("country", _("Country")),
        Column("selected_at", _("Selected at (Brussels)")),
    ]


def operation_rows(operations):
    for o in operations.iterator(chunk_size=500):
        yield {
            "code": o.code,
            "call": o.call.reference,
            "status": o.get_status_display(),
            "beneficiary": o.beneficiary_name,
            "name": o.display_name,
            "start_date": o.start_date,
            "end_date": o.end_date,
            "actual_end_date": o.actual_end_date,
            "total_cost": o.total_cost,
            "total_eligible_cost": o.total_eligible_cost,
            "eu_contribution": o.eu_contribution,
            "cofinancing_rate": o.cofinancing_rate,
            "own_contribution": o.own_contribution,
            "other_public_funding": o.other_public_funding,
            "specific_objective": o.specific_objective.code,
            "intervention_field": o.intervention_field.code if o.intervention_field_id else "",
            "postcode": o.postcode,
            "nuts": o.nuts.code if o.nuts_id else "",
            "country": o.country,
            "selected_at": clock.to_local(o.selected_at).replace(tzinfo=None),
        }


def budget_rows(operations):
    lines = (
        OperationBudgetLine.objects.filter(operation__in=operations.values("pk"))
        .select_related("operation")
        .order_by("operation__code", "year", "category")
    )
    for line in lines.iterator(chunk_size=1000):
        yield {
            "code": line.operation.code,
            "year": line.year,
            "category": category_label(line.category),
            "amount": line.amount,
        }


def operations_xlsx(operations):
    budget = [
        Column("code", _("Operation code")),
        Column("year", _("Year")),
        Column("category", _("Cost category")),
        Column("amount", _("Amount (EUR)")),
    ]
    stamp = clock.local_now().strftime("%Y%m%d-%H%M")
    return xlsx_response(
        f"operations-{stamp}.xlsx",
        [
            (_("Operations"), operation_columns(), operation_rows(operations)),
            (_("Budget"), budget, budget_rows(operations)),
        ],
    )


def operations_csv(operations, *, delimiter=","):
    """The same columns as the XLSX's first sheet; ``;`` writes decimal commas for Belgian spreadsheets."""
    stamp = clock.local_now().strftime("%Y%m%d-%H%M")
    return csv_response(f"operations-{stamp}.csv", operation_columns(), operation_rows(operations), delimiter=delimiter)


def agreement_context(agreement: GrantAgreement) -> dict:
    content = json.loads(agreement.content)
    terms = content["operation"]
    language = translation.get_language() or agreement.language
    money = {
        k: Decimal(terms[k])
        for k in ("total_cost", "total_eligible_cost", "eu_contribution", "own_contribution", "other_public_funding")
    }
    return {
        "agreement": agreement,
        "content": content,
        "terms": terms,
        "money": money,
        "rate": Decimal(terms["cofinancing_rate"]),
        "start_date": dt.date.fromisoformat(terms["start_date"]),
        "end_date": dt.date.fromisoformat(terms["end_date"]),
        "budget": [
            {"label": category_label(line["category"]), "year": line["year"], "amount": Decimal(line["amount"])}
            for line in terms["budget"]
        ],
        "budget_total": Decimal(terms["budget_total"]),
        "name": terms["name"].get(language) or terms["name"]["binding"],
        "purpose": terms["purpose"].get(language) or terms["purpose"]["binding"],
        "call_title": terms["call"].get(f"title_{language}") or terms["call"].get(f"title_{agreement.language}"),
        "conditions": content["conditions"].get(language) or "",
        "binding_conditions": content["conditions"].get(agreement.language) or "",
        "is_binding": language == agreement.language,
        "retention": figure("document_retention_years"),
        "reporting": figure("indicator_transmissions_per_year"),
        "report_days": figure("progress_report_due_days"),
        "payment_days": figure("payment_to_beneficiary_days"),
        "data_date": agreement.prepared_at,
    }


def agreement_pdf(agreement: GrantAgreement, language: str) -> bytes:
    with translation.override(language):
        context = agreement_context(agreement)
        title = _("Grant agreement %(reference)s") % {"reference": agreement.reference}
    return render_pdf("projects/agreement_pdf.html", context, language=language, title=title)
