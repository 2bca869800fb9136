"""The programme budget as CSV and XLSX: the same figures as the page, from the same selectors."""

from django.utils.translation import gettext as _

from subsidia.core.exports import Column, csv_response, xlsx_response

from . import selectors


def budget_columns():
    return [
        Column("cci", _("CCI")),
        Column("version", _("Version")),
        Column("objective_code", _("Specific objective")),
        Column("objective", _("Objective")),
        Column("year", _("Year")),
        Column("eu_contribution", _("EU contribution (EUR)")),
        Column("national_contribution", _("National contribution (EUR)")),
        Column("total", _("Total (EUR)")),
    ]


def budget_rows(version):
    table = selectors.budget_table(version)
    for objective, cells, _objective_total in table.rows():
        for year, cell in zip(table.years, cells, strict=True):
            yield {
                "cci": version.programme.cci,
                "version": version.number,
                "objective_code": objective.code,
                "objective": objective.short_name,
                "year": year,
                **{k: cell[k] for k in ("eu_contribution", "national_contribution", "total")},
            }


def region_columns():
    return [
        Column("region_code", _("Code")),
        Column("region", _("Region or delegated body")),
        Column("objective_code", _("Specific objective")),
        Column("eu_contribution", _("EU contribution (EUR)")),
        Column("national_contribution", _("National contribution (EUR)")),
        Column("total", _("Total (EUR)")),
    ]


def region_rows(version):
    for row in selectors.totals_by_region_and_objective(version):
        yield {
            "region_code": row["region"].code,
            "region": row["region"].name,
            "objective_code": row["specific_objective"].code,
            **{k: row[k] for k in ("eu_contribution", "national_contribution", "total")},
        }


def filename(version, extension):
    return f"budget-{version.programme.cci}-v{version.number}.{extension}"


def budget_csv(version, *, delimiter=","):
    suffix = "csv" if delimiter == "," else "semicolon.csv"
    return csv_response(filename(version, suffix), budget_columns(), budget_rows(version), delimiter=delimiter)


def budget_xlsx(version):
    heading = [
        [version.programme.cci, version.title, _("version %(n)s") % {"n": version.number}, version.get_status_display()]
    ]
    if version.programme.is_demo:
        heading.append([_("Demo data: the figures are made up for demonstration.")])
    return xlsx_response(
        filename(version, "xlsx"),
        [(_("Budget"), budget_columns(), budget_rows(version)), (_("Regions"), region_columns(), region_rows(version))],
        header_rows={_("Budget"): heading},
    )
