"""Progress reports: the beneficiary writes one per reporting period (``periods``) with the indicator values
achieved in it and submits it once the period is over; an officer accepts it or returns it with a note."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.formatting import date as format_date

from ..constants import EDITABLE_REPORT_STATUSES, REPORT_TRANSITIONS, OperationStatus, ReportStatus
from ..models import Operation, ProgressReport, ReportedValue
from ..periods import period_starting
from .common import fail_if, locked, move, require, text

BREAKDOWN = ReportedValue.BREAKDOWN_FIELDS


def _move(report, to):
    move(report, to, REPORT_TRANSITIONS, ReportStatus)


def report_create(user, operation: Operation, *, period_start) -> ProgressReport:
    require(user, "projects.report_progress", operation)
    with transaction.atomic():
        operation = locked(operation)
        if operation.status != OperationStatus.ACTIVE:
            raise Conflict(
                _("Progress is reported on an active operation (its agreement in force)."), code="not_active"
            )
        period = period_starting(operation.start_date, operation.end_date, period_start)
        if period is None:
            raise RuleViolation(errors={"period_start": _("Choose one of the operation's reporting periods.")})
        report = ProgressReport(
            operation=operation,
            period_start=period.start,
            period_end=period.end,
            due_date=period.due,
            is_final=period.is_final,
            narrative="",
            created_at=clock.now(),
            created_by=user,
        )
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError as exc:
            raise Conflict(_("A report for this period already exists."), code="report_exists") from exc
        audit.record(
            user,
            "progress_report.created",
            report,
            after={"period_start": report.period_start, "period_end": report.period_end},
            data={"operation": operation.code},
        )
    return report


def _locked(report) -> ProgressReport:
    return ProgressReport.objects.select_for_update(of=("self",)).select_related("operation").get(pk=report.pk)


def _count(value, field, errors):
    if value in (None, ""):
        return 0
    try:
        number = int(str(value).strip())
    except ValueError:
        errors[field] = _("Enter a whole number.")
        return 0
    if number < 0:
        errors[field] = _("A number cannot be negative.")
    elif number > 10_000_000:
        errors[field] = _("This number is too large.")
    return number


def _values(report, values: dict, errors: dict) -> list[ReportedValue]:
    """``values``: target id → {"value": n, and for persons the age and gender breakdown}."""
    targets = {t.pk: t for t in report.operation.indicator_targets.select_related("indicator")}
    rows = []
    for key, entry in (values or {}).items():
        try:
            target = targets[int(key)]
        except (KeyError, TypeError, ValueError):
            errors["values"] = _("Report only on the indicators of this operation.")
            continue
        field = f"value_{target.pk}"
        entry = entry if isinstance(entry, dict) else {"value": entry}
        row = ReportedValue(report=report, target=target, by_age_and_gender=target.by_age_and_gender)
        row.value = _count(entry.get("value"), field, errors)
        if target.by_age_and_gender:
            for name in BREAKDOWN:
                setattr(row, name, _count(entry.get(name), f"{field}_{name}", errors))
            ages = sum(getattr(row, name) for name in ReportedValue.AGE_FIELDS)
            genders = sum(getattr(row, name) for name in ReportedValue.GENDER_FIELDS)
            if field not in errors and (ages != row.value or genders != row.value):
                errors[field] = _("%(indicator)s: the age brackets and the genders must each add up to %(n)s.") % {
                    "indicator": target.indicator.code,
                    "n": row.value,
                }
        rows.append(row)
    return rows


def report_update(user, report: ProgressReport, *, narrative: str, values: dict | None = None) -> ProgressReport:
    require(user, "projects.report_progress", report.operation)
    with transaction.atomic():
        report = _locked(report)
        if report.status not in EDITABLE_REPORT_STATUSES:
            raise Conflict(_("A submitted report can no longer be changed."), code="report_submitted")
        errors = {}
        narrative = text(narrative, "narrative", errors, max_length=10000)
        rows = _values(report, values, errors)
        fail_if(errors)
        report.narrative = narrative
        report.save(update_fields=["narrative"])
        if values is not None:
            report.values.all().delete()
            ReportedValue.objects.bulk_create(rows)
        audit.record(
            user,
            "progress_report.updated",
            report,
            after={"values": {row.target.indicator.code: row.value for row in rows}},
        )
    return report


def report_submit(user, report: ProgressReport) -> ProgressReport:
    """Only once the period is over (values as they stood at its end) and with every indicator reported."""
    require(user, "projects.report_progress", report.operation)
    with transaction.atomic():
        report = _locked(report)
        if clock.today() <= report.period_end:
            raise Conflict(
                _("The period ends on %(date)s; the report can be submitted from the day after.")
                % {"date": format_date(report.period_end)},
                code="period_not_over",
            )
        errors = {}
        if not report.narrative.strip():
            errors["narrative"] = _("Describe the progress made in the period.")
        missing = report.operation.indicator_targets.exclude(reported_values__report=report)
        if missing.exists():
            errors["values"] = _("Give a value (zero if nothing was achieved) for every indicator: %(codes)s.") % {
                "codes": ", ".join(missing.values_list("indicator__code", flat=True))
            }
        fail_if(errors)
        before = {"status": report.status}
        _move(report, ReportStatus.SUBMITTED)
        report.is_final = report.period_end >= report.operation.end_date
        report.submitted_by, report.submitted_at = user, clock.now()
        report.save(update_fields=["status", "is_final", "submitted_by", "submitted_at"])
        audit.record(
            user,
            "progress_report.submitted",
            report,
            before=before,
            after={"status": report.status},
            data={"late": clock.today() > report.due_date},
        )
    return report


def _review(user, report, to, note, action):
    require(user, "projects.manage_operation", report.operation)
    with transaction.atomic():
        report = _locked(report)
        if user.pk == report.submitted_by_id:
            raise Conflict(_("You submitted this report; someone else reviews it."), code="own_report")
        before = {"status": report.status}
        _move(report, to)
        report.reviewed_by, report.reviewed_at, report.review_note = user, clock.now(), note
        report.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        audit.record(user, action, report, before=before, after={"status": report.status}, data={"note": note})
    return report


def report_accept(user, report: ProgressReport, *, note: str = "") -> ProgressReport:
    errors = {}
    note = text(note, "note", errors, max_length=4000)
    fail_if(errors)
    return _review(user, report, ReportStatus.ACCEPTED, note, "progress_report.accepted")


def report_return(user, report: ProgressReport, *, note: str) -> ProgressReport:
    errors = {}
    note = text(note, "note", errors, required=True, max_length=4000)
    fail_if(errors)
    return _review(user, report, ReportStatus.RETURNED, note, "progress_report.returned")
