"""Demo: three Flemish calls under specific objective 2, replayed through the real services.

* ``AMIF-VLG-BUDDY`` (buddy projects): approved by the committee, published, opened about 100 days before the
  demo was loaded and closed 20 days before it; the applications demo adds submitted applications to it.
* ``AMIF-VLG-VOLUNTEERING`` (access to volunteering): approved, published and open (opened 10 days before
  the load, closes 45 days after it).
* ``AMIF-VLG-ASSOCIATIONS`` (newcomers in local associations): put to the committee, awaiting its decision.

Dates are relative to the day of loading; a reload finds the calls by reference and leaves them alone.
"""

import datetime as dt
from decimal import Decimal

from subsidia.committee import notifications as committee_notifications
from subsidia.committee import selectors as committee_selectors
from subsidia.committee import services as committee_services
from subsidia.consultations.models import Priority
from subsidia.core import approvals, clock
from subsidia.core.demo import demo_user
from subsidia.programmes.models import Programme, Region
from subsidia.reference.models import (
    ActionType,
    ImplementationModality,
    InterventionField,
    NutsArea,
    SpecificObjective,
)

from . import services
from .constants import CostCategory, CostOptionKind, FlatRate
from .demo_texts import CALLS, COMMON_ATTACHMENTS, COMMON_ELIGIBILITY, PLANNED, award_criteria
from .models import Call, PlannedCall
from .pdf_stub import guide_pdf

PROGRAMME = "2021BE65AMPR001"
CLOSED_CALL_REFERENCE = "AMIF-VLG-BUDDY"
OPEN_CALL_REFERENCE = "AMIF-VLG-VOLUNTEERING"
PENDING_CALL_REFERENCE = "AMIF-VLG-ASSOCIATIONS"

# Days relative to loading: created, put to the committee, decided, published, opens, closes.
TIMELINE = {
    CLOSED_CALL_REFERENCE: (-120, -116, -110, -104, -100, -20),
    OPEN_CALL_REFERENCE: (-35, -30, -22, -12, -10, 45),
    PENDING_CALL_REFERENCE: (-6, -3, None, None, 40, 100),
}
COST_OPTIONS = {
    CLOSED_CALL_REFERENCE: [
        {"kind": CostOptionKind.REAL_COSTS, "category": CostCategory.STAFF},
        {"kind": CostOptionKind.FLAT_RATE, "flat_rate": FlatRate.OTHER_OF_STAFF},
    ],
    OPEN_CALL_REFERENCE: [
        *(
            {"kind": CostOptionKind.REAL_COSTS, "category": c}
            for c in (
                CostCategory.STAFF,
                CostCategory.TRAVEL,
                CostCategory.CONSUMABLES,
                CostCategory.SUBCONTRACTING,
            )
        ),
        {"kind": CostOptionKind.FLAT_RATE, "flat_rate": FlatRate.INDIRECT_OF_DIRECT},
        {
            "kind": CostOptionKind.UNIT_COST,
            "amount": Decimal("450.00"),
            "title_nl": "Begeleid vrijwilligerstraject",
            "title_fr": "Parcours de volontariat accompagné",
            "title_en": "Coached volunteering pathway",
            "unit_nl": "nieuwkomer die een traject van minstens 20 uur afrondt",
            "unit_fr": "primo-arrivant qui achève un parcours d'au moins 20 heures",
            "unit_en": "newcomer completing a pathway of at least 20 hours",
        },
    ],
    PENDING_CALL_REFERENCE: [
        {"kind": CostOptionKind.REAL_COSTS, "category": CostCategory.STAFF},
        {"kind": CostOptionKind.FLAT_RATE, "flat_rate": FlatRate.INDIRECT_OF_STAFF},
        {
            "kind": CostOptionKind.LUMP_SUM,
            "amount": Decimal("2500.00"),
            "title_nl": "Onthaalpakket voor een lokale vereniging",
            "title_fr": "Kit d'accueil pour une association locale",
            "title_en": "Welcome package for a local association",
            "description_nl": "Betaald wanneer de vereniging een onthaalmoment voor nieuwkomers organiseerde.",
            "description_fr": "Versé lorsque l'association a organisé un moment d'accueil pour primo-arrivants.",
            "description_en": "Paid once the association has held a welcome event for newcomers.",
        },
    ],
}


def _day(days: int, hour: int) -> dt.datetime:
    return clock.local_datetime(clock.today() + dt.timedelta(days=days), dt.time(hour, 0))


def _decide_in_meeting(officer, committee, call, number: int, *, at: dt.datetime, prepared: dt.datetime) -> None:
    """The committee approves the call in a meeting: agenda item carrying the approval request, invitation,
    attendance (every member in office that day), vote, decision recorded in the gate by the committee app."""
    request = approvals.requests_for(call).filter(status="pending").first()
    day = clock.to_local(at).date()
    with clock.replay_at(prepared):
        meeting = committee_services.meeting_create(
            officer,
            committee,
            reference=f"MC-{day:%Y%m%d}-C{number}",
            starts_at=at,
            place="Brussel",
            title=f"Toezichtcomité AMIF: oproep {call.reference}",
        )
        item = committee_services.meeting_add_agenda_item(
            officer,
            meeting,
            title=f"Oproep {call.reference}: teksten, criteria en budget",
            description=call.title_nl,
            approval_request=request,
        )
        committee_services.meeting_invite(officer, meeting)
    with clock.replay_at(at + dt.timedelta(minutes=5)):
        present = list(committee_selectors.members_on(committee, day))
        committee_services.meeting_record_attendance(officer, meeting, present=present)
    with clock.replay_at(at + dt.timedelta(minutes=45)):
        voting = len(committee_selectors.voting_seats(committee, day))
        committee_services.agenda_item_decide(
            officer, item, outcome="approved", votes_for=max(voting - 1, 1), abstentions=1 if voting > 1 else 0
        )


def _decide_in_gate(officer, call, number: int, *, at: dt.datetime) -> None:
    """Without a committee set up in the committee app, the secretariat records the decision in the gate."""
    request = approvals.requests_for(call).filter(status="pending").first()
    with clock.replay_at(at):
        approvals.record_decision(
            officer,
            request,
            outcome="approved",
            decision_date=clock.to_local(at).date(),
            reference=f"AMIF-MC/{clock.to_local(at).year}/{number:02d}",
            taken_in=f"Toezichtcomité AMIF, vergadering van {clock.to_local(at).date().isoformat()}",
            votes_for=8,
            votes_against=0,
            abstentions=1,
        )


def _put_on_next_meeting(officer, committee, call, at: dt.datetime) -> None:
    """The pending call goes on the agenda of the committee's next planned meeting, if there is one."""
    meeting = committee.meetings.filter(status="planned", starts_at__gt=at).order_by("starts_at").first()
    request = approvals.requests_for(call).filter(status="pending").first()
    if meeting is None or request is None:
        return
    with clock.replay_at(at):
        committee_services.meeting_add_agenda_item(
            officer,
            meeting,
            title=f"Oproep {call.reference}: teksten, criteria en budget",
            description=call.title_nl,
            approval_request=request,
        )


def _build(officer, programme, reference: str, number: int) -> Call:
    # Every instant is fixed before replaying: inside a replay, "today" is the replayed day.
    created, submitted, decided, published, opens, closes = (
        None if days is None else _day(days, hour)
        for days, hour in zip(TIMELINE[reference], (10, 11, 15, 9, 9, 12), strict=True)
    )
    texts = CALLS[reference]
    objective = SpecificObjective.objects.get(fund=programme.fund, code="2")
    with clock.replay_at(created):
        call = services.call_create(
            officer,
            programme=programme,
            reference=reference,
            **texts["texts"],
            contact="amif@integratie.demo.subsidia.invalid · 02 000 00 00",
            specific_objective=objective,
            implementation_measures=list(objective.measures.filter(letter__in=texts["measures"])),
            intervention_fields=list(InterventionField.objects.filter(objective=objective, code__in=texts["fields"])),
            action_type=ActionType.objects.get(code="011"),
            region=Region.objects.get(code="VLG"),
            eligible_area=list(NutsArea.objects.filter(code__in=["BE1", "BE2"])),
            implementation_modality=ImplementationModality.objects.get(code=texts["modality"]),
            budget=texts["budget"],
            cofinancing_rate=texts["rate"],
            min_grant=texts["min_grant"],
            max_grant=texts["max_grant"],
            opens_at=opens,
            closes_at=closes,
            priorities=list(Priority.objects.filter(programme=programme, code__in=texts["priorities"])),
            overall_threshold=Decimal("60.00"),
            number_of_assessors=2,
            consolidation=texts["consolidation"],
            disagreement_gap=Decimal("15.00"),
            partial_funding_allowed=texts["partial"],
        )
        for position, criterion in enumerate(COMMON_ELIGIBILITY, start=1):
            services.eligibility_criterion_save(officer, call, position=position, **criterion)
        for position, criterion in enumerate(award_criteria(reference), start=1):
            services.award_criterion_save(officer, call, position=position, **criterion)
        for position, option in enumerate(COST_OPTIONS[reference], start=1):
            services.cost_option_save(officer, call, position=position, **option)
        for position, attachment in enumerate(COMMON_ATTACHMENTS, start=1):
            services.required_attachment_save(officer, call, position=position, **attachment)
        services.document_add(
            officer,
            call,
            upload=guide_pdf(call),
            language="nl",
            title_nl="Handleiding voor aanvragers",
            title_fr="Guide pour les demandeurs",
            title_en="Guide for applicants",
        )
    with clock.replay_at(submitted):
        services.call_submit_for_approval(officer, call, note="Oproep, criteria en budget ter goedkeuring.")
    committee = committee_selectors.committee_for(programme)
    if decided is None:
        if committee is not None:
            _put_on_next_meeting(officer, committee, call, submitted + dt.timedelta(hours=1))
        return call
    if committee is not None:
        _decide_in_meeting(officer, committee, call, number, at=decided, prepared=submitted + dt.timedelta(hours=1))
    else:
        _decide_in_gate(officer, call, number, at=decided)
    with clock.replay_at(decided + dt.timedelta(hours=1)):
        services.call_note_decision(officer, call)
    with clock.replay_at(published):
        services.call_publish(officer, call)
    return call


def _calendar(officer, programme, calls: dict) -> None:
    if PlannedCall.objects.filter(programme=programme).exists():
        return
    today = clock.today()
    with clock.replay_at(_day(-5, 10)):
        for entry in PLANNED:
            data = dict(entry)
            reference, opens, closes = data.pop("call", None), data.pop("opens"), data.pop("closes")
            call = calls.get(reference)
            services.planned_call_save(
                officer,
                programme,
                specific_objective=SpecificObjective.objects.get(fund=programme.fund, code="2"),
                region=Region.objects.get(code="VLG"),
                eligible_area=list(NutsArea.objects.filter(code__in=["BE1", "BE2"])),
                planned_opening=clock.to_local(call.opens_at).date() if call else today + dt.timedelta(days=opens),
                planned_closing=clock.to_local(call.closes_at).date() if call else today + dt.timedelta(days=closes),
                call=call,
                **data,
            )
        services.calendar_confirm(officer, programme, note="Kalender van geplande oproepen bijgewerkt.")


def load(out) -> None:
    programme = Programme.objects.filter(cci=PROGRAMME).first()
    if programme is None:
        out("calls: demo programme missing, skipped")
        return
    officer = demo_user("officer")
    calls = {}
    for number, reference in enumerate((CLOSED_CALL_REFERENCE, OPEN_CALL_REFERENCE, PENDING_CALL_REFERENCE), start=1):
        existing = Call.objects.filter(reference=reference).first()
        if existing is None:
            with committee_notifications.muted():
                existing = Call.objects.get(pk=_build(officer, programme, reference, number).pk)
        calls[reference] = existing
    _calendar(officer, programme, calls)
    summary = ", ".join(f"{c.reference} ({c.get_effective_status_display()})" for c in calls.values())
    out(f"calls: {summary}")
