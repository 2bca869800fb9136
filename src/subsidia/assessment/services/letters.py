"""Decision letters: what is notified to each applicant, frozen as canonical JSON with its SHA-256.

The content holds the facts and the fixed wording in the three languages (Dutch binding); the PDF is rendered
from it (``exports.letter_pdf``). Its keys are documented in ``docs/assessment.md``.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.canonical import canonical_json, sha256_text
from subsidia.core.exceptions import Conflict
from subsidia.reference.figures import figure

from ..constants import FUNDED, AssignmentStatus, CheckStatus, ConsensusStatus, DecisionKind, DecisionStatus, LetterKind
from ..models import Consensus, ConsensusScore, DecisionLetter, EligibilityCheck, Score
from . import letter_texts as t
from .common import official_language, require

LETTER_VERSION = 1


def _title(obj, field: str) -> dict:
    return {language: getattr(obj, f"{field}_{language}", "") or "" for language in t.LANGUAGES}


def _remedies(call) -> dict:
    days = int(figure("selection_complaint_days").value)
    return {
        "complaint": {
            "days": days,
            "basis": "CPR art. 69(7)",
            "address": call.contact,
            "text": t.each(t.COMPLAINT, days=days),
        },
        "appeal": {"days": t.APPEAL_DAYS, "body": dict(t.APPEAL_BODY), "text": t.each(t.APPEAL, days=t.APPEAL_DAYS)},
    }


def _base(application, kind: str, reference: str, issued_at) -> dict:
    call, organisation = application.call, application.organisation
    return {
        "version": LETTER_VERSION,
        "kind": kind,
        "reference": reference,
        "language": official_language(),
        "issued_at": issued_at,
        "application": {
            "reference": application.reference,
            "title": application.title,
            "submitted_at": application.submitted_at,
        },
        "organisation": {
            "legal_name": organisation.legal_name,
            "address": f"{organisation.street}, {organisation.postcode} {organisation.city}",
        },
        "call": {"reference": call.reference, "title": _title(call, "title")},
        "outcome_text": dict(t.OUTCOME[kind if kind != LetterKind.PARTIAL else "partial"]),
        **_remedies(call),
    }


def _justifications(application) -> dict:
    """Per criterion id, the written justifications behind the consolidated points (assessors anonymous)."""
    consensus = Consensus.objects.filter(application=application, status=ConsensusStatus.SUBMITTED).first()
    if consensus is not None:
        rows = ConsensusScore.objects.filter(consensus=consensus).values_list("criterion_id", "justification")
    else:
        rows = (
            Score.objects.filter(assignment__application=application, assignment__status=AssignmentStatus.SUBMITTED)
            .order_by("criterion_id", "assignment_id")
            .values_list("criterion_id", "justification")
        )
    out = {}
    for criterion_id, justification in rows:
        out.setdefault(criterion_id, []).append(justification)
    return {key: "\n\n".join(values) for key, values in out.items()}


def _scores(line, criteria: dict) -> list[dict]:
    justifications = _justifications(line.application)
    rows = []
    for score in sorted(line.scores, key=lambda s: s["position"]):
        criterion = criteria[score["criterion"]]
        rows.append(
            {
                "criterion": criterion.pk,
                "position": criterion.position,
                "title": _title(criterion, "title"),
                "points": score["points"],
                "max_points": criterion.max_points,
                "weight": criterion.weight,
                "threshold": criterion.threshold,
                "justification": justifications.get(criterion.pk, ""),
            }
        )
    return rows


def _line_content(decision, line, criteria, ranked: int, reference: str, issued_at) -> dict:
    kind = line.outcome
    content = _base(line.application, kind, reference, issued_at)
    call = decision.call
    content.update(
        {
            "decision": {
                "reference": decision.reference,
                "kind": decision.kind,
                "approved_at": decision.approved_at,
                "prepared_at": decision.prepared_at,
            },
            "rank": line.rank,
            "ranked": ranked,
            "total_points": line.total_points,
            "max_total": call.max_total_points(),
            "overall_threshold": call.overall_threshold,
            "scores": _scores(line, criteria),
            "flagged": line.flagged,
            "requested_eu": line.requested_eu,
            "reserve_position": line.reserve_position,
            "reasons": decision.reasons,
        }
    )
    if kind in FUNDED:
        content.update(
            {
                "eu_amount": line.eu_amount,
                "total_eligible_cost": line.total_eligible_cost,
                "cofinancing_rate": line.cofinancing_rate,
                "conditions": [dict(c) for c in t.CONDITIONS],
                "publication": {"basis": "CPR art. 49(5)", "text": dict(t.PUBLICATION)},
            }
        )
    return content


def _store(actor, application, decision, kind, reference, content, issued_at) -> DecisionLetter:
    text = canonical_json(content)
    letter = DecisionLetter.objects.create(
        application=application,
        decision=decision,
        kind=kind,
        reference=reference,
        issued_at=issued_at,
        content=text,
        sha256=sha256_text(text),
        language=official_language(),
    )
    audit.record(
        actor,
        "decision_letter.issued",
        letter,
        after={"kind": kind, "sha256": letter.sha256},
        data={"application": application.reference, "decision": getattr(decision, "reference", None)},
    )
    return letter


def letters_issue(actor, decision) -> list[DecisionLetter]:
    """One letter per applicant of the decision (idempotent); for the first decision of a call also the letters
    of the applications found ineligible that have none yet."""
    require(actor, "assessment.issue_letters", decision)
    if decision.status != DecisionStatus.APPROVED:
        raise Conflict(_("Letters follow an approved decision only."), code="not_approved")
    issued = []
    with transaction.atomic():
        lines = list(decision.lines.select_related("application", "application__organisation", "application__call"))
        criteria = {c.pk: c for c in decision.call.award_criteria.all()}
        done = set(DecisionLetter.objects.filter(decision=decision).values_list("application_id", flat=True))
        issued_at = clock.now()
        for line in lines:
            if line.application_id in done:
                continue
            reference = f"{decision.reference}-{line.rank:04d}"
            content = _line_content(decision, line, criteria, len(lines), reference, issued_at)
            issued.append(_store(actor, line.application, decision, line.outcome, reference, content, issued_at))
        if decision.kind == DecisionKind.INITIAL:
            checks = EligibilityCheck.objects.filter(
                application__call=decision.call, status=CheckStatus.INELIGIBLE
            ).exclude(application__decision_letters__kind=LetterKind.INELIGIBLE)
            for check in checks.select_related("application"):
                issued.append(_ineligible(actor, check))
    return issued


def _ineligible(actor, check) -> DecisionLetter:
    application = check.application
    reference = f"{application.reference}-NE"
    issued_at = clock.now()
    content = _base(application, LetterKind.INELIGIBLE, reference, issued_at)
    content.update(
        {
            "decision": None,
            "reasons": check.reasons,
            "refusals": [
                {"subject": answer.subject, "reason": answer.reason} for answer in check.answers.filter(met=False)
            ],
            "confirmed_at": check.confirmed_at,
        }
    )
    return _store(actor, application, None, LetterKind.INELIGIBLE, reference, content, issued_at)


def letters_for_ineligible(actor, check) -> DecisionLetter:
    """The reasoned letter to an applicant whose application was found ineligible (after the second officer
    confirmed it); idempotent."""
    require(actor, "assessment.issue_letters", check.application)
    if check.status != CheckStatus.INELIGIBLE:
        raise Conflict(_("The ineligibility is not confirmed by a second officer yet."), code="not_confirmed")
    with transaction.atomic():
        existing = DecisionLetter.objects.filter(application=check.application, kind=LetterKind.INELIGIBLE).first()
        return existing or _ineligible(actor, check)
