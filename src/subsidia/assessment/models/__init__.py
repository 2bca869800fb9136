from .assessors import Assignment, Declaration
from .complaints import Complaint
from .decisions import BudgetRelease, DecisionLetter, ImmutableLetter, SelectionDecision, SelectionLine
from .eligibility import CheckAnswer, EligibilityCheck
from .methodology import MethodologyPrinciple, SelectionMethodology
from .scores import Consensus, ConsensusScore, Score

__all__ = [
    "Assignment",
    "BudgetRelease",
    "CheckAnswer",
    "Complaint",
    "Consensus",
    "ConsensusScore",
    "DecisionLetter",
    "Declaration",
    "EligibilityCheck",
    "ImmutableLetter",
    "MethodologyPrinciple",
    "Score",
    "SelectionDecision",
    "SelectionLine",
    "SelectionMethodology",
]
