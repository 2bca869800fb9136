"""Every state change of the assessment stage (one module per topic, all re-exported here)."""

from .assessors import assign, assign_balanced, assignment_withdraw, declare
from .complaints import complaint_answer, complaint_register, complaint_take_up, complaint_withdraw
from .decisions import (
    decision_approve,
    decision_prepare,
    decision_return,
    decision_withdraw,
    grant_decline,
    reserve_decision_prepare,
    reserve_plan,
)
from .eligibility import check_answer, check_conclude, check_confirm, check_return, check_start, missing_answers
from .letters import letters_for_ineligible, letters_issue
from .methodology import methodology_save, methodology_submit, missing_texts
from .scores import consensus_save, consensus_submit, score_save, scores_submit

__all__ = [
    "assign",
    "assign_balanced",
    "assignment_withdraw",
    "check_answer",
    "check_conclude",
    "check_confirm",
    "check_return",
    "check_start",
    "complaint_answer",
    "complaint_register",
    "complaint_take_up",
    "complaint_withdraw",
    "consensus_save",
    "consensus_submit",
    "decision_approve",
    "decision_prepare",
    "decision_return",
    "decision_withdraw",
    "declare",
    "grant_decline",
    "letters_for_ineligible",
    "letters_issue",
    "methodology_save",
    "methodology_submit",
    "missing_answers",
    "missing_texts",
    "reserve_decision_prepare",
    "reserve_plan",
    "score_save",
    "scores_submit",
]
