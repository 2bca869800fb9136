"""Read queries of the committee: who sits and votes on a day, quorum per item, written-procedure results,
what each user may see. Results are computed at the moment of asking (never by a job that must have run)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from subsidia.core import clock
from subsidia.core.approval_models import ApprovalRequest, ApprovalStatus
from subsidia.core.roles import STAFF_ROLES, has_role

from .constants import VOTING_SEATS, ItemKind, MeetingStatus, ProcedureResult, ProcedureStatus, VoteChoice
from .models import (
    AgendaItem,
    Committee,
    ConflictDeclaration,
    Meeting,
    Member,
    Paper,
    RulesOfProcedure,
    WrittenProcedure,
    WrittenProcedureVote,
)
from .quorum import carried

# --- Committees and members -------------------------------------------------------------------------------


def committee_for(programme) -> Committee | None:
    """The programme's monitoring committee (CPR art. 38(1): one per programme), or None."""
    return Committee.objects.filter(programme=programme).first()


def active_q(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}term_start__lte": day}) & (
        Q(**{f"{prefix}term_end__isnull": True}) | Q(**{f"{prefix}term_end__gte": day})
    )


def members_on(committee: Committee, day: dt.date | None = None):
    """Members (and substitutes) whose term covers ``day`` (today by default)."""
    day = day or clock.today()
    return committee.members.filter(active_q(day)).select_related("substitute_for", "user")


def voting_seats(committee: Committee, day: dt.date):
    """The members with a vote on ``day`` (CPR art. 39(1)); substitutes stand in for them, advisory seats
    (the Commission, observers: art. 39(2)) do not vote."""
    return members_on(committee, day).filter(substitute_for__isnull=True, seat__in=VOTING_SEATS)


def memberships_of(user, committee: Committee | None = None, day: dt.date | None = None):
    """The member rows linked to ``user`` whose term covers ``day`` (or that start later)."""
    if not getattr(user, "is_authenticated", False):
        return Member.objects.none()
    day = day or clock.today()
    rows = Member.objects.filter(user=user).filter(Q(term_end__isnull=True) | Q(term_end__gte=day))
    if committee is not None:
        rows = rows.filter(committee=committee)
    return rows.select_related("committee", "substitute_for")


def membership_on(user, committee: Committee, day: dt.date) -> Member | None:
    return memberships_of(user, committee, day).filter(term_start__lte=day).order_by("substitute_for_id").first()


def committees_visible_to(user):
    """Internal pages: staff see every committee, a committee member sees the committees they sit on."""
    if has_role(user, *STAFF_ROLES):
        return Committee.objects.select_related("programme")
    ids = memberships_of(user).values("committee_id")
    return Committee.objects.filter(pk__in=ids).select_related("programme")


def can_view_committee(user, committee: Committee) -> bool:
    return committees_visible_to(user).filter(pk=committee.pk).exists()


def public_committees():
    """Every committee with its current members (CPR art. 39(1)); rules of procedure: art. 38(4)."""
    today = clock.today()
    current = (
        Member.objects.filter(active_q(today))
        .select_related("substitute_for")
        .order_by("substitute_for_id", "position", "name")
    )
    return (
        Committee.objects.select_related("programme")
        .prefetch_related(Prefetch("members", queryset=current, to_attr="current_members"))
        .order_by("programme__cci")
    )


def rules_in_force(committee: Committee) -> RulesOfProcedure | None:
    """The latest version of the rules of procedure that the committee approved for its exact text."""
    from subsidia.core import approvals

    for rules in committee.rules_versions.order_by("-version"):
        if approvals.is_approved(rules):
            return rules
    return None


def rules_adoption(rules: RulesOfProcedure):
    """The approving decision of that version (reference and date), for the public page."""
    from subsidia.core import approvals

    req = approvals.requests_for(rules).filter(status=ApprovalStatus.APPROVED).select_related("decision").first()
    return req.decision_or_none if req else None


# --- Quorum of a meeting item -----------------------------------------------------------------------------


@dataclass
class SeatState:
    holder: Member
    present_as: Member | None  # who occupies the seat in the room: the member, a substitute, or nobody
    recused_by: Member | None = None


@dataclass
class QuorumState:
    seats: list[SeatState]
    required: int
    met: bool
    attendance_recorded: bool

    @property
    def eligible(self) -> list[SeatState]:
        return [s for s in self.seats if s.recused_by is None]

    @property
    def present(self) -> list[SeatState]:
        return [s for s in self.eligible if s.present_as is not None]

    @property
    def recused(self) -> list[SeatState]:
        return [s for s in self.seats if s.recused_by is not None]


def meeting_day(meeting: Meeting) -> dt.date:
    return clock.to_local(meeting.starts_at).date()


def seat_states(meeting: Meeting, declarations=()) -> list[SeatState]:
    """Each voting seat on the meeting day, who occupies it, and who declared a conflict for it."""
    day = meeting_day(meeting)
    present_ids = set(meeting.attendance.filter(present=True).values_list("member_id", flat=True))
    substitutes = {}
    for sub in members_on(meeting.committee, day).filter(substitute_for__isnull=False):
        substitutes.setdefault(sub.substitute_for_id, []).append(sub)
    recused = {}
    for declaration in declarations:
        recused.setdefault(declaration.member.seat_holder.pk, declaration.member)
    states = []
    for holder in voting_seats(meeting.committee, day).order_by("position", "name"):
        present_as = holder if holder.pk in present_ids else None
        if present_as is None:
            present_as = next((s for s in substitutes.get(holder.pk, []) if s.pk in present_ids), None)
        states.append(SeatState(holder, present_as, recused.get(holder.pk)))
    return states


def item_quorum(item: AgendaItem) -> QuorumState:
    """Quorum for one item: recused seats count neither as present nor as eligible."""
    meeting = item.meeting
    declarations = item.declarations.select_related("member", "member__substitute_for")
    seats = seat_states(meeting, declarations)
    eligible = [s for s in seats if s.recused_by is None]
    present = [s for s in eligible if s.present_as is not None]
    rule = meeting.committee.quorum_rule
    return QuorumState(
        seats=seats,
        required=rule.required(len(eligible)),
        met=rule.met(len(present), len(eligible)),
        attendance_recorded=meeting.attendance.exists(),
    )


def meeting_quorum(meeting: Meeting) -> QuorumState:
    seats = seat_states(meeting)
    rule = meeting.committee.quorum_rule
    present = [s for s in seats if s.present_as is not None]
    return QuorumState(
        seats=seats,
        required=rule.required(len(seats)),
        met=rule.met(len(present), len(seats)),
        attendance_recorded=meeting.attendance.exists(),
    )


def concerned_members(item: AgendaItem) -> list[Member]:
    """Members whose organisation is named among the item's concerned organisations: a hint to declare."""
    names = [line.strip().casefold() for line in item.concerned_organisations.splitlines() if line.strip()]
    if not names:
        return []
    members = members_on(item.meeting.committee, meeting_day(item.meeting))
    return [m for m in members if any(n in m.organisation.casefold() or m.organisation.casefold() in n for n in names)]


# --- Written procedures -----------------------------------------------------------------------------------


@dataclass
class Tally:
    result: str
    eligible: int
    votes_for: int
    votes_against: int
    abstentions: int
    tacit_votes: int
    silent: int
    required: int
    deadline_passed: bool
    final: bool
    recused: list = field(default_factory=list)
    decided_on: dt.date | None = None

    @property
    def counted_for(self) -> int:
        return self.votes_for + self.tacit_votes

    @property
    def responses(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions


def procedure_day(procedure: WrittenProcedure) -> dt.date:
    return clock.to_local(procedure.started_at).date()


def procedure_seats(procedure: WrittenProcedure) -> list[Member]:
    """The voting seats of the day the procedure started."""
    return list(voting_seats(procedure.committee, procedure_day(procedure)).order_by("position", "name"))


def procedure_recused(procedure: WrittenProcedure) -> dict[int, ConflictDeclaration]:
    return {
        d.member.seat_holder.pk: d for d in procedure.declarations.select_related("member", "member__substitute_for")
    }


def written_procedure_result(procedure: WrittenProcedure, at: dt.datetime | None = None) -> Tally:
    """What the votes and the deadline say at ``at`` (now by default).

    Final once the deadline has passed or every eligible seat has voted. With tacit approval a seat that has
    not answered by the deadline counts as a vote for (and so as taking part). The proposal carries with a
    quorum of responses and more votes for than against.
    """
    at = at or clock.now()
    rule = procedure.committee.quorum_rule
    recused = procedure_recused(procedure)
    eligible = [s for s in procedure_seats(procedure) if s.pk not in recused]
    eligible_ids = {s.pk for s in eligible}
    votes = [v for v in procedure.votes.all() if v.seat_id in eligible_ids and v.cast_at < procedure.deadline]
    counts = {choice: sum(1 for v in votes if v.choice == choice) for choice in VoteChoice.values}
    deadline_passed = at >= procedure.deadline
    all_voted = bool(eligible) and len(votes) == len(eligible)
    final = deadline_passed or all_voted
    silent = len(eligible) - len(votes)
    tacit_votes = silent if (procedure.tacit and deadline_passed) else 0
    tally = Tally(
        result=ProcedureResult.PENDING,
        eligible=len(eligible),
        votes_for=counts[VoteChoice.FOR],
        votes_against=counts[VoteChoice.AGAINST],
        abstentions=counts[VoteChoice.ABSTAIN],
        tacit_votes=tacit_votes,
        silent=silent,
        required=rule.required(len(eligible)),
        deadline_passed=deadline_passed,
        final=final,
        recused=[d.member for d in recused.values()],
    )
    if procedure.status == ProcedureStatus.CLOSED:
        tally.result = procedure.result
        tally.final = True
        tally.decided_on = procedure.decision_date
        return tally
    if not final:
        return tally
    if deadline_passed:
        tally.decided_on = clock.to_local(procedure.deadline).date()
    else:
        tally.decided_on = clock.to_local(max(v.cast_at for v in votes)).date()
    if not rule.met(tally.responses + tacit_votes, len(eligible)):
        tally.result = ProcedureResult.NO_QUORUM
    elif carried(tally.counted_for, tally.votes_against):
        tally.result = ProcedureResult.APPROVED
    else:
        tally.result = ProcedureResult.REJECTED
    return tally


def vote_of(procedure: WrittenProcedure, member: Member) -> WrittenProcedureVote | None:
    return procedure.votes.filter(seat=member.seat_holder).select_related("cast_by").first()


# --- Papers, decisions, the dashboard ---------------------------------------------------------------------


def papers_visible_to(user):
    papers = Paper.objects.select_related("meeting", "meeting__committee", "agenda_item")
    if has_role(user, *STAFF_ROLES):
        return papers
    return papers.filter(Q(is_public=True) | Q(meeting__committee__in=committees_visible_to(user)))


def meetings_visible_to(user):
    return Meeting.objects.filter(committee__in=committees_visible_to(user)).select_related("committee")


def procedures_visible_to(user):
    return WrittenProcedure.objects.filter(committee__in=committees_visible_to(user)).select_related(
        "committee", "approval_request"
    )


def decided_items(committee: Committee | None = None):
    items = (
        AgendaItem.objects.filter(kind=ItemKind.DECISION)
        .exclude(outcome="")
        .select_related("meeting", "meeting__committee", "approval_request")
    )
    if committee is not None:
        items = items.filter(meeting__committee=committee)
    return items.order_by("-meeting__starts_at", "position")


def closed_procedures(committee: Committee | None = None):
    procedures = WrittenProcedure.objects.filter(status=ProcedureStatus.CLOSED).select_related("approval_request")
    if committee is not None:
        procedures = procedures.filter(committee=committee)
    return procedures.order_by("-closed_at")


@dataclass
class Decision:
    """One line of the committee's record of decisions, from a meeting item or a written procedure."""

    date: dt.date
    reference: str
    subject: str
    outcome: str
    outcome_label: str
    votes_for: int
    votes_against: int
    abstentions: int
    conditions: str
    taken_in: object  # the meeting or the written procedure
    url: str


def decisions(committee: Committee) -> list[Decision]:
    rows = [
        Decision(
            date=meeting_day(item.meeting),
            reference=item.reference,
            subject=item.title,
            outcome=item.outcome,
            outcome_label=item.get_outcome_display(),
            votes_for=item.votes_for,
            votes_against=item.votes_against,
            abstentions=item.abstentions,
            conditions=item.conditions,
            taken_in=item.meeting,
            url=item.get_absolute_url(),
        )
        for item in decided_items(committee)
    ]
    rows += [
        Decision(
            date=wp.decision_date,
            reference=wp.reference,
            subject=wp.title,
            outcome=wp.result,
            outcome_label=wp.get_result_display(),
            votes_for=wp.votes_for + wp.tacit_votes,
            votes_against=wp.votes_against,
            abstentions=wp.abstentions,
            conditions=wp.conditions if wp.result == ProcedureResult.APPROVED else "",
            taken_in=wp,
            url=wp.get_absolute_url(),
        )
        for wp in closed_procedures(committee)
    ]
    return sorted(rows, key=lambda d: (d.date, d.reference), reverse=True)


def upcoming_meetings(committees, now=None):
    now = now or clock.now()
    return (
        Meeting.objects.filter(
            committee__in=committees,
            status=MeetingStatus.PLANNED,
            starts_at__gte=now - dt.timedelta(hours=12),
        )
        .select_related("committee")
        .prefetch_related("items", "papers")
        .order_by("starts_at")
    )


def open_procedures(committees):
    return (
        WrittenProcedure.objects.filter(committee__in=committees, status=ProcedureStatus.OPEN)
        .select_related("committee", "approval_request")
        .order_by("deadline")
    )


def votes_of_user(user):
    return (
        WrittenProcedureVote.objects.filter(cast_by__user=user)
        .select_related("procedure", "procedure__committee", "seat", "cast_by")
        .order_by("-cast_at")
    )


def items_carrying(req: ApprovalRequest):
    return AgendaItem.objects.filter(approval_request=req).select_related("meeting")


def procedures_carrying(req: ApprovalRequest):
    return WrittenProcedure.objects.filter(approval_request=req)


# --- What the rules expect of the committee itself --------------------------------------------------------


@dataclass
class Reminder:
    message: str
    legal_basis: str


def _add_months(day: dt.date, months: int) -> dt.date:
    import calendar

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def committee_reminders(committee: Committee) -> list[Reminder]:
    """Set up in time (CPR art. 38(1)), rules of procedure adopted (38(2)), a meeting every year (38(3))."""
    from django.utils.translation import gettext as _

    from subsidia.reference.figures import figure
    from subsidia.reference.models import RuleFigure

    try:
        figure("committee_setup_months"), figure("committee_meetings_per_year")
    except RuleFigure.DoesNotExist:
        return []  # reference data older than these rules: run load_reference; the page still works
    reminders = []
    first = committee.programme.versions.filter(number=1).first()
    if first and first.commission_decision_date:
        rule = figure("committee_setup_months")
        due = _add_months(first.commission_decision_date, int(rule.value))
        if committee.established_on > due:
            reminders.append(
                Reminder(
                    _(
                        "The committee was set up on %(set_up)s, later than "
                        "%(months)s months after the programme was "
                        "approved (by %(due)s)."
                    )
                    % {
                        "set_up": committee.established_on.isoformat(),
                        "months": int(rule.value),
                        "due": due.isoformat(),
                    },
                    rule.legal_basis,
                )
            )
    if rules_in_force(committee) is None:
        reminders.append(Reminder(_("The committee has no approved rules of procedure yet."), "CPR Art. 38(2)"))
    rule = figure("committee_meetings_per_year")
    year = clock.today().year
    meetings = (
        committee.meetings.exclude(status=MeetingStatus.CANCELLED)
        .filter(
            starts_at__gte=clock.local_datetime(dt.date(year, 1, 1), dt.time(0, 0)),
            starts_at__lt=clock.local_datetime(dt.date(year + 1, 1, 1), dt.time(0, 0)),
        )
        .count()
    )
    if meetings < int(rule.value):
        reminders.append(
            Reminder(
                _("No meeting is held or planned in %(year)s; the committee meets at least %(count)s time(s) a year.")
                % {"year": year, "count": int(rule.value)},
                rule.legal_basis,
            )
        )
    return reminders
