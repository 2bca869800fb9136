"""Kinds, seats, statuses and outcomes of the monitoring committee (CPR art. 38-40)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from subsidia.core.approval_models import ApprovalDecision


class MemberType(models.TextChoices):
    """Whom a member represents (CPR art. 39(1): authorities and the partners of art. 8(1))."""

    MANAGING_AUTHORITY = "managing_authority", _("Managing authority")
    PUBLIC_AUTHORITY = "public_authority", _("Regional or local authority")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    SOCIAL_PARTNER = "social_partner", _("Social partner")
    ECONOMIC_PARTNER = "economic_partner", _("Economic partner")
    FUNDAMENTAL_RIGHTS = "fundamental_rights", _("Body promoting fundamental rights or equality")
    COMMISSION = "commission", _("European Commission")
    OTHER = "other", _("Other")


class Seat(models.TextChoices):
    """CPR art. 39(1): every member has a vote; art. 39(2): the Commission sits in an advisory capacity."""

    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    ADVISORY = "advisory", _("Advisory")


VOTING_SEATS = (Seat.CHAIR, Seat.MEMBER)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ItemKind(models.TextChoices):
    DECISION = "decision", _("For decision")
    INFORMATION = "information", _("For information")


Outcome = ApprovalDecision.Outcome
APPROVING_OUTCOMES = (Outcome.APPROVED, Outcome.APPROVED_WITH_CONDITIONS)


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class ProcedureStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class ProcedureResult(models.TextChoices):
    """What the votes and the deadline say at the moment of asking."""

    PENDING = "pending", _("Voting continues")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    NO_QUORUM = "no_quorum", _("Not enough votes (no quorum)")
