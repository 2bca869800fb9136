from .agreements import GrantAgreement
from .amendments import Amendment, AmendmentBudgetLine
from .budget import OperationBudgetLine, OperationIndicatorTarget
from .operations import Operation, OperationCodeSequence
from .reports import ProgressReport, ReportedValue

__all__ = [
    "Amendment",
    "AmendmentBudgetLine",
    "GrantAgreement",
    "Operation",
    "OperationBudgetLine",
    "OperationCodeSequence",
    "OperationIndicatorTarget",
    "ProgressReport",
    "ReportedValue",
]
