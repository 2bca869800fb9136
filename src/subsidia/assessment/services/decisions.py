"""Selection decisions: the ranking frozen into lines by an officer, approved by an authorising officer who did
not prepare it (four eyes). Approving commits the grants against the call's budget under a lock on the call's
row, releases what the decision leaves unused to the allocation, tells the later stages (signal) and issues the
letters, all in one transaction. A declined grant frees its amount for the reserve list (a reserve decision,
under the same four eyes) or, when nobody on it can take it, returns it to the allocation.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from subsidia.applications.constants import ApplicationStatus
from subsidia.calls.constants import CallStatus
from subsidia.calls.models import Call
from subsidia.core import approvals, audit, clock
from subsidia.core.canonical import content_hash
from subsidia.core.exceptions import Conflict, PermissionDenied
from subsidia.core.money import from_cents, rate_of

from .. import signals
from ..constants import DECISION_TRANSITIONS, FUNDED, CheckStatus, DecisionKind, DecisionStatus, Outcome
from ..models import BudgetRelease, Declaration, SelectionDecision, SelectionLine, SelectionMethodology
from ..rules import member_of_applicant
from ..selectors import INCOMPLETE, RankRow, Rules, call_budget_use, ranking
from .common import fail_if, locked, move, require, text

DECISION_FIELDS = ("status", "eu_total", "budget_available", "approved_by_id", "approved_at", "close_reason")


def _lock_call(call) -> Call:
    return Call.objects.select_for_update().get(pk=call.pk)


def _state(decision) -> dict:
    return audit.snapshot(decision, DECISION_FIELDS)


def line_content(line: SelectionLine) -> dict:
    """What the authorising officer approves of one line (hashed into the decision's content hash)."""
    return {
        "application": line.application_id,
        "rank": line.rank,
        "outcome": line.outcome,
        "reserve_position": line.reserve_position,
        "total_points": line.total_points,
        "scores": line.scores,
        "requested_eu": line.requested_eu,
        "eu_amount": line.eu_amount,
        "total_eligible_cost": line.total_eligible_cost,
        "cofinancing_rate": line.cofinancing_rate,
    }


def lines_hash(decision) -> str:
    lines = decision.lines.order_by("rank")
    return content_hash({"decision": decision.reference, "lines": [line_content(line) for line in lines]})


def _ready(call) -> None:
    """Every submitted application is checked (eligible or confirmed ineligible) and every eligible one fully
    assessed; the methodology, if the call has one, is approved by the committee as it stands."""
    open_checks = list(
        call.applications.filter(status=ApplicationStatus.SUBMITTED)
        .exclude(eligibility_check__status__in=[CheckStatus.ELIGIBLE, CheckStatus.INELIGIBLE])
        .values_list("reference", flat=True)
        .order_by("reference")
    )
    if open_checks:
        raise Conflict(
            _("The eligibility check of these applications is not concluded: %(refs)s.")
            % {"refs": ", ".join(open_checks)},
            code="checks_open",
        )
    methodology = SelectionMethodology.objects.filter(call=call).first()
    if methodology is not None:
        approvals.require_approved(methodology)


def _line(decision, row: RankRow, applications: dict, *, outcome=None, granted_cents=None, reserve_position=None):
    application = applications[row.application_id]
    outcome = outcome or row.outcome
    funded = outcome in FUNDED
    eu_amount = from_cents(granted_cents if granted_cents is not None else row.granted_cents) if funded else None
    criteria = {c.id: c for c in row.rules.criteria}
    return SelectionLine(
        decision=decision,
        application=application,
        rank=row.rank,
        outcome=outcome,
        reserve_position=reserve_position if outcome == Outcome.RESERVE else None,
        total_points=row.total,
        scores=[
            {
                "criterion": cid,
                "position": criteria[cid].position,
                "points": str(points) if points is not None else None,
            }
            for cid, points in row.scores.items()
        ],
        flagged=row.flagged,
        requested_eu=application.eu_grant_requested,
        eu_amount=eu_amount,
        total_eligible_cost=application.total_eligible_cost,
        total_cost=application.total_eligible_cost,
        cofinancing_rate=rate_of(eu_amount, application.total_eligible_cost) if funded else None,
    )


def _new_decision(officer, call, kind, available, reasons) -> SelectionDecision:
    number = (SelectionDecision.objects.filter(call=call).aggregate(n=Max("number"))["n"] or 0) + 1
    return SelectionDecision.objects.create(
        call=call,
        number=number,
        reference=f"{call.reference}-SEL{number:02d}",
        kind=kind,
        budget_available=available,
        eu_total=Decimal("0.00"),
        reasons=reasons,
        content_hash="",
        prepared_at=clock.now(),
        prepared_by=officer,
    )


def _finish(officer, decision, lines) -> SelectionDecision:
    SelectionLine.objects.bulk_create(lines)
    decision.eu_total = sum((line.eu_amount for line in lines if line.eu_amount is not None), Decimal("0.00"))
    if decision.eu_total > decision.budget_available:  # pragma: no cover - the ranking keeps within it
        raise Conflict(_("The selection exceeds the budget available."), code="over_budget")
    decision.content_hash = lines_hash(decision)
    decision.save(update_fields=["eu_total", "content_hash"])
    counts = {o: sum(1 for line in lines if line.outcome == o) for o in Outcome.values}
    audit.record(
        officer,
        "selection_decision.prepared",
        decision,
        after=_state(decision),
        data={"kind": decision.kind, "lines": counts, "content_hash": decision.content_hash},
    )
    return decision


def _no_open_decision(call) -> None:
    if SelectionDecision.objects.filter(call=call, status=DecisionStatus.PREPARED).exists():
        raise Conflict(
            _("A decision of this call is already awaiting approval; return or withdraw it first."),
            code="decision_open",
        )


def decision_prepare(officer, call, *, reasons="") -> SelectionDecision:
    """Freeze the call's current ranking and funding line into a decision awaiting approval."""
    require(officer, "assessment.prepare_decision", call)
    errors = {}
    reasons = text(reasons, "reasons", errors, max_length=20000)
    fail_if(errors)
    with transaction.atomic():
        call = _lock_call(call)
        if call.status != CallStatus.IN_ASSESSMENT:
            raise Conflict(_("Only a call in assessment gets a selection decision."), code="call_not_in_assessment")
        _no_open_decision(call)
        if SelectionDecision.objects.filter(
            call=call, kind=DecisionKind.INITIAL, status=DecisionStatus.APPROVED
        ).exists():
            raise Conflict(_("The call is already decided; use the reserve list."), code="already_decided")
        _ready(call)
        available = call_budget_use(call)["available"]
        rows = ranking(call, Rules.of(call, budget=available))
        if not rows:
            raise Conflict(_("The call has no eligible application to rank."), code="nothing_to_rank")
        incomplete = [row.application_id for row in rows if row.outcome == INCOMPLETE]
        applications = {a.pk: a for a in call.applications.filter(pk__in=[row.application_id for row in rows])}
        if incomplete:
            refs = sorted(applications[pk].reference for pk in incomplete)
            raise Conflict(
                _("The assessment of these applications is not complete: %(refs)s.") % {"refs": ", ".join(refs)},
                code="assessment_incomplete",
            )
        decision = _new_decision(officer, call, DecisionKind.INITIAL, available, reasons)
        lines = [_line(decision, row, applications, reserve_position=row.reserve_position) for row in rows]
        return _finish(officer, decision, lines)


def _granted_ids(call) -> set[int]:
    return set(
        SelectionLine.objects.filter(decision__call=call, committed=True).values_list("application_id", flat=True)
    )


def reserve_plan(call, available: Decimal) -> list[tuple[RankRow, int, str]]:
    """The applications the freed budget reaches, down the reserve list in rank order: (row, cents, outcome).
    The line is strict, as in the first decision: it stops at the first application that does not fit, which is
    partially funded only if the call allows it and what is left reaches the minimum grant."""
    rules = Rules.of(call)
    granted = _granted_ids(call)
    room = int(available * 100)
    plan = []
    for row in ranking(call, rules):
        if row.application_id in granted or not row.complete or not row.passes:
            continue
        if row.grant_cents <= room:
            plan.append((row, row.grant_cents, Outcome.SELECTED))
            room -= row.grant_cents
            continue
        if rules.partial_allowed and room > 0 and room >= rules.min_grant_cents:
            plan.append((row, room, Outcome.PARTIAL))
        break
    return plan


def reserve_decision_prepare(officer, call, *, reasons="") -> SelectionDecision:
    """Move applications up from the reserve list with the budget freed by declined grants."""
    require(officer, "assessment.prepare_decision", call)
    errors = {}
    reasons = text(reasons, "reasons", errors, max_length=20000)
    fail_if(errors)
    with transaction.atomic():
        call = _lock_call(call)
        _no_open_decision(call)
        if not SelectionDecision.objects.filter(
            call=call, kind=DecisionKind.INITIAL, status=DecisionStatus.APPROVED
        ).exists():
            raise Conflict(_("The call has no approved selection decision yet."), code="not_decided")
        available = call_budget_use(call)["available"]
        if available <= 0:
            raise Conflict(_("No budget of the call is free for the reserve list."), code="no_budget")
        plan = reserve_plan(call, available)
        if not plan:
            raise Conflict(
                _("The free budget (%(amount)s EUR) does not reach the next application on the reserve list.")
                % {"amount": available},
                code="reserve_does_not_fit",
            )
        applications = {a.pk: a for a in call.applications.filter(pk__in=[row.application_id for row, *_ in plan])}
        decision = _new_decision(officer, call, DecisionKind.RESERVE, available, reasons)
        lines = [
            _line(decision, row, applications, outcome=outcome, granted_cents=cents) for row, cents, outcome in plan
        ]
        return _finish(officer, decision, lines)


def _approver_declared(user, decision) -> None:
    """The authorising officer declared no conflict of interest for every application of the decision."""
    lines = list(decision.lines.select_related("application"))
    ids = {line.application_id for line in lines}
    declared = dict(
        Declaration.objects.filter(user=user, application_id__in=ids).values_list("application_id", "has_conflict")
    )
    conflicts = sorted(line.application.reference for line in lines if declared.get(line.application_id) is True)
    if conflicts:
        raise PermissionDenied(
            _("You declared a conflict of interest for %(refs)s; another authorising officer approves this decision.")
            % {"refs": ", ".join(conflicts)}
        )
    members = sorted(line.application.reference for line in lines if member_of_applicant(user, line.application))
    if members:
        raise PermissionDenied(
            _("You are a member of the applicant organisation of %(refs)s; you cannot approve this decision.")
            % {"refs": ", ".join(members)}
        )
    missing = sorted(line.application.reference for line in lines if line.application_id not in declared)
    if missing:
        raise Conflict(
            _("Declare first that you have no conflict of interest for: %(refs)s.") % {"refs": ", ".join(missing)},
            code="declaration_missing",
        )


def _release(actor, call, decision, amount: Decimal, reason: str) -> BudgetRelease | None:
    if amount <= 0:
        return None
    release = BudgetRelease.objects.create(
        call=call, decision=decision, amount=amount, reason=reason[:300], released_at=clock.now(), released_by=actor
    )
    audit.record(
        actor, "budget.released", release, after={"amount": amount}, data={"call": call.reference, "reason": reason}
    )
    return release


def decision_approve(authorising_officer, decision) -> SelectionDecision:
    """Four eyes, then under the call's row lock: commit the grants (never beyond the call's budget), release
    what is left, tell the later stages and issue the letters. All or nothing."""
    from .letters import letters_issue

    user = authorising_officer
    if decision.prepared_by_id == getattr(user, "pk", None):
        raise PermissionDenied(_("Four eyes: the person who prepared a decision never approves it."))
    require(
        user, "assessment.approve_decision", decision, _("Only an authorising officer approves a selection decision.")
    )
    with transaction.atomic():
        call = _lock_call(decision.call)  # the lock every commitment against the call's budget takes first
        decision = locked(decision)
        before = _state(decision)
        move(decision, DecisionStatus.APPROVED, DECISION_TRANSITIONS, DecisionStatus)
        _approver_declared(user, decision)
        if lines_hash(decision) != decision.content_hash:
            raise Conflict(_("The decision's lines changed after it was prepared."), code="content_changed")
        use = call_budget_use(call)
        if decision.eu_total > use["available"]:
            raise Conflict(
                _(
                    "The decision selects %(total)s EUR but the call has only %(available)s EUR left; the budget "
                    "cannot be over-committed. Return the decision."
                )
                % {"total": decision.eu_total, "available": use["available"]},
                code="over_budget",
            )
        funded = decision.lines.filter(outcome__in=FUNDED)
        try:
            with transaction.atomic():
                funded.update(committed=True)
        except IntegrityError as exc:
            raise Conflict(
                _("An application of this decision already has a grant from another decision."), code="already_granted"
            ) from exc
        decision.approved_at, decision.approved_by = clock.now(), user
        decision.save(update_fields=["status", "approved_at", "approved_by"])
        audit.record(
            user,
            "selection_decision.approved",
            decision,
            before=before,
            after=_state(decision),
            data={"committed": decision.eu_total, "available_before": use["available"]},
        )
        _release(
            user,
            call,
            decision,
            use["available"] - decision.eu_total,
            _("Left unused by decision %(ref)s") % {"ref": decision.reference},
        )
        if call.status == CallStatus.IN_ASSESSMENT:
            from subsidia.calls.services import call_mark_decided

            call_mark_decided(user, call, note=decision.reference)
        signals.selection_decision_approved.send(sender=SelectionDecision, decision=decision, actor=user)
        letters_issue(user, decision)
    return decision


def _close(user, decision, to, reason, action) -> SelectionDecision:
    errors = {}
    reason = text(reason, "reason", errors, required=True, max_length=4000)
    fail_if(errors)
    with transaction.atomic():
        decision = locked(decision)
        before = _state(decision)
        move(decision, to, DECISION_TRANSITIONS, DecisionStatus)
        decision.closed_at, decision.closed_by, decision.close_reason = clock.now(), user, reason
        decision.save(update_fields=["status", "closed_at", "closed_by", "close_reason"])
        audit.record(user, action, decision, before=before, after=_state(decision), data={"reason": reason})
    return decision


def decision_return(user, decision, *, reason) -> SelectionDecision:
    """The authorising officer sends a prepared decision back (with the reason); the officer prepares anew."""
    require(user, "assessment.return_decision", decision, _("Only an authorising officer returns a decision."))
    return _close(user, decision, DecisionStatus.RETURNED, reason, "selection_decision.returned")


def decision_withdraw(user, decision, *, reason) -> SelectionDecision:
    """The officer withdraws a prepared decision before it is approved."""
    require(user, "assessment.withdraw_decision", decision, _("Only a programme officer withdraws a decision."))
    return _close(user, decision, DecisionStatus.WITHDRAWN, reason, "selection_decision.withdrawn")


def grant_decline(user, line, *, reason) -> SelectionLine:
    """The selected applicant declines the grant (or the officer records it). Its amount is freed for the reserve
    list; when nobody on the reserve list can take it, it returns to the allocation (a budget release)."""
    require(user, "assessment.record_decline", line.application)
    errors = {}
    reason = text(reason, "reason", errors, required=True, max_length=4000)
    fail_if(errors)
    with transaction.atomic():
        call = _lock_call(line.decision.call)
        line = locked(line)
        if not line.committed or line.decision.status != DecisionStatus.APPROVED:
            raise Conflict(_("Only a grant of an approved decision can be declined."), code="not_granted")
        if line.declined_at is not None:
            raise Conflict(_("This grant was already declined."), code="already_declined")
        line.declined_at, line.declined_by, line.declined_reason = clock.now(), user, reason
        line.save(update_fields=["declined_at", "declined_by", "declined_reason"])
        audit.record(
            user,
            "selection_line.declined",
            line,
            before={"declined": False},
            after={"declined": True, "eu_amount": line.eu_amount},
            data={"application": line.application.reference, "decision": line.decision.reference, "reason": reason},
        )
        signals.selection_declined.send(
            sender=SelectionDecision, decision=line.decision, line=line, application=line.application, actor=user
        )
        available = call_budget_use(call)["available"]
        if not reserve_plan(call, available):
            _release(
                user,
                call,
                None,
                available,
                _("Declined by %(ref)s; nobody on the reserve list can take it") % {"ref": line.application.reference},
            )
    return line
