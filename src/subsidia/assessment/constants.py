"""Statuses, allowed transitions and the programme-level checks of the assessment stage."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CheckStatus(models.TextChoices):
    DRAFT = "draft", _("Being checked")
    ELIGIBLE = "eligible", _("Admissible and eligible")
    INELIGIBILITY_PROPOSED = "ineligibility_proposed", _("Ineligibility proposed, awaiting a second officer")
    INELIGIBLE = "ineligible", _("Ineligible")


CHECK_TRANSITIONS = {
    CheckStatus.DRAFT: {CheckStatus.ELIGIBLE, CheckStatus.INELIGIBILITY_PROPOSED},
    # Four eyes: a second officer confirms the refusal or sends it back to be checked again.
    CheckStatus.INELIGIBILITY_PROPOSED: {CheckStatus.INELIGIBLE, CheckStatus.DRAFT},
    # An eligible file can be reopened until the selection decision is prepared.
    CheckStatus.ELIGIBLE: {CheckStatus.DRAFT},
    CheckStatus.INELIGIBLE: set(),
}


class ProgrammeCheck(models.TextChoices):
    """What every operation must pass whatever the call (CPR art. 73(2), 63(6), 63(9)); each has its article."""

    PROGRAMME = (
        "programme",
        _("The operation complies with the programme and contributes effectively to its specific objective."),
    )
    FUND_SCOPE = (
        "fund_scope",
        _("The operation falls within the scope of the Fund and is attributed to a type of intervention."),
    )
    VALUE_FOR_MONEY = (
        "value_for_money",
        _(
            "The operation presents the best relationship between the amount of support, the activities and the "
            "achievement of its objectives."
        ),
    )
    FINANCIAL_CAPACITY = (
        "financial_capacity",
        _("The applicant has the financial capacity and the resources to carry out the operation."),
    )
    NOT_COMPLETED = (
        "not_completed",
        _("The operation was not physically completed or fully implemented before the application was submitted."),
    )
    LAW_IF_STARTED = (
        "law_if_started",
        _("If the operation started before the application, the applicable law was complied with."),
    )
    NO_DOUBLE_FUNDING = (
        "no_double_funding",
        _("The same costs are not financed by another Union fund, instrument or the Union budget."),
    )


PROGRAMME_CHECK_BASIS = {
    ProgrammeCheck.PROGRAMME: "CPR art. 73(2)(a)",
    ProgrammeCheck.FUND_SCOPE: "CPR art. 73(2)(g)",
    ProgrammeCheck.VALUE_FOR_MONEY: "CPR art. 73(2)(c)",
    ProgrammeCheck.FINANCIAL_CAPACITY: "CPR art. 73(2)(d)",
    ProgrammeCheck.NOT_COMPLETED: "CPR art. 63(6)",
    ProgrammeCheck.LAW_IF_STARTED: "CPR art. 73(2)(f)",
    ProgrammeCheck.NO_DOUBLE_FUNDING: "CPR art. 63(9)",
}


class Capacity(models.TextChoices):
    """In which capacity someone declares (no) conflict of interest for an application."""

    ASSESSOR = "assessor", _("Assessor")
    ELIGIBILITY_OFFICER = "eligibility_officer", _("Officer checking eligibility")
    AUTHORISING_OFFICER = "authorising_officer", _("Authorising officer")


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned, awaiting the declaration")
    ACCEPTED = "accepted", _("Declared no conflict, scoring")
    SUBMITTED = "submitted", _("Scores submitted")
    CONFLICT = "conflict", _("Removed: conflict of interest declared")
    WITHDRAWN = "withdrawn", _("Removed by an officer")


ACTIVE_ASSIGNMENT = (AssignmentStatus.ASSIGNED, AssignmentStatus.ACCEPTED, AssignmentStatus.SUBMITTED)


class ConsensusStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Principle(models.TextChoices):
    """The principles the selection criteria and procedures must respect (CPR art. 73(1))."""

    NON_DISCRIMINATORY = "non_discriminatory", _("Non-discriminatory")
    TRANSPARENT = "transparent", _("Transparent")
    ACCESSIBLE = "accessible", _("Accessible to persons with disabilities")
    GENDER_EQUALITY = "gender_equality", _("Gender equality")
    CHARTER = "charter", _("Charter of Fundamental Rights of the European Union")
    SUSTAINABLE = "sustainable", _("Sustainable development and the Union policy on the environment")


class DecisionKind(models.TextChoices):
    INITIAL = "initial", _("Selection decision")
    RESERVE = "reserve", _("Selection from the reserve list")


class DecisionStatus(models.TextChoices):
    PREPARED = "prepared", _("Prepared, awaiting approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned to the officer")
    WITHDRAWN = "withdrawn", _("Withdrawn")


DECISION_TRANSITIONS = {
    DecisionStatus.PREPARED: {DecisionStatus.APPROVED, DecisionStatus.RETURNED, DecisionStatus.WITHDRAWN},
    DecisionStatus.APPROVED: set(),
    DecisionStatus.RETURNED: set(),
    DecisionStatus.WITHDRAWN: set(),
}
# While a decision is prepared or approved, the ranking it froze may not move.
DECIDING = (DecisionStatus.PREPARED, DecisionStatus.APPROVED)


class Outcome(models.TextChoices):
    """Where an application lands on the funding line."""

    SELECTED = "selected", _("Selected")
    PARTIAL = "partial", _("Selected, partially funded")
    RESERVE = "reserve", _("Reserve list")
    BELOW_THRESHOLD = "below_threshold", _("Not selected: below a threshold")


FUNDED = (Outcome.SELECTED, Outcome.PARTIAL)


class LetterKind(models.TextChoices):
    SELECTED = "selected", _("Selection")
    PARTIAL = "partial", _("Selection with partial funding")
    RESERVE = "reserve", _("Reserve list")
    BELOW_THRESHOLD = "below_threshold", _("Not selected")
    INELIGIBLE = "ineligible", _("Ineligible")


class ComplaintStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    IN_HANDLING = "in_handling", _("Being handled")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", _("Withdrawn by the complainant")


COMPLAINT_TRANSITIONS = {
    ComplaintStatus.REGISTERED: {ComplaintStatus.IN_HANDLING, ComplaintStatus.ANSWERED, ComplaintStatus.WITHDRAWN},
    ComplaintStatus.IN_HANDLING: {ComplaintStatus.ANSWERED, ComplaintStatus.WITHDRAWN},
    ComplaintStatus.ANSWERED: set(),
    ComplaintStatus.WITHDRAWN: set(),
}


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    REJECTED = "rejected", _("Not upheld")
    NOT_ADMISSIBLE = "not_admissible", _("Not admissible")


class ComplaintChannel(models.TextChoices):
    PORTAL = "portal", _("Through Subsidia")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    COMMISSION = "commission", _("Forwarded by the European Commission")
