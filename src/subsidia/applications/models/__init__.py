from .applications import Activity, Application, IndicatorTarget, Location, Partner, TargetGroup
from .attachments import Attachment
from .budget import AppliedFlatRate, BudgetLine
from .organisations import Membership, Organisation
from .submissions import ImmutableError, Submission

__all__ = [
    "Activity",
    "Application",
    "AppliedFlatRate",
    "Attachment",
    "BudgetLine",
    "ImmutableError",
    "IndicatorTarget",
    "Location",
    "Membership",
    "Organisation",
    "Partner",
    "Submission",
    "TargetGroup",
]
