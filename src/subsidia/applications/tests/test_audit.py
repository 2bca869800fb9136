"""Every change to an application writes one named audit event, and the chain still verifies."""

import datetime as dt

import pytest
import time_machine

from subsidia.applications import services
from subsidia.core import audit, clock
from subsidia.core.models import AuditEvent

from .factories import CallFactory, complete_draft

BRUSSELS = clock.BRUSSELS


@pytest.mark.django_db
def test_each_step_of_filling_and_submitting_writes_its_own_event(applicant):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        call = CallFactory()
        before = AuditEvent.objects.count()
        application = complete_draft(applicant, call)
        services.application_submit(applicant, application)
    actions = list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True)[before:])
    assert actions == [
        "application.created",
        "application.updated",
        "application.activity_added",
        "application.target_group_added",
        "application.location_added",
        "application.indicator_target_added",
        "application.flat_rates_set",
        "application.budget_line_added",
        "application.updated",
        "application.attachment_added",
        "application.declarations_made",
        "application.submitted",
    ]
    assert all(e.object_id == str(application.pk) for e in AuditEvent.objects.order_by("sequence")[before:])
    assert audit.verify().ok


@pytest.mark.django_db
def test_refused_change_writes_no_event(applicant):
    from subsidia.core.exceptions import RuleViolation

    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        application = complete_draft(applicant, CallFactory())
        count = AuditEvent.objects.count()
        with pytest.raises(RuleViolation):
            services.part_add(applicant, application, "activity", title="", start_date="x", end_date="y")
    assert AuditEvent.objects.count() == count
