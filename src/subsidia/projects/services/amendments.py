"""Amendments to an operation: a new expected end date, a new budget (shifted between categories and years, or
resized) and a new EU contribution, each with its reason. An officer prepares and submits; an authorising
officer who did not prepare it approves or rejects (four eyes). Approving a higher EU contribution consumes the
call's budget: the call row is locked first, so two approvals at once can never over-commit it."""

import datetime as dt
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from subsidia.applications.models.budget import LINE_CATEGORIES
from subsidia.calls.models import Call
from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, PermissionDenied, RuleViolation
from subsidia.core.formatting import money as format_money
from subsidia.core.money import eu_share, rate_of, rate_within
from subsidia.reference.figures import cofinancing_cap

from .. import selectors
from ..constants import AMENDMENT_TRANSITIONS, AgreementStatus, AmendmentStatus, OperationStatus
from ..models import Amendment, AmendmentBudgetLine, Operation, OperationBudgetLine
from .agreements import prepare_version
from .common import amount, fail_if, figures, locked, move, require, text

CATEGORIES = {value for value, _label in LINE_CATEGORIES}


def _move(amendment, to):
    move(amendment, to, AMENDMENT_TRANSITIONS, AmendmentStatus)


def _lines(raw, errors) -> list[dict] | None:
    """The whole new budget: ``[{"category", "year", "amount"}, …]``; None when the budget does not change."""
    if raw is None:
        return None
    lines, seen = [], set()
    for index, line in enumerate(raw, start=1):
        where = _("Budget line %(n)s") % {"n": index}
        category, year = str(line.get("category", "")), line.get("year")
        value = amount(line.get("amount"), f"budget_{index}", errors)
        if category not in CATEGORIES:
            errors[f"budget_{index}"] = _("%(where)s: choose a cost category.") % {"where": where}
            continue
        try:
            year = int(year)
        except (TypeError, ValueError):
            errors[f"budget_{index}"] = _("%(where)s: enter a year.") % {"where": where}
            continue
        if (category, year) in seen:
            errors[f"budget_{index}"] = _("%(where)s: this category and year appear twice.") % {"where": where}
        seen.add((category, year))
        if value is not None:
            lines.append({"category": category, "year": year, "amount": value})
    if not raw:
        errors["budget"] = _("A new budget needs at least one line.")
    return lines


def proposed_terms(operation: Operation, *, new_end_date, lines, new_eu) -> dict:
    """The operation's figures after the amendment, checked against the fund's and the call's rules.

    Raises ``RuleViolation`` with every problem; does not check the call's remaining budget (that needs the
    lock, taken on approval).
    """
    errors = {}
    call, fund = operation.call, operation.fund
    end = operation.end_date if new_end_date is None else new_end_date
    if new_end_date is not None:
        if not isinstance(new_end_date, dt.date):
            errors["new_end_date"] = _("Enter a date.")
        elif new_end_date < operation.start_date:
            errors["new_end_date"] = _("The end date cannot be before the start date.")
        elif new_end_date > fund.eligibility_end:
            errors["new_end_date"] = _(
                "Expenditure is eligible only until %(date)s (%(basis)s); the operation must end by then."
            ) % {"date": fund.eligibility_end.isoformat(), "basis": fund.eligibility_source}
    eligible = operation.total_eligible_cost
    if lines is not None:
        eligible = sum((line["amount"] for line in lines), Decimal("0.00"))
        if not errors.get("new_end_date"):
            for line in lines:
                if not operation.start_date.year <= line["year"] <= end.year:
                    errors["budget"] = _("Every budget year must fall within the operation's duration.")
        if eligible <= 0:
            errors["budget"] = _("The eligible cost must be more than zero.")
    eu = operation.eu_contribution if new_eu is None else new_eu
    if not errors and eu is not None:
        _check_money(operation, call, eu, eligible, errors)
    fail_if(errors)
    total = operation.total_cost + (eligible - operation.total_eligible_cost)
    changed = eu != operation.eu_contribution or eligible != operation.total_eligible_cost
    return {
        "end_date": end,
        "total_cost": total,
        "total_eligible_cost": eligible,
        "eu_contribution": eu,
        "own_contribution": eligible - eu - operation.other_public_funding,
        "cofinancing_rate": rate_of(eu, eligible) if changed else operation.cofinancing_rate,
    }


def _check_money(operation, call, eu, eligible, errors):
    if eu <= 0:
        errors["new_eu_contribution"] = _("The EU contribution must be more than zero.")
    elif eu > eu_share(eligible, call.cofinancing_rate):
        errors["new_eu_contribution"] = _(
            "At the call's co-financing rate the EU contribution can be at most %(max)s of this eligible cost."
        ) % {"max": format_money(eu_share(eligible, call.cofinancing_rate))}
    elif eu > call.max_grant:
        errors["new_eu_contribution"] = _("The call's maximum grant is %(max)s.") % {
            "max": format_money(call.max_grant)
        }
    elif eu + operation.other_public_funding > eligible:
        errors["new_eu_contribution"] = _("The EU contribution and other public funding exceed the eligible cost.")
    else:
        cap = cofinancing_cap(call.implementation_modality)
        if cap.max_rate is not None and not rate_within(eu, eligible, cap.max_rate):
            errors["new_eu_contribution"] = _("The EU contribution exceeds the co-financing cap of %(basis)s.") % {
                "basis": cap.legal_basis
            }


def _input(reason, new_end_date, budget_lines, new_eu_contribution):
    errors = {}
    reason = text(reason, "reason", errors, required=True, max_length=4000)
    lines = _lines(budget_lines, errors)
    new_eu = None
    if new_eu_contribution not in (None, ""):
        new_eu = amount(new_eu_contribution, "new_eu_contribution", errors)
    fail_if(errors)
    return reason, lines, new_eu


def _is_change(operation, new_end_date, lines, new_eu) -> bool:
    if new_end_date is not None and new_end_date != operation.end_date:
        return True
    if new_eu is not None and new_eu != operation.eu_contribution:
        return True
    if lines is not None:
        current = {(b.category, b.year): b.amount for b in operation.budget_lines.all()}
        proposed = {(line["category"], line["year"]): line["amount"] for line in lines}
        return {k: v for k, v in current.items() if v} != {k: v for k, v in proposed.items() if v}
    return False


def _store(amendment, operation, reason, new_end_date, lines, new_eu):
    if not _is_change(operation, new_end_date, lines, new_eu):
        raise RuleViolation(_("The amendment changes nothing: give a new end date, budget or EU contribution."))
    proposed_terms(operation, new_end_date=new_end_date, lines=lines, new_eu=new_eu)
    amendment.reason, amendment.new_end_date, amendment.new_eu_contribution = reason, new_end_date, new_eu
    amendment.changes_budget = lines is not None
    amendment.save()
    amendment.budget_lines.all().delete()
    if lines is not None:
        AmendmentBudgetLine.objects.bulk_create(AmendmentBudgetLine(amendment=amendment, **line) for line in lines)


def _summary(amendment) -> dict:
    return {
        "reason": amendment.reason,
        "new_end_date": amendment.new_end_date,
        "new_eu_contribution": amendment.new_eu_contribution,
        "budget": [{"category": b.category, "year": b.year, "amount": b.amount} for b in amendment.budget_lines.all()]
        if amendment.changes_budget
        else None,
    }


def amendment_prepare(
    user, operation: Operation, *, reason, new_end_date=None, budget_lines=None, new_eu_contribution=None
) -> Amendment:
    require(user, "projects.manage_operation", operation)
    reason, lines, new_eu = _input(reason, new_end_date, budget_lines, new_eu_contribution)
    with transaction.atomic():
        operation = locked(operation)
        if operation.status != OperationStatus.ACTIVE:
            raise Conflict(_("Only an active operation (its agreement in force) can be amended."), code="not_active")
        number = (operation.amendments.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        amendment = Amendment(operation=operation, number=number, prepared_by=user, prepared_at=clock.now())
        try:
            with transaction.atomic():
                _store(amendment, operation, reason, new_end_date, lines, new_eu)
        except IntegrityError as exc:
            raise Conflict(
                _("This operation already has an amendment in preparation; finish or withdraw it first."),
                code="amendment_open",
            ) from exc
        audit.record(
            user, "amendment.prepared", amendment, after=_summary(amendment), data={"operation": operation.code}
        )
    return amendment


def _locked(amendment) -> Amendment:
    return Amendment.objects.select_for_update(of=("self",)).select_related("operation").get(pk=amendment.pk)


def amendment_update(
    user, amendment: Amendment, *, reason, new_end_date=None, budget_lines=None, new_eu_contribution=None
) -> Amendment:
    require(user, "projects.manage_operation", amendment.operation)
    reason, lines, new_eu = _input(reason, new_end_date, budget_lines, new_eu_contribution)
    with transaction.atomic():
        amendment = _locked(amendment)
        if amendment.status != AmendmentStatus.DRAFT:
            raise Conflict(_("Only a draft amendment can be changed."), code="amendment_not_draft")
        before = _summary(amendment)
        # Whoever changes the content prepared it: the four-eyes check follows the last hand.
        amendment.prepared_by, amendment.prepared_at = user, clock.now()
        _store(amendment, amendment.operation, reason, new_end_date, lines, new_eu)
        audit.record(user, "amendment.updated", amendment, before=before, after=_summary(amendment))
    return amendment


def amendment_submit(user, amendment: Amendment) -> Amendment:
    require(user, "projects.manage_operation", amendment.operation)
    with transaction.atomic():
        amendment = _locked(amendment)
        _move(amendment, AmendmentStatus.SUBMITTED)
        amendment.submitted_at = clock.now()
        amendment.save(update_fields=["status", "submitted_at"])
        audit.record(user, "amendment.submitted", amendment, after={"status": amendment.status})
    return amendment


def amendment_recall(user, amendment: Amendment) -> Amendment:
    """Take a submitted amendment back to draft to change it."""
    require(user, "projects.manage_operation", amendment.operation)
    with transaction.atomic():
        amendment = _locked(amendment)
        _move(amendment, AmendmentStatus.DRAFT)
        amendment.save(update_fields=["status"])
        audit.record(user, "amendment.recalled", amendment, after={"status": amendment.status})
    return amendment


def amendment_withdraw(user, amendment: Amendment) -> Amendment:
    require(user, "projects.manage_operation", amendment.operation)
    with transaction.atomic():
        amendment = _locked(amendment)
        _move(amendment, AmendmentStatus.WITHDRAWN)
        amendment.save(update_fields=["status"])
        audit.record(user, "amendment.withdrawn", amendment, after={"status": amendment.status})
    return amendment


def _decider(user, amendment):
    require(user, "projects.approve_operation", amendment.operation)
    if user.pk == amendment.prepared_by_id:
        raise PermissionDenied(_("You prepared this amendment; another authorising officer decides on it."))


def amendment_reject(user, amendment: Amendment, *, note: str) -> Amendment:
    _decider(user, amendment)
    errors = {}
    note = text(note, "note", errors, required=True, max_length=4000)
    fail_if(errors)
    with transaction.atomic():
        amendment = _locked(amendment)
        _decider(user, amendment)
        _move(amendment, AmendmentStatus.REJECTED)
        amendment.decided_by, amendment.decided_at, amendment.decision_note = user, clock.now(), note
        amendment.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        audit.record(user, "amendment.rejected", amendment, after={"status": amendment.status}, data={"note": note})
    return amendment


def amendment_approve(user, amendment: Amendment, *, note: str = "") -> Amendment:
    """Apply the amendment to the operation and prepare the agreement version that puts it into effect."""
    _decider(user, amendment)
    errors = {}
    note = text(note, "note", errors, max_length=4000)
    fail_if(errors)
    with transaction.atomic():
        # Lock order everywhere: call, then operation, then amendment (assessment's decisions lock the call too).
        call = Call.objects.select_for_update().get(pk=amendment.operation.call_id)
        operation = locked(amendment.operation)
        amendment = _locked(amendment)
        _decider(user, amendment)
        if amendment.status != AmendmentStatus.SUBMITTED:
            _move(amendment, AmendmentStatus.APPROVED)  # raises the 409 with the labels
        if operation.status != OperationStatus.ACTIVE:
            raise Conflict(_("Only an active operation can be amended."), code="not_active")
        lines = (
            [{"category": b.category, "year": b.year, "amount": b.amount} for b in amendment.budget_lines.all()]
            if amendment.changes_budget
            else None
        )
        terms = proposed_terms(
            operation, new_end_date=amendment.new_end_date, lines=lines, new_eu=amendment.new_eu_contribution
        )
        raise_by = terms["eu_contribution"] - operation.eu_contribution
        if raise_by > 0:
            room = selectors.call_budget_room(call)
            if raise_by > room["available"]:
                raise RuleViolation(
                    errors={
                        "new_eu_contribution": _(
                            "The call has %(available)s left of its budget; this amendment needs %(needed)s more."
                        )
                        % {"available": format_money(room["available"]), "needed": format_money(raise_by)}
                    },
                    code="call_budget_exceeded",
                )
        before = figures(operation)
        for name, value in terms.items():
            setattr(operation, name, value)
        operation.updated_at = clock.now()
        operation.save()
        if lines is not None:
            operation.budget_lines.all().delete()
            OperationBudgetLine.objects.bulk_create(
                OperationBudgetLine(operation=operation, **line) for line in lines if line["amount"]
            )
        _move(amendment, AmendmentStatus.APPROVED)
        amendment.decided_by, amendment.decided_at, amendment.decision_note = user, clock.now(), note
        amendment.before, amendment.after = _jsonable(before), _jsonable(figures(operation))
        amendment.save()
        # A version already being prepared no longer shows the right terms.
        for open_version in operation.agreements.filter(status__in=[AgreementStatus.DRAFT, AgreementStatus.SIGNED]):
            open_version.status = AgreementStatus.CANCELLED
            open_version.cancelled_reason = _("Replaced by the version for amendment %(n)s.") % {"n": amendment.number}
            open_version.save(update_fields=["status", "cancelled_reason"])
        current = operation.agreements.filter(status=AgreementStatus.IN_FORCE).first()
        conditions = {f"conditions_{lang}": getattr(current, f"conditions_{lang}", "") for lang in ("nl", "fr", "en")}
        audit.record(
            user,
            "amendment.approved",
            amendment,
            before=before,
            after=figures(operation),
            data={"operation": operation.code, "raise": raise_by, "note": note},
        )
        prepare_version(user, operation, prepared_by=amendment.prepared_by, conditions=conditions, amendment=amendment)
    return amendment


def _jsonable(values: dict) -> dict:
    from subsidia.core.canonical import jsonable

    return jsonable(values)
