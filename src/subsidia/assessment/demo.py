"""Demo: the closed buddy call ``AMIF-VLG-BUDDY`` checked, assessed, ranked and decided, replayed through the
real services at past moments after the call closed (about 20 days before loading):

* day 1: the officer starts the assessment and checks the 20 applications (declaring no conflict first); one
  application fails a criterion of the call (double funding), so the officer proposes that it is ineligible and
  a second officer confirms it the next day (four eyes);
* day 4: the officer balances the assessors over the pool: ``assessor`` and two more demo assessors, who each
  declare no conflict, score every award criterion with a written justification and submit (days 5-12);
* day 14: the officer prepares the selection decision on the ranking; day 15: the authorising officer declares
  no conflict and approves it: grants committed within the call's budget, letters issued, and the projects app
  creates the operations;
* days 17-19: an applicant below the thresholds complains; a second officer, who took no part in the decision,
  handles and answers it.

Scores are fixed per application (seeded), so the ranking, funding line and reserve list are the same on every
load. A reload finds the approved decision and leaves everything alone.
"""

import datetime as dt
import random
from decimal import Decimal

from subsidia.applications.constants import ApplicationStatus
from subsidia.applications.models import Application
from subsidia.calls import services as call_services
from subsidia.calls.constants import CallStatus
from subsidia.calls.models import Call
from subsidia.core import clock, roles
from subsidia.core.demo import demo_user, ensure_demo_users

from .constants import Capacity, ComplaintChannel, ComplaintOutcome, DecisionStatus, ProgrammeCheck
from .models import Assignment, Complaint, EligibilityCheck, SelectionDecision

CALL = "AMIF-VLG-BUDDY"

# Demo users this stage adds (the same password as every demo user); ``load_demo`` prints them with the others.
DEMO_LOGINS = [
    # username, role, first name, last name
    ("assessor2", roles.ASSESSOR, "Ines", "Claeys"),
    ("assessor3", roles.ASSESSOR, "Youssef", "Benali"),
    ("officer2", roles.PROGRAMME_OFFICER, "Katrien", "Mertens"),
]
ASSESSORS = ("assessor", "assessor2", "assessor3")

# The application that fails a criterion of the call, and why (its number in submission order, 1-based).
INELIGIBLE = 8
INELIGIBLE_CRITERION = 4  # "Dezelfde kosten worden niet door een andere subsidie gedekt."
INELIGIBLE_REASON = (
    "De personeelskosten van de coördinator worden voor 2026 al volledig gedragen door de stedelijke "
    "werkingssubsidie (beslissing van het college van 12 maart); dezelfde kosten kunnen niet nog eens worden "
    "gefinancierd."
)
INELIGIBLE_REASONS = (
    "De aanvraag voldoet niet aan criterium 4 van de oproep en aan art. 63(9) GVB: dezelfde kosten worden al door "
    "een andere subsidie gedekt. De aanvraag wordt daarom niet inhoudelijk beoordeeld."
)

# Quality of each application (submission order) as a share of the maximum, per criterion; fixed so the
# ranking tells a story: a clear top, a funding line in the middle, a reserve list, two below a threshold.
PROFILES = [
    (0.86, 0.82, 0.80, 0.75),
    (0.70, 0.66, 0.72, 0.60),
    (0.78, 0.80, 0.70, 0.74),
    (0.92, 0.88, 0.90, 0.85),
    (0.74, 0.70, 0.66, 0.70),
    (0.62, 0.66, 0.60, 0.62),
    (0.88, 0.84, 0.82, 0.86),
    (0.70, 0.70, 0.70, 0.70),  # ineligible: never scored
    (0.80, 0.76, 0.74, 0.70),
    (0.68, 0.72, 0.64, 0.66),
    (0.84, 0.86, 0.80, 0.78),
    (0.90, 0.80, 0.86, 0.72),
    (0.76, 0.74, 0.78, 0.80),
    (0.72, 0.68, 0.76, 0.64),
    (0.46, 0.52, 0.58, 0.50),  # below the thresholds of relevance and quality
    (0.66, 0.64, 0.62, 0.70),
    (0.58, 0.48, 0.55, 0.45),  # below the quality threshold
    (0.82, 0.78, 0.76, 0.80),
    (0.64, 0.70, 0.68, 0.58),
    (0.80, 0.82, 0.70, 0.76),
]
# One assessor much stricter on one application: the assessors' totals differ by more than the call's gap.
DISAGREEMENT = (13, "assessor3", -0.30)

JUSTIFICATIONS = {
    1: (
        "Het project speelt sterk in op een aangetoonde nood: de aanvraag steunt op cijfers van het lokale "
        "integratiebeleid en op de wachtlijsten voor inburgering in de regio.",
        "De nood is aannemelijk gemaakt, maar de aanvraag blijft algemeen over de doelgroep en de lokale context.",
        "De link met de integratie van nieuwkomers is zwak onderbouwd; de nood in de regio wordt niet aangetoond.",
    ),
    2: (
        "Heldere planning, duidelijke rol voor de coördinator, goede opleiding en opvolging van de buddy's.",
        "De aanpak is haalbaar, maar de begeleiding van de buddy's en de planning van het tweede jaar zijn vaag.",
        "De activiteiten zijn onvoldoende uitgewerkt; er is geen plan voor de opleiding en opvolging van buddy's.",
    ),
    3: (
        "Ambitieus maar realistisch aantal duo's, met aandacht voor vrouwen, jongeren en nieuwkomers met een "
        "beperking.",
        "Het aantal duo's is redelijk; de diversiteit van de deelnemers krijgt weinig aandacht.",
        "Het beoogde bereik is klein en niet onderbouwd.",
    ),
    4: (
        "Sterke partners (OCMW, scholen, zelforganisaties) en een concreet plan om de werking na het project voort "
        "te zetten.",
        "Er zijn partners, maar hun rol en de verankering na de subsidie zijn beperkt beschreven.",
        "Geen concrete partners en geen zicht op de voortzetting na de subsidie.",
    ),
}

COMPLAINT_TEXT = (
    "Wij begrijpen niet waarom ons project onder de drempel voor kwaliteit van de aanpak blijft. De planning van "
    "het tweede jaar staat in bijlage 3 van onze aanvraag. Wij vragen een herziening van de score."
)
COMPLAINT_ANSWER = (
    "De beoordelaars hebben bijlage 3 gelezen; zij vonden de planning van het tweede jaar onvoldoende concreet "
    "(geen aantallen, geen timing van de opleidingen). De scores zijn volgens de goedgekeurde criteria en "
    "methodologie toegekend; de klacht is niet gegrond. U kunt binnen 60 dagen na de kennisgeving van de "
    "beslissing beroep instellen bij de Raad van State."
)


def _users() -> dict:
    """The extra demo users (created like every demo user) and the ones the assessment story uses."""
    ensure_demo_users(DEMO_LOGINS)
    return {name: demo_user(name) for name in ("officer", "officer2", "approver", *ASSESSORS)}


def _at(call: Call, days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = clock.to_local(call.closes_at).date() + dt.timedelta(days=days)
    return clock.local_datetime(day, dt.time(hour, minute))


def _points(maximum: Decimal, share: float) -> Decimal:
    """A share of the maximum, rounded to half a point, within 0 and the maximum."""
    value = Decimal(str(round(float(maximum) * max(0.0, min(1.0, share)) * 2) / 2)).quantize(Decimal("0.01"))
    return min(max(value, Decimal("0.00")), maximum)


def _justification(position: int, share: float) -> str:
    texts = JUSTIFICATIONS.get(position, JUSTIFICATIONS[4])
    return texts[0] if share >= 0.75 else texts[1] if share >= 0.55 else texts[2]


def _check(s, users, call, applications) -> None:
    officer, officer2 = users["officer"], users["officer2"]
    criteria = list(call.eligibility_criteria.order_by("position", "id"))
    for number, application in enumerate(applications, start=1):
        at = _at(call, 1 + number // 8, 9 + number % 8, 10)
        with clock.replay_at(at):
            s.declare(officer, application, capacity=Capacity.ELIGIBILITY_OFFICER, has_conflict=False)
            check = s.check_start(officer, application)
            for criterion in criteria:
                refused = number == INELIGIBLE and criterion.position == INELIGIBLE_CRITERION
                s.check_answer(
                    officer,
                    check,
                    met=not refused,
                    reason=INELIGIBLE_REASON if refused else "",
                    criterion=criterion,
                )
            for programme_check in ProgrammeCheck:
                refused = number == INELIGIBLE and programme_check == ProgrammeCheck.NO_DOUBLE_FUNDING
                s.check_answer(
                    officer,
                    check,
                    met=not refused,
                    reason=INELIGIBLE_REASON if refused else "",
                    programme_check=programme_check,
                )
        with clock.replay_at(at + dt.timedelta(minutes=40)):
            s.check_conclude(officer, check, reasons=INELIGIBLE_REASONS if number == INELIGIBLE else "")
        if number == INELIGIBLE:
            with clock.replay_at(_at(call, 4, 8, 30)):
                s.declare(officer2, application, capacity=Capacity.ELIGIBILITY_OFFICER, has_conflict=False)
                check.refresh_from_db()
                s.check_confirm(officer2, check)
                check.refresh_from_db()
                if not application.decision_letters.exists():
                    s.letters_for_ineligible(officer2, check)


def _score(s, users, call, applications) -> None:
    criteria = list(call.award_criteria.order_by("position", "id"))
    numbers = {a.pk: n for n, a in enumerate(applications, start=1)}
    rng = random.Random(20251120)
    for index, name in enumerate(ASSESSORS):
        assessor = users[name]
        mine = Assignment.objects.filter(assessor=assessor, application__call=call, status="assigned").order_by(
            "application__submitted_at", "application_id"
        )
        for k, assignment in enumerate(mine):
            application = assignment.application
            number = numbers[application.pk]
            at = _at(call, 5 + (k * 7) // max(1, mine.count()), 9 + index * 3, (k * 13) % 60)
            with clock.replay_at(at):
                s.declare(assessor, application, capacity=Capacity.ASSESSOR, has_conflict=False)
            assignment.refresh_from_db()
            with clock.replay_at(at + dt.timedelta(minutes=20)):
                for criterion, base in zip(criteria, PROFILES[number - 1], strict=False):
                    share = base + rng.uniform(-0.06, 0.06)
                    if (number, name) == DISAGREEMENT[:2]:
                        share += DISAGREEMENT[2]
                    s.score_save(
                        assessor,
                        assignment,
                        criterion=criterion,
                        points=_points(criterion.max_points, share),
                        justification=_justification(criterion.position, share),
                    )
            with clock.replay_at(at + dt.timedelta(minutes=55)):
                s.scores_submit(assessor, assignment)


def _complaint(s, users, call, decision) -> Complaint | None:
    below = decision.lines.filter(outcome="below_threshold").select_related("application").order_by("rank").first()
    if below is None:
        return None
    officer2 = users["officer2"]
    with clock.replay_at(_at(call, 17, 10)):
        complaint = s.complaint_register(
            users["officer"],
            below.application,
            channel=ComplaintChannel.EMAIL,
            received_at=_at(call, 16, 16, 42),
            subject="Score voor kwaliteit van de aanpak",
            text=COMPLAINT_TEXT,
        )
    with clock.replay_at(_at(call, 18, 9)):
        s.complaint_take_up(officer2, complaint)
    with clock.replay_at(_at(call, 19, 11)):
        s.complaint_answer(officer2, complaint, outcome=ComplaintOutcome.REJECTED, answer=COMPLAINT_ANSWER)
    return complaint


def load(out) -> None:
    from . import services as s

    call = Call.objects.filter(reference=CALL).first()
    if call is None:
        out("assessment: demo call missing, skipped")
        return
    users = _users()
    decided = SelectionDecision.objects.filter(call=call, status=DecisionStatus.APPROVED).first()
    if decided is not None:
        out(f"assessment: {CALL} decided ({decided.reference}): already there")
        return
    applications = list(
        Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED).order_by("submitted_at", "id")
    )
    if not applications:
        out("assessment: no submitted applications, skipped")
        return
    if clock.now() < _at(call, 20, 0):
        out("assessment: the demo call closed less than 20 days ago, skipped")
        return
    officer, approver = users["officer"], users["approver"]
    if call.status == CallStatus.PUBLISHED:
        with clock.replay_at(_at(call, 1, 8, 30)):
            call = call_services.call_start_assessment(officer, call)
    if not EligibilityCheck.objects.filter(application__call=call).exists():
        _check(s, users, call, applications)
    with clock.replay_at(_at(call, 4, 14)):
        s.assign_balanced(officer, call)
    _score(s, users, call, applications)
    with clock.replay_at(_at(call, 14, 10)):
        decision = s.decision_prepare(
            officer,
            call,
            reasons=(
                "De aanvragen zijn gerangschikt volgens de door het comité goedgekeurde criteria en methodologie; "
                "de projecten boven alle drempels worden in volgorde van de rangschikking gefinancierd tot het "
                "budget van de oproep op is; de volgende vormen de reservelijst."
            ),
        )
    with clock.replay_at(_at(call, 15, 9)):
        for line in decision.lines.select_related("application"):
            s.declare(approver, line.application, capacity=Capacity.AUTHORISING_OFFICER, has_conflict=False)
    with clock.replay_at(_at(call, 15, 11)):
        decision = s.decision_approve(approver, decision)
    decision.refresh_from_db()
    complaint = _complaint(s, users, call, decision)
    lines = list(decision.lines.all())
    funded = sum(1 for line in lines if line.is_funded)
    reserve = sum(1 for line in lines if line.outcome == "reserve")
    out(
        f"assessment: {CALL}: {len(applications)} checked (1 ineligible), {len(lines)} ranked by "
        f"{len(ASSESSORS)} assessors; {decision.reference} approved: {funded} selected for EUR {decision.eu_total} "
        f"of {call.budget}, {reserve} on the reserve list; "
        f"{'1 complaint answered' if complaint else 'no complaint'}"
    )
