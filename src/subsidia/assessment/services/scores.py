"""Scores per award criterion: saved as drafts, then submitted; the lead assessor's consensus where the call
consolidates by consensus. Points are exact decimals within the criterion's maximum, each with a justification."""

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.calls.constants import ConsolidationMethod
from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, PermissionDenied, RuleViolation

from ..constants import AssignmentStatus, ConsensusStatus
from ..fields import PointsError, parse_points
from ..models import Assignment, Consensus, ConsensusScore, Score
from ..selectors.scoring import assessor_total
from .common import ensure_independent, fail_if, locked, refuse_if_frozen, require, text


def _points(points, criterion, errors) -> object:
    try:
        value = parse_points(points)
    except PointsError:
        errors["points"] = _("Enter points as a number with at most two decimals.")
        return None
    if value < 0 or value > criterion.max_points:
        errors["points"] = _("Points must lie between 0 and %(max)s for “%(criterion)s”.") % {
            "max": criterion.max_points,
            "criterion": criterion.title,
        }
        return None
    return value


def _criterion(criterion, call, errors):
    if criterion is None or getattr(criterion, "call_id", None) != call.pk:
        errors["criterion"] = _("This award criterion does not belong to the call.")
        return False
    return True


def _scoring(assessor, assignment) -> None:
    if not (getattr(assessor, "is_authenticated", False) and assessor.has_perm("assessment.score", assignment)):
        raise PermissionDenied(_("This application is not assigned to you."))
    ensure_independent(assessor, assignment.application)
    if assignment.status == AssignmentStatus.ASSIGNED:
        raise Conflict(
            _("Declare first that you have no conflict of interest for this application."), code="declaration_missing"
        )
    if assignment.status in (AssignmentStatus.CONFLICT, AssignmentStatus.WITHDRAWN):
        raise PermissionDenied(_("You no longer assess this application."))
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise Conflict(_("Your scores are submitted; they can no longer change."), code="submitted")


def score_save(assessor, assignment, *, criterion, points, justification) -> Score:
    """Save (or change) a draft score for one criterion."""
    _scoring(assessor, assignment)
    call = assignment.application.call
    errors = {}
    if _criterion(criterion, call, errors):
        points = _points(points, criterion, errors)
    justification = text(justification, "justification", errors, required=True, max_length=6000)
    fail_if(errors)
    with transaction.atomic():
        assignment = locked(assignment)
        _scoring(assessor, assignment)
        refuse_if_frozen(call)
        score = Score.objects.filter(assignment=assignment, criterion=criterion).first()
        before = audit.snapshot(score, ("points", "justification")) if score else {}
        score = score or Score(assignment=assignment, criterion=criterion)
        score.points, score.max_points, score.justification = points, criterion.max_points, justification
        score.final, score.updated_at = False, clock.now()
        score.save()
        audit.record(
            assessor,
            "score.saved",
            score,
            before=before,
            after=audit.snapshot(score, ("points", "justification")),
            data={"application": assignment.application.reference, "criterion": criterion.pk},
        )
    return score


def _unscored(criteria, scores: dict) -> list[str]:
    return [
        c.title for c in criteria if c.pk not in scores or scores[c.pk].points is None or not scores[c.pk].justification
    ]


def scores_submit(assessor, assignment) -> Assignment:
    """Submit: every criterion scored with a justification; the scores become final."""
    _scoring(assessor, assignment)
    with transaction.atomic():
        assignment = locked(assignment)
        _scoring(assessor, assignment)
        call = assignment.application.call
        refuse_if_frozen(call)
        criteria = list(call.award_criteria.order_by("position"))
        scores = {s.criterion_id: s for s in assignment.scores.all()}
        missing = _unscored(criteria, scores)
        if missing:
            raise RuleViolation(
                _("Score every criterion with a justification first: %(criteria)s.") % {"criteria": ", ".join(missing)},
                code="scores_incomplete",
            )
        assignment.scores.update(final=True)
        before = {"status": assignment.status}
        assignment.assessor_total = assessor_total(assignment)
        assignment.status, assignment.submitted_at = AssignmentStatus.SUBMITTED, clock.now()
        assignment.save(update_fields=["assessor_total", "status", "submitted_at"])
        audit.record(
            assessor,
            "assignment.submitted",
            assignment,
            before=before,
            after={"status": assignment.status, "assessor_total": assignment.assessor_total},
            data={"application": assignment.application.reference},
        )
    return assignment


def _lead(lead, application) -> None:
    if application.call.consolidation != ConsolidationMethod.CONSENSUS:
        raise Conflict(
            _("This call consolidates by the average of the assessors; there is no consensus score."),
            code="not_consensus",
        )
    require(
        lead,
        "assessment.lead_consensus",
        application,
        _("Only the lead assessor of this application enters the consensus."),
    )
    ensure_independent(lead, application)


def consensus_save(lead, application, *, criterion, points, justification) -> ConsensusScore:
    """The lead assessor saves a draft consensus score for one criterion."""
    _lead(lead, application)
    errors = {}
    if _criterion(criterion, application.call, errors):
        points = _points(points, criterion, errors)
    justification = text(justification, "justification", errors, required=True, max_length=6000)
    fail_if(errors)
    with transaction.atomic():
        refuse_if_frozen(application.call)
        consensus, _created = Consensus.objects.select_for_update().get_or_create(
            application=application, defaults={"lead": lead, "updated_at": clock.now()}
        )
        if consensus.status == ConsensusStatus.SUBMITTED:
            raise Conflict(_("The consensus is submitted; it can no longer change."), code="submitted")
        score = ConsensusScore.objects.filter(consensus=consensus, criterion=criterion).first()
        before = audit.snapshot(score, ("points", "justification")) if score else {}
        score = score or ConsensusScore(consensus=consensus, criterion=criterion)
        score.points, score.max_points, score.justification, score.final = (
            points,
            criterion.max_points,
            justification,
            False,
        )
        score.save()
        consensus.lead, consensus.updated_at = lead, clock.now()
        consensus.save(update_fields=["lead", "updated_at"])
        audit.record(
            lead,
            "consensus.saved",
            consensus,
            before=before,
            after=audit.snapshot(score, ("points", "justification")),
            data={"application": application.reference, "criterion": criterion.pk},
        )
    return score


def consensus_submit(lead, application) -> Consensus:
    """Submit the consensus once the assessors submitted theirs and every criterion has a consensus score."""
    _lead(lead, application)
    call = application.call
    with transaction.atomic():
        refuse_if_frozen(call)
        consensus = Consensus.objects.select_for_update().filter(application=application).first()
        if consensus is None:
            raise RuleViolation(_("Enter the consensus scores first."), code="scores_incomplete")
        if consensus.status == ConsensusStatus.SUBMITTED:
            raise Conflict(_("The consensus is already submitted."), code="submitted")
        done = application.assignments.filter(status=AssignmentStatus.SUBMITTED).count()
        if done < call.number_of_assessors:
            raise Conflict(
                _("%(done)s of the %(needed)s assessors submitted their scores; the consensus follows them.")
                % {"done": done, "needed": call.number_of_assessors},
                code="assessments_missing",
            )
        criteria = list(call.award_criteria.order_by("position"))
        missing = _unscored(criteria, {s.criterion_id: s for s in consensus.scores.all()})
        if missing:
            raise RuleViolation(
                _("Score every criterion with a justification first: %(criteria)s.") % {"criteria": ", ".join(missing)},
                code="scores_incomplete",
            )
        consensus.scores.update(final=True)
        consensus.status, consensus.submitted_at, consensus.updated_at = (
            ConsensusStatus.SUBMITTED,
            clock.now(),
            clock.now(),
        )
        consensus.save(update_fields=["status", "submitted_at", "updated_at"])
        audit.record(
            lead,
            "consensus.submitted",
            consensus,
            after={"status": consensus.status},
            data={"application": application.reference},
        )
    return consensus
