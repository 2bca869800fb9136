"""Admissibility and eligibility (CPR art. 73(2)): an officer answers the call's checklist and the programme-level
checks, a reason for every "no"; a refusal is confirmed by a second officer (four eyes)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from subsidia.applications.constants import ApplicationStatus
from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation

from ..constants import CHECK_TRANSITIONS, CheckStatus, ProgrammeCheck
from ..models import CheckAnswer, EligibilityCheck
from .common import fail_if, locked, move, refuse_if_frozen, require, require_no_conflict_declared, text

CHECK_FIELDS = ("status", "concluded_by_id", "concluded_at", "reasons", "confirmed_by_id", "return_note")


def _state(check) -> dict:
    return audit.snapshot(check, CHECK_FIELDS)


def _officer(user, application) -> None:
    require(user, "assessment.check_eligibility", application)
    require_no_conflict_declared(user, application, who=_("The officer checking eligibility"))


def check_start(user, application) -> EligibilityCheck:
    """Open the check of a submitted application (idempotent: an open check is returned as it is)."""
    _officer(user, application)
    if application.status != ApplicationStatus.SUBMITTED:
        raise Conflict(_("Only a submitted application is checked."), code="application_not_submitted")
    with transaction.atomic():
        existing = EligibilityCheck.objects.select_for_update().filter(application=application).first()
        if existing is not None:
            return existing
        check = EligibilityCheck.objects.create(application=application, started_at=clock.now(), started_by=user)
        audit.record(
            user, "eligibility_check.started", check, after=_state(check), data={"application": application.reference}
        )
    return check


def check_answer(user, check, *, met, reason="", criterion=None, programme_check=None) -> CheckAnswer:
    """Answer one line of the checklist (a criterion of the call or a programme-level check); again to change it."""
    _officer(user, check.application)
    errors = {}
    reason = text(reason, "reason", errors, max_length=4000)
    if not isinstance(met, bool):
        errors["met"] = _("Answer yes or no.")
    elif not met and not reason:
        errors["reason"] = _("Give the reason why the application does not meet this.")
    if (criterion is None) == (not programme_check):
        errors["criterion"] = _("Answer either a criterion of the call or a programme-level check.")
    elif criterion is not None and criterion.call_id != check.application.call_id:
        errors["criterion"] = _("This criterion belongs to another call.")
    elif programme_check and programme_check not in ProgrammeCheck.values:
        errors["programme_check"] = _("Unknown programme-level check.")
    fail_if(errors)
    with transaction.atomic():
        check = locked(check)
        if check.status != CheckStatus.DRAFT:
            raise Conflict(_("The check is concluded; send it back before changing an answer."), code="check_concluded")
        subject = {"criterion": criterion} if criterion is not None else {"programme_check": programme_check}
        answer = CheckAnswer.objects.filter(eligibility_check=check, **subject).first()
        before = audit.snapshot(answer, ("met", "reason")) if answer else {}
        now = clock.now()
        if answer is None:
            answer = CheckAnswer(eligibility_check=check, programme_check=programme_check or "", criterion=criterion)
        answer.met, answer.reason, answer.answered_at, answer.answered_by = met, reason, now, user
        answer.save()
        audit.record(
            user,
            "eligibility_check.answered",
            check,
            before=before,
            after=audit.snapshot(answer, ("met", "reason")),
            data={"criterion": getattr(criterion, "pk", None), "programme_check": programme_check or ""},
        )
    return answer


def missing_answers(check) -> list[str]:
    """What the checklist still lacks: the call's criteria and the programme-level checks not answered."""
    answered = set(check.answers.exclude(criterion=None).values_list("criterion_id", flat=True))
    checks = set(check.answers.exclude(programme_check="").values_list("programme_check", flat=True))
    missing = [c.text for c in check.application.call.eligibility_criteria.all() if c.pk not in answered]
    missing += [str(p.label) for p in ProgrammeCheck if p.value not in checks]
    return missing


def check_conclude(user, check, *, reasons="") -> EligibilityCheck:
    """All met: eligible. Any "no": ineligibility proposed (the reasons are required), for a second officer."""
    _officer(user, check.application)
    errors = {}
    reasons = text(reasons, "reasons", errors, max_length=10000)
    fail_if(errors)
    with transaction.atomic():
        check = locked(check)
        refuse_if_frozen(check.application.call)
        missing = missing_answers(check)
        if missing:
            raise RuleViolation(
                errors={
                    "__all__": _("Answer every line of the checklist first: %(lines)s.") % {"lines": "; ".join(missing)}
                },
                code="checklist_incomplete",
            )
        before = _state(check)
        refused = list(check.answers.filter(met=False))
        if refused and not reasons:
            reasons = "\n".join(f"{a.subject}: {a.reason}" for a in refused)
        to = CheckStatus.INELIGIBILITY_PROPOSED if refused else CheckStatus.ELIGIBLE
        move(check, to, CHECK_TRANSITIONS, CheckStatus)
        check.concluded_at, check.concluded_by, check.reasons = clock.now(), user, reasons
        check.confirmed_at, check.confirmed_by = None, None
        check.save()
        audit.record(
            user,
            "eligibility_check.concluded",
            check,
            before=before,
            after=_state(check),
            data={"refused": len(refused)},
        )
    return check


def check_confirm(user, check) -> EligibilityCheck:
    """A second officer confirms the proposed refusal: the application is ineligible (four eyes)."""
    require(user, "assessment.confirm_ineligibility", check.application)
    require_no_conflict_declared(user, check.application, who=_("The confirming officer"))
    with transaction.atomic():
        check = locked(check)
        if check.concluded_by_id == user.pk:
            raise Conflict(_("Four eyes: the officer who proposed the refusal cannot confirm it."), code="four_eyes")
        before = _state(check)
        move(check, CheckStatus.INELIGIBLE, CHECK_TRANSITIONS, CheckStatus)
        check.confirmed_at, check.confirmed_by = clock.now(), user
        try:
            with transaction.atomic():
                check.save()
        except IntegrityError as exc:  # pragma: no cover - the checks above already hold
            raise Conflict(_("The refusal cannot be confirmed."), code="four_eyes") from exc
        audit.record(user, "eligibility_check.confirmed", check, before=before, after=_state(check))
    return check


def check_return(user, check, *, note) -> EligibilityCheck:
    """Send a concluded check back to be checked again (a proposed refusal, or an eligible file before the
    decision is prepared)."""
    require(user, "assessment.check_eligibility", check.application)
    errors = {}
    note = text(note, "note", errors, required=True, max_length=4000)
    fail_if(errors)
    with transaction.atomic():
        check = locked(check)
        refuse_if_frozen(check.application.call)
        before = _state(check)
        move(check, CheckStatus.DRAFT, CHECK_TRANSITIONS, CheckStatus)
        check.return_note = note
        check.concluded_at = check.concluded_by = None
        check.save()
        audit.record(user, "eligibility_check.returned", check, before=before, after=_state(check), data={"note": note})
    return check
