from .decisions import (
    application_results_visible_to,
    approved_initial,
    assignments_for,
    call_budget_use,
    decision_total,
    decisions_of,
    letters_visible_to,
    selected_lines,
    what_if,
)
from .ranking import INCOMPLETE, RankRow, Rules, eligible_applications, ranking, ranking_queryset

__all__ = [
    "INCOMPLETE",
    "RankRow",
    "Rules",
    "application_results_visible_to",
    "approved_initial",
    "assignments_for",
    "call_budget_use",
    "decision_total",
    "decisions_of",
    "eligible_applications",
    "letters_visible_to",
    "ranking",
    "ranking_queryset",
    "selected_lines",
    "what_if",
]
