"""Demo: the Flemish AMIF monitoring committee, replayed through the real services as the demo users.

* set up on 20 February 2023, within three months of the programme's approval (CPR art. 38(1));
* twelve members (nine votes; the Commission in an advisory seat; two substitutes); the demo user ``member``
  (Fatima El Idrissi) holds a voting seat;
* the constitutive meeting MC-2023-01 of 2 March 2023: the rules of procedure approved through the gate, the
  survey results presented, the selection methodology approved with one member recused;
* programme amendment 2 (EUR 500 000 moved from 2027 to 2026 in the Flemish SO2 envelope), put to the
  committee and on the agenda of the next meeting, two weeks after loading: until the committee approves it,
  submitting it to the Commission is refused;
* an open written procedure with tacit approval on version 2 of the rules of procedure; some members voted,
  ``member`` has not yet.

Dates after 2023 are relative to the day of loading. A reload finds everything by reference and adds nothing.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils.text import slugify

from subsidia.core import approvals, clock
from subsidia.core.demo import demo_user
from subsidia.core.pdf import render_pdf
from subsidia.programmes import services as programme_services
from subsidia.programmes.demo import CCI, national_for
from subsidia.programmes.models import Programme

from . import demo_texts as t
from . import notifications, selectors, services
from .models import Committee, Meeting, WrittenProcedure

SET_UP = dt.date(2023, 2, 20)
PAST_MEETING_AT = (dt.date(2023, 3, 2), dt.time(10, 0))
ABSENT = {"Pieter Goossens", "Lieve Martens", "Nadia Haddou"}  # Bart Wouters stands in for Lieve Martens


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return clock.local_datetime(day, dt.time(hour, minute))


def _relative(days: int, hour: int, minute: int = 0) -> dt.datetime:
    return _at(clock.today() + dt.timedelta(days=days), hour, minute)


def _paper(key: str) -> ContentFile:
    title, paragraphs = t.PAPERS[key]
    content = render_pdf(
        "committee/demo_paper.html", {"title": title, "paragraphs": paragraphs}, language="nl", title=title
    )
    return ContentFile(content, name=f"{slugify(title)}.pdf")


def _committee(officer, programme) -> Committee:
    committee = selectors.committee_for(programme)
    if committee:
        return committee
    with clock.replay_at(_at(SET_UP, 10)):
        committee = services.committee_create(officer, programme, established_on=SET_UP, **t.COMMITTEE)
        holders = {}
        for name, organisation, member_type, seat, username, language, substitute_for in t.MEMBERS:
            holders[name] = services.member_add(
                officer,
                committee,
                name=name,
                organisation=organisation,
                member_type=member_type,
                seat=seat,
                account=demo_user(username) if username else None,
                language=language,
                term_start=SET_UP,
                email=f"{name.lower().replace(' ', '.')}@demo.subsidia.invalid",
                substitute_for=holders[substitute_for] if substitute_for else None,
            )
    return committee


def _past_meeting(officer, member_user, committee) -> None:
    if committee.meetings.filter(reference=t.PAST_MEETING["reference"]).exists():
        return
    day, time = PAST_MEETING_AT
    starts = _at(day, time.hour)
    with clock.replay_at(_at(dt.date(2023, 2, 21), 9)):
        rules = services.rules_create_version(officer, committee, **t.RULES_V1)
        rules_request = approvals.request_approval(
            officer, rules, note="Ontwerp van huishoudelijk reglement, ter goedkeuring op de installatievergadering."
        )
        meeting = services.meeting_create(officer, committee, starts_at=starts, **t.PAST_MEETING)
        rules_item = services.meeting_add_agenda_item(
            officer,
            meeting,
            title="Huishoudelijk reglement van het comité",
            approval_request=rules_request,
            description="Goedkeuring van het huishoudelijk reglement (artikel 38, lid 2, van Verordening (EU) "
            "2021/1060).",
        )
        services.meeting_add_agenda_item(officer, meeting, kind="information", **t.SURVEY_ITEM)
        methodology = services.meeting_add_agenda_item(
            officer,
            meeting,
            title=t.METHODOLOGY_ITEM["title"],
            description=t.METHODOLOGY_ITEM["description"],
            concerned_organisations=t.METHODOLOGY_ITEM["concerned"],
        )
        services.paper_upload(
            officer,
            meeting,
            _paper("methodology"),
            title=t.PAPERS["methodology"][0],
            agenda_item=methodology,
            is_public=True,
        )
        services.meeting_invite(officer, meeting)
    with clock.replay_at(starts + dt.timedelta(minutes=10)):
        members = selectors.members_on(committee, day)
        services.meeting_record_attendance(officer, meeting, present=[m for m in members if m.name not in ABSENT])
        yusuf = members.get(name="Yusuf Demir")
        services.conflict_declare(
            officer,
            yusuf,
            agenda_item=methodology,
            reason="Vluchtelingenwerk Vlaanderen wil indienen in de oproepen die deze criteria regelen.",
        )
    with clock.replay_at(starts + dt.timedelta(minutes=40)):
        services.agenda_item_decide(officer, rules_item, outcome="approved", votes_for=8)
    with clock.replay_at(starts + dt.timedelta(minutes=110)):
        services.agenda_item_decide(officer, methodology, outcome="approved", votes_for=6, abstentions=1)
    with clock.replay_at(_at(dt.date(2023, 3, 9), 14)):
        services.meeting_minutes_save(officer, meeting, minutes=t.PAST_MINUTES)


def _amendment(officer, programme):
    """Programme amendment 2: EUR 500 000 of the Flemish SO2 envelope moves from 2027 to 2026."""
    version = programme.open_version()
    if version is None:
        with clock.replay_at(_relative(-10, 9)):
            version = programme_services.programme_amend(officer, programme, reason=t.AMENDMENT_REASON)
            envelope = version.allocations.filter(
                specific_objective__code="2", region__code="VLG", implementation_modality__code="003"
            )
            shift = Decimal("500000.00")
            later, sooner = envelope.get(year=2027), envelope.get(year=2026)
            for allocation, eu in ((later, later.eu_contribution - shift), (sooner, sooner.eu_contribution + shift)):
                programme_services.allocation_update(
                    officer,
                    allocation,
                    eu_contribution=eu,
                    national_contribution=national_for(eu, allocation.cofinancing_rate),
                )
    if not approvals.requests_for(version).exists():
        with clock.replay_at(_relative(-9, 11)):
            approvals.request_approval(officer, version, note="Verschuiving 2027 → 2026 binnen SD 2 Vlaanderen.")
    return version


def _upcoming_meeting(officer, committee, amendment) -> Meeting | None:
    if committee.meetings.filter(status="planned").exists():
        return None
    starts = _relative(14, 10)
    reference = f"{t.UPCOMING_MEETING['reference_prefix']}-{clock.to_local(starts).year}-01"
    if committee.meetings.filter(reference=reference).exists():
        reference = f"{reference}b"
    request = approvals.requests_for(amendment).filter(status="pending").first()
    past = committee.meetings.get(reference=t.PAST_MEETING["reference"])
    with clock.replay_at(_relative(-8, 10)):
        meeting = services.meeting_create(
            officer,
            committee,
            reference=reference,
            title=t.UPCOMING_MEETING["title"],
            starts_at=starts,
            place=t.UPCOMING_MEETING["place"],
            online_url=t.UPCOMING_MEETING["online_url"],
        )
        services.meeting_add_agenda_item(
            officer, meeting, title=t.MINUTES_ITEM["title"], description=f"{past.reference} — {past.title}"
        )
        item = services.meeting_add_agenda_item(
            officer,
            meeting,
            title=t.AMENDMENT_ITEM["title"],
            description=t.AMENDMENT_ITEM["description"],
            approval_request=request,
        )
        services.meeting_add_agenda_item(officer, meeting, kind="information", **t.REPORT_ITEM)
        services.paper_upload(
            officer, meeting, _paper("amendment"), title=t.PAPERS["amendment"][0], agenda_item=item, is_public=True
        )
    with clock.replay_at(_relative(-7, 9)):
        services.meeting_invite(officer, meeting)
    return meeting


def _written_procedure(officer, committee) -> WrittenProcedure | None:
    if committee.written_procedures.filter(status="open").exists():
        return None
    reference = f"WP-{clock.today().year}-01"
    if committee.written_procedures.filter(reference=reference).exists():
        return None
    deadline = _relative(7, 17)  # fixed before replaying: inside a replay, "today" is the replayed day
    v1 = committee.rules_versions.get(version=1)
    rules = committee.rules_versions.filter(version=2).first()
    with clock.replay_at(_relative(-6, 14)):
        if rules is None:
            rules = services.rules_create_version(
                officer, committee, **{k: getattr(v1, k) + t.RULES_V2_ARTICLE[k] for k in t.RULES_V2_ARTICLE}
            )
        request = approvals.requests_for(rules).filter(status="pending").first() or approvals.request_approval(
            officer, rules, note="Artikel 10: vergaderen op afstand."
        )
    with clock.replay_at(_relative(-4, 9)):
        procedure = services.written_procedure_start(
            officer,
            committee,
            reference=reference,
            title=t.PROCEDURE["title"],
            proposal=t.PROCEDURE["proposal"],
            approval_request=request,
            tacit=True,
            deadline=deadline,
        )
    voters = {"Katrien Van den Broeck": "for", "Joris Claes": "for", "Sarah Mbeki": "for", "An Verhoeven": "abstain"}
    for offset, (name, choice) in enumerate(voters.items()):
        # These members answered by e-mail; the secretariat enters their votes (the same checks apply).
        with clock.replay_at(_relative(-3 + offset // 2, 10 + offset)):
            services.written_procedure_vote(officer, procedure, choice=choice, member=committee.members.get(name=name))
    return procedure


def load(out) -> None:
    programme = Programme.objects.filter(cci=CCI).first()
    if programme is None:
        out(f"committee: programme {CCI} missing, skipped")
        return
    officer, member_user = demo_user("officer"), demo_user("member")
    with notifications.muted():
        committee = _committee(officer, programme)
        _past_meeting(officer, member_user, committee)
        amendment = _amendment(officer, programme)
        _upcoming_meeting(officer, committee, amendment)
        _written_procedure(officer, committee)
    rules = selectors.rules_in_force(committee)
    out(
        f"committee: {committee.members.count()} members, rules of procedure v{rules.version if rules else '-'} "
        f"in force, {committee.meetings.count()} meetings, "
        f"{committee.written_procedures.filter(status='open').count()} open written procedure; "
        f"amendment {amendment.number} awaiting the committee: {not approvals.is_approved(amendment)}"
    )
