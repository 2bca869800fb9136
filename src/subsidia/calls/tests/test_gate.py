"""Publishing goes through the committee's approval of the call's exact current content."""

import pytest

from subsidia.calls import services
from subsidia.calls.constants import CallStatus
from subsidia.core import approvals
from subsidia.core.exceptions import Conflict
from subsidia.core.models import AuditEvent

from .factories import approve

pytestmark = pytest.mark.django_db


def _approved(call, officer):
    services.call_submit_for_approval(officer, call)
    approve(call, officer)
    return services.call_note_decision(officer, call)


def test_publish_refused_without_approval_and_status_unchanged(draft_call, officer):
    with pytest.raises(Conflict) as refused:
        services.call_publish(officer, draft_call)
    assert refused.value.code == "not_approved"
    draft_call.refresh_from_db()
    assert draft_call.status == CallStatus.DRAFT


def test_publish_refused_while_awaiting_the_committee(draft_call, officer):
    services.call_submit_for_approval(officer, draft_call)
    with pytest.raises(Conflict):
        services.call_publish(officer, draft_call)
    draft_call.refresh_from_db()
    assert draft_call.status == CallStatus.SUBMITTED


def test_publish_allowed_after_approval_of_current_content(draft_call, officer):
    call = _approved(draft_call, officer)
    assert call.status == CallStatus.APPROVED
    call = services.call_publish(officer, call)
    assert call.status == CallStatus.PUBLISHED
    assert call.published_at is not None
    event = AuditEvent.objects.filter(action="call.published", object_id=str(call.pk)).get()
    assert event.data["content_hash"] == approvals.current_hash(call)


def test_publish_notes_an_approval_the_call_has_not_taken_over_yet(draft_call, officer):
    services.call_submit_for_approval(officer, draft_call)
    approve(draft_call, officer)
    call = services.call_publish(officer, draft_call)
    assert call.status == CallStatus.PUBLISHED
    assert AuditEvent.objects.filter(action="call.approved", object_id=str(call.pk)).count() == 1


def test_rejection_brings_the_call_back_to_draft(draft_call, officer):
    services.call_submit_for_approval(officer, draft_call)
    approve(draft_call, officer, outcome="rejected")
    call = services.call_note_decision(officer, draft_call)
    assert call.status == CallStatus.DRAFT
    assert AuditEvent.objects.filter(action="call.rejected", object_id=str(call.pk)).exists()


def test_substantive_edit_clears_the_approval_and_publish_is_refused(draft_call, officer):
    call = _approved(draft_call, officer)
    services.call_update(officer, call, title_nl="Buddyprojecten voor nieuwkomers (gewijzigd)")
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT
    assert not approvals.is_approved(call)
    assert approvals.requests_for(call).first().status == "withdrawn"
    with pytest.raises(Conflict):
        services.call_publish(officer, call)


@pytest.mark.parametrize(
    "change", [{"budget": "250000.00"}, {"cofinancing_rate": "0.8"}, {"closes_at": "2031-01-15T12:00"}]
)
def test_money_and_dates_are_substantive(draft_call, officer, change):
    call = _approved(draft_call, officer)
    services.call_update(officer, call, **change)
    call.refresh_from_db()
    assert not approvals.is_approved(call)
    assert call.status == CallStatus.DRAFT


def test_changing_a_criterion_weight_clears_the_approval(draft_call, officer):
    call = _approved(draft_call, officer)
    criterion = call.award_criteria.first()
    services.award_criterion_save(
        officer,
        call,
        criterion,
        title_nl=criterion.title_nl,
        max_points="40",
        weight="2",
        threshold="20",
        position=criterion.position,
    )
    call.refresh_from_db()
    assert not approvals.is_approved(call)


def test_typo_fix_in_a_translation_keeps_the_approval(draft_call, officer):
    call = _approved(draft_call, officer)
    services.call_update(officer, call, title_en="Buddy projects for newcomers.", contact="info@example.test")
    call.refresh_from_db()
    assert approvals.is_approved(call)
    assert call.status == CallStatus.APPROVED
    services.call_publish(officer, call)


def test_published_call_refuses_substantive_change_but_takes_a_translation_fix(draft_call, officer):
    call = services.call_publish(officer, _approved(draft_call, officer))
    with pytest.raises(Conflict) as refused:
        services.call_update(officer, call, budget="200000.00")
    assert refused.value.code == "approved_content_frozen"
    call.refresh_from_db()
    assert call.budget == 300000
    services.call_update(officer, call, title_fr="Projets de parrainage pour primo-arrivant·es")
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED and approvals.is_approved(call)
