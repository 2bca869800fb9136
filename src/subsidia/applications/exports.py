"""Submitted applications as XLSX for officers: one row per application, its budget lines and indicator
targets on their own sheets. Text that starts like a formula is neutralised by ``core.exports``."""

from django.utils.translation import gettext as _

from subsidia.core import clock
from subsidia.core.exports import Column, xlsx_response

from .models import BudgetLine, IndicatorTarget
from .receipts import category_label


def application_columns():
    return [
        Column("reference", _("Reference")),
        Column("call", _("Call")),
        Column("status", _("Status")),
        Column("title", _("Project title")),
        Column("organisation", _("Organisation")),
        Column("enterprise_number", _("Enterprise number")),
        Column("organisation_type", _("Type of organisation")),
        Column("postcode", _("Postcode")),
        Column("nuts", _("NUTS area")),
        Column("start_date", _("Start date")),
        Column("end_date", _("End date")),
        Column("total_eligible_cost", _("Total eligible cost (EUR)")),
        Column("cofinancing_rate", _("Co-financing rate")),
        Column("eu_grant_requested", _("EU grant requested (EUR)")),
        Column("own_contribution", _("Own contribution (EUR)")),
        Column("other_public_funding", _("Other public funding (EUR)")),
        Column("submitted_at", _("Submitted at (Brussels)")),
        Column("withdrawn_at", _("Withdrawn at (Brussels)")),
        Column("sha256", _("SHA-256 of the submission")),
    ]


def _local(value):
    return clock.to_local(value).replace(tzinfo=None) if value else None


def application_rows(applications):
    for a in applications:
        yield {
            "reference": a.reference,
            "call": a.call.reference,
            "status": a.get_status_display(),
            "title": a.title,
            "organisation": a.organisation.legal_name,
            "enterprise_number": a.organisation.identifier,
            "organisation_type": a.organisation.get_organisation_type_display(),
            "postcode": a.organisation.postcode,
            "nuts": a.organisation.nuts.code if a.organisation.nuts_id else "",
            "start_date": a.start_date,
            "end_date": a.end_date,
            "total_eligible_cost": a.total_eligible_cost,
            "cofinancing_rate": a.cofinancing_rate,
            "eu_grant_requested": a.eu_grant_requested,
            "own_contribution": a.own_contribution,
            "other_public_funding": a.other_public_funding,
            "submitted_at": _local(a.submitted_at),
            "withdrawn_at": _local(a.withdrawn_at),
            "sha256": a.submission.sha256 if hasattr(a, "submission") else "",
        }


def line_columns():
    return [
        Column("reference", _("Reference")),
        Column("year", _("Year")),
        Column("category", _("Cost category")),
        Column("cost_option", _("Cost option")),
        Column("description", _("Description")),
        Column("quantity", _("Quantity")),
        Column("unit_amount", _("Amount per unit (EUR)")),
        Column("rate", _("Flat rate")),
        Column("amount", _("Amount (EUR)")),
    ]


def line_rows(applications):
    lines = (
        BudgetLine.objects.filter(application__in=applications)
        .select_related("application")
        .order_by("application__reference", "year", "cost_option", "category", "id")
    )
    for x in lines.iterator(2000):
        yield {
            "reference": x.application.reference,
            "year": x.year,
            "category": category_label(x.category),
            "cost_option": x.get_cost_option_display(),
            "description": x.description,
            "quantity": x.quantity,
            "unit_amount": x.unit_amount,
            "rate": x.rate,
            "amount": x.amount,
        }


def target_columns():
    return [
        Column("reference", _("Reference")),
        Column("indicator", _("Indicator")),
        Column("title", _("Title")),
        Column("target", _("Target")),
        Column("age_under_18", _("Under 18")),
        Column("age_18_60", _("18 to 60")),
        Column("age_over_60", _("Over 60")),
        Column("women", _("Women")),
        Column("men", _("Men")),
        Column("non_binary", _("Non-binary or not stated")),
    ]


def target_rows(applications):
    targets = (
        IndicatorTarget.objects.filter(application__in=applications)
        .select_related("application", "indicator")
        .order_by("application__reference", "indicator__code")
    )
    for t in targets.iterator(2000):
        yield {
            "reference": t.application.reference,
            "indicator": t.indicator.code,
            "title": t.indicator.title,
            "target": t.target,
            **{f: getattr(t, f) for f in (*t.AGE_FIELDS, *t.GENDER_FIELDS)},
        }


def applications_xlsx(applications, *, call=None):
    applications = applications.select_related("call", "organisation", "organisation__nuts", "submission")
    name = f"applications-{call.reference if call else 'all'}.xlsx"
    heading = [
        [
            _("Applications received"),
            call.reference if call else _("all calls"),
            _("Data as of %(when)s") % {"when": clock.local_now().strftime("%Y-%m-%d %H:%M")},
        ]
    ]
    sheets = [
        (_("Applications"), application_columns(), application_rows(applications)),
        (_("Budget lines"), line_columns(), line_rows(applications)),
        (_("Indicator targets"), target_columns(), target_rows(applications)),
    ]
    return xlsx_response(name, sheets, header_rows={_("Applications"): heading})
