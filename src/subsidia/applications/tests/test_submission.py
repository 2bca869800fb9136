"""Submission: the server's deadline, the frozen snapshot and its hash, the receipt, withdrawal."""

import datetime as dt
import json
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from subsidia.applications import services
from subsidia.applications.constants import ApplicationStatus
from subsidia.applications.models import Application, ImmutableError, Submission
from subsidia.core import clock
from subsidia.core.canonical import canonical_json, sha256_text
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.models import AuditEvent
from subsidia.core.tests.factories import UserFactory

from .factories import CallFactory, OrganisationFactory, complete_draft

BRUSSELS = clock.BRUSSELS
CLOSES = dt.datetime(2026, 3, 31, 12, 0, tzinfo=BRUSSELS)


@pytest.fixture
def call(db):
    with time_machine.travel(dt.datetime(2026, 2, 1, 9, 0, tzinfo=BRUSSELS), tick=False):
        return CallFactory(opens_at=dt.datetime(2026, 2, 1, 9, 0, tzinfo=BRUSSELS), closes_at=CLOSES)


@pytest.fixture
def draft(applicant, call):
    with time_machine.travel(dt.datetime(2026, 3, 1, 10, 0, tzinfo=BRUSSELS), tick=False):
        return complete_draft(applicant, call)


@pytest.mark.django_db
def test_submission_one_second_before_closing_is_accepted(applicant, draft):
    with time_machine.travel(CLOSES - dt.timedelta(seconds=1), tick=False):
        application = services.application_submit(applicant, draft)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at == CLOSES - dt.timedelta(seconds=1)


@pytest.mark.django_db
def test_submission_at_the_closing_time_itself_is_refused_and_nothing_changes(applicant, draft):
    with time_machine.travel(CLOSES, tick=False), pytest.raises(Conflict) as refused:
        services.application_submit(applicant, draft)
    assert refused.value.code == "call_closed"
    assert refused.value.status_code == 409
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert draft.reference == ""
    assert not Submission.objects.exists()
    assert not AuditEvent.objects.filter(action="application.submitted").exists()


@pytest.mark.django_db
def test_deadline_is_checked_in_brussels_time_across_a_summer_time_change(applicant):
    """31 March 2026 12:00 in Brussels is 10:00 UTC (CEST, UTC+2): at 10:00:00 UTC it is too late."""
    with time_machine.travel(dt.datetime(2026, 2, 1, 9, 0, tzinfo=BRUSSELS), tick=False):
        call = CallFactory(opens_at=dt.datetime(2026, 2, 1, 9, 0, tzinfo=BRUSSELS), closes_at=CLOSES)
        draft = complete_draft(applicant, call)
    with (
        time_machine.travel(dt.datetime(2026, 3, 31, 10, 0, tzinfo=dt.UTC), tick=False),
        pytest.raises(Conflict),
    ):
        services.application_submit(applicant, draft)
    with time_machine.travel(dt.datetime(2026, 3, 31, 9, 59, 59, tzinfo=dt.UTC), tick=False):
        assert services.application_submit(applicant, draft).status == ApplicationStatus.SUBMITTED


@pytest.mark.django_db
def test_submission_before_the_call_opens_is_refused(applicant):
    with time_machine.travel(dt.datetime(2026, 1, 1, 9, 0, tzinfo=BRUSSELS), tick=False):
        call = CallFactory(opens_at=dt.datetime(2026, 2, 1, 9, 0, tzinfo=BRUSSELS), closes_at=CLOSES)
        draft = complete_draft(applicant, call)
        with pytest.raises(Conflict) as refused:
            services.application_submit(applicant, draft)
    assert "opens" in refused.value.message


@pytest.mark.django_db
def test_incomplete_application_is_refused_with_the_sections_that_lack_something(applicant, call):
    with time_machine.travel(dt.datetime(2026, 3, 1, 10, 0, tzinfo=BRUSSELS), tick=False):
        organisation = OrganisationFactory(signatory=applicant)
        draft = services.application_create(applicant, organisation=organisation, call=call, title="Half af")
        with pytest.raises(RuleViolation) as refused:
            services.application_submit(applicant, draft)
    assert {"general", "activities", "budget", "declarations", "attachments"} <= set(refused.value.errors)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT


@pytest.mark.django_db
def test_snapshot_is_canonical_json_and_its_hash_is_the_sha256_of_the_stored_text(applicant, draft):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        application = services.application_submit(applicant, draft)
    submission = application.submission
    content = json.loads(submission.content)
    assert canonical_json(content) == submission.content
    assert sha256_text(submission.content) == submission.sha256
    assert submission.verify()
    assert content["application"]["reference"] == application.reference
    assert content["cofinancing"]["eu_grant_requested"] == str(application.eu_grant_requested)
    assert content["budget"]["total_eligible_cost"] == str(application.total_eligible_cost)
    assert content["organisation"]["enterprise_number"] == application.organisation.enterprise_number
    assert content["indicator_targets"][0]["indicator"] == "O.2.3"
    assert content["attachments"][0]["sha256"] == application.attachments.first().sha256
    event = AuditEvent.objects.get(action="application.submitted")
    assert event.data["sha256"] == submission.sha256


@pytest.mark.django_db
def test_snapshot_cannot_be_changed_or_deleted(applicant, draft):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        application = services.application_submit(applicant, draft)
    submission = application.submission
    submission.content = submission.content.replace("Samen op weg", "Iets anders")
    with pytest.raises(ImmutableError):
        submission.save()
    with pytest.raises(ImmutableError):
        submission.delete()
    with pytest.raises(ImmutableError):  # a new row whose hash does not match its text
        Submission(
            application=application,
            submitted_at=clock.now(),
            submitted_by=applicant,
            content="{}",
            sha256="0" * 64,
            language="nl",
        ).save()
    assert Submission.objects.get().verify()


@pytest.mark.django_db
def test_submitted_application_cannot_be_edited_and_its_snapshot_stays_the_same(applicant, draft):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        application = services.application_submit(applicant, draft)
        text = application.submission.content
        with pytest.raises(Conflict):
            services.application_update(applicant, application, title="Nieuwe titel")
        with pytest.raises(Conflict):
            services.part_add(applicant, application, "target_group", name="Iedereen")
        with pytest.raises(Conflict):
            services.application_submit(applicant, application)
        services.organisation_update(applicant, application.organisation, legal_name="Andere naam vzw")
    application.refresh_from_db()
    assert application.title == "Samen op weg"
    assert application.submission.content == text
    assert json.loads(text)["organisation"]["legal_name"] != "Andere naam vzw"


@pytest.mark.django_db
def test_references_number_the_calls_submissions_in_order(applicant, call):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        first = services.application_submit(applicant, complete_draft(applicant, call))
        second = services.application_submit(applicant, complete_draft(applicant, call))
    assert first.reference.endswith("-001")
    assert second.reference.endswith("-002")


@pytest.mark.django_db
def test_only_a_signatory_submits(applicant, draft):
    editor = UserFactory()
    services.member_add(applicant, draft.organisation, identifier=editor.username, role="editor")
    with (
        time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False),
        pytest.raises(PermissionDenied),
    ):
        services.application_submit(editor, draft)


@pytest.mark.django_db
def test_declarations_can_be_made_at_submission(applicant, draft):
    services.application_declare(applicant, draft, on_honour=False, no_double_funding=False, not_completed=False)
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        with pytest.raises(RuleViolation):
            services.application_submit(applicant, draft)
        declared = {"on_honour": True, "no_double_funding": True, "not_completed": True}
        application = services.application_submit(applicant, draft, declarations=declared)
    assert json.loads(application.submission.content)["declarations"]["not_completed"] is True


@pytest.mark.django_db
def test_withdrawal_until_the_deadline(applicant, draft):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        application = services.application_submit(applicant, draft)
    with time_machine.travel(CLOSES - dt.timedelta(seconds=1), tick=False):
        application = services.application_withdraw(applicant, application, reason="Partner haakt af")
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.submission.verify()
    event = AuditEvent.objects.get(action="application.withdrawn")
    assert event.data == {"reason": "Partner haakt af"}


@pytest.mark.django_db
def test_withdrawal_after_the_deadline_is_refused(applicant, draft):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        application = services.application_submit(applicant, draft)
    with time_machine.travel(CLOSES, tick=False), pytest.raises(Conflict):
        services.application_withdraw(applicant, application)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SUBMITTED


@pytest.mark.django_db
def test_a_draft_cannot_be_withdrawn_but_can_be_deleted(applicant, draft):
    with pytest.raises(Conflict):
        services.application_withdraw(applicant, draft)
    services.application_delete(applicant, draft)
    assert not Application.objects.exists()
    assert AuditEvent.objects.filter(action="application.deleted").count() == 1


@pytest.mark.django_db
def test_submitted_application_cannot_be_deleted(applicant, draft):
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        application = services.application_submit(applicant, draft)
    with pytest.raises(Conflict):
        services.application_delete(applicant, application)


@pytest.mark.django_db
def test_database_refuses_a_submitted_application_whose_plan_does_not_add_up(applicant, draft):
    from django.db import IntegrityError, transaction

    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        application = services.application_submit(applicant, draft)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(own_contribution=Decimal("1.00"))


@pytest.mark.django_db
def test_receipt_pdf_carries_the_sha256_of_the_stored_snapshot(applicant, draft):
    import shutil
    import subprocess

    from subsidia.applications.receipts import receipt_pdf

    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=BRUSSELS), tick=False):
        application = services.application_submit(applicant, draft)
    content = receipt_pdf(application.submission, language="nl")
    assert content.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF's text")
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True).stdout.decode()
    assert sha256_text(application.submission.content) in "".join(text.split())
    assert application.reference in text
    assert "Ontvangstbewijs" in text or "receipt" in text
