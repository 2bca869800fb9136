"""Progress reports per half-year (CPR art. 42(1): indicator values go out by 31 January and 31 July):
submitted by the beneficiary after the period, with every indicator, reviewed by an officer."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.reference.figures import figure

from .. import selectors, services
from ..constants import OperationStatus, ReportStatus
from ..periods import periods
from .conftest import BRUSSELS, travel

pytestmark = pytest.mark.django_db
AFTER_H1 = dt.datetime(2027, 7, 3, 10, 0, tzinfo=BRUSSELS)


def test_reporting_periods_are_half_years_because_values_go_out_twice_a_year():
    assert figure("indicator_transmissions_per_year").legal_basis == "CPR Art. 42(1)"
    result = periods(dt.date(2027, 3, 15), dt.date(2028, 2, 29))
    assert [(p.start, p.end) for p in result] == [
        (dt.date(2027, 3, 15), dt.date(2027, 6, 30)),
        (dt.date(2027, 7, 1), dt.date(2027, 12, 31)),
        (dt.date(2028, 1, 1), dt.date(2028, 2, 29)),
    ]
    assert [p.transmission for p in result] == [dt.date(2027, 7, 31), dt.date(2028, 1, 31), dt.date(2028, 7, 31)]
    assert result[0].due == dt.date(2027, 6, 30) + dt.timedelta(days=int(figure("progress_report_due_days").value))
    assert [p.is_final for p in result] == [False, False, True]


def _values(operation, value=40, **breakdown):
    target = operation.indicator_targets.get()
    defaults = {"age_under_18": 5, "age_18_60": 30, "age_over_60": 5, "women": 20, "men": 18, "non_binary": 2}
    return {target.pk: {"value": value, **(breakdown or defaults)}}


def _submitted(active, beneficiary):
    with travel(AFTER_H1):
        report = services.report_create(beneficiary, active, period_start=dt.date(2027, 1, 1))
        services.report_update(beneficiary, report, narrative="Veertig duo's gestart.", values=_values(active))
        return services.report_submit(beneficiary, report)


def test_the_beneficiary_reports_and_an_officer_accepts(active, beneficiary, officer):
    report = _submitted(active, beneficiary)
    assert report.status == ReportStatus.SUBMITTED and not report.is_final
    services.report_accept(officer, report, note="In orde.")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED and report.reviewed_by == officer
    (row,) = selectors.achievements(active)
    assert (row["indicator"].code, row["target"], row["achieved"]) == ("O.2.3", 120, 40)
    actions = AuditEvent.objects.filter(object_type="projects.progressreport").values_list("action", flat=True)
    assert list(actions) == [
        "progress_report.created",
        "progress_report.updated",
        "progress_report.submitted",
        "progress_report.accepted",
    ]


def test_a_report_cannot_be_submitted_before_its_period_ends(active, beneficiary):
    with travel(dt.datetime(2027, 6, 30, 20, 0, tzinfo=BRUSSELS)):
        report = services.report_create(beneficiary, active, period_start=dt.date(2027, 1, 1))
        services.report_update(beneficiary, report, narrative="Nog bezig.", values=_values(active))
        with pytest.raises(Conflict, match="30"):
            services.report_submit(beneficiary, report)


def test_a_breakdown_that_does_not_add_up_is_refused(active, beneficiary):
    with travel(AFTER_H1):
        report = services.report_create(beneficiary, active, period_start=dt.date(2027, 1, 1))
        wrong = _values(active, 40, age_under_18=5, age_18_60=30, age_over_60=5, women=20, men=18, non_binary=1)
        with pytest.raises(RuleViolation, match="add up"):
            services.report_update(beneficiary, report, narrative="Tekst.", values=wrong)
    assert not report.values.exists()


def test_every_indicator_needs_a_value_before_submission(active, beneficiary):
    with travel(AFTER_H1):
        report = services.report_create(beneficiary, active, period_start=dt.date(2027, 1, 1))
        services.report_update(beneficiary, report, narrative="Tekst.")
        with pytest.raises(RuleViolation, match=r"O\.2\.3"):
            services.report_submit(beneficiary, report)


def test_garbage_numbers_are_refused_with_a_message(active, beneficiary):
    target = active.indicator_targets.get()
    with travel(AFTER_H1):
        report = services.report_create(beneficiary, active, period_start=dt.date(2027, 1, 1))
        with pytest.raises(RuleViolation, match="whole number"):
            services.report_update(beneficiary, report, narrative="x", values={target.pk: {"value": "veel"}})


def test_only_a_period_of_the_operation_can_be_reported(active, beneficiary):
    with travel(AFTER_H1), pytest.raises(RuleViolation):
        services.report_create(beneficiary, active, period_start=dt.date(2027, 2, 1))


def test_a_returned_report_can_be_corrected_and_submitted_again(active, beneficiary, officer):
    report = _submitted(active, beneficiary)
    with pytest.raises(RuleViolation):
        services.report_return(officer, report, note="")
    services.report_return(officer, report, note="Leeftijden ontbreken.")
    with travel(AFTER_H1):
        services.report_update(beneficiary, report, narrative="Aangevuld.", values=_values(active))
        services.report_submit(beneficiary, report)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_another_organisation_cannot_report_on_the_operation(active, applicant):
    with travel(AFTER_H1), pytest.raises(PermissionDenied):
        services.report_create(applicant, active, period_start=dt.date(2027, 1, 1))


def test_a_submitted_report_is_frozen(active, beneficiary):
    report = _submitted(active, beneficiary)
    with pytest.raises(Conflict):
        services.report_update(beneficiary, report, narrative="Achteraf gewijzigd.")


def test_completion_needs_the_accepted_final_report(active, beneficiary, officer):
    with travel(dt.datetime(2028, 1, 10, 10, 0, tzinfo=BRUSSELS)):
        with pytest.raises(Conflict):
            services.operation_complete(officer, active, actual_end_date=dt.date(2027, 12, 31), achievements="x")
        report = services.report_create(beneficiary, active, period_start=dt.date(2027, 7, 1))
        services.report_update(
            beneficiary,
            report,
            narrative="Afgerond.",
            values=_values(
                active,
                80,
                **{"age_under_18": 10, "age_18_60": 60, "age_over_60": 10, "women": 40, "men": 36, "non_binary": 4},
            ),
        )
        services.report_submit(beneficiary, report)
        services.report_accept(officer, report)
        services.operation_complete(
            officer, active, actual_end_date=dt.date(2027, 12, 31), achievements="120 nieuwkomers met een buddy."
        )
    active.refresh_from_db()
    assert active.status == OperationStatus.COMPLETED and active.actual_end_date == dt.date(2027, 12, 31)
    assert active.expected_or_actual_end_date == dt.date(2027, 12, 31)
