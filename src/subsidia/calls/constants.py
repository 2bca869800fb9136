"""Statuses, transitions and the kinds of criteria and cost options of a call for proposals."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting committee approval")
    APPROVED = "approved", _("Approved by the committee")
    PUBLISHED = "published", _("Published")
    IN_ASSESSMENT = "in_assessment", _("In assessment")
    DECIDED = "decided", _("Decided")
    ARCHIVED = "archived", _("Archived")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EffectiveStatus(models.TextChoices):
    """What a published call is at a given moment, computed from its dates when asked, never stored."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


CALL_TRANSITIONS = {
    CallStatus.DRAFT: {CallStatus.SUBMITTED, CallStatus.WITHDRAWN},
    # The committee approves or rejects; a substantive edit or a withdrawn request brings it back to draft.
    CallStatus.SUBMITTED: {CallStatus.APPROVED, CallStatus.DRAFT, CallStatus.WITHDRAWN},
    CallStatus.APPROVED: {CallStatus.PUBLISHED, CallStatus.DRAFT, CallStatus.WITHDRAWN},
    CallStatus.PUBLISHED: {CallStatus.IN_ASSESSMENT, CallStatus.WITHDRAWN},
    CallStatus.IN_ASSESSMENT: {CallStatus.DECIDED},
    CallStatus.DECIDED: {CallStatus.ARCHIVED},
    CallStatus.ARCHIVED: set(),
    CallStatus.WITHDRAWN: set(),
}

# Statuses the public sees: published and after. A withdrawn call is public only if it was published once.
PUBLIC_STATUSES = (CallStatus.PUBLISHED, CallStatus.IN_ASSESSMENT, CallStatus.DECIDED, CallStatus.ARCHIVED)
# Statuses whose budget no longer counts against the allocation.
RELEASED_STATUSES = (CallStatus.ARCHIVED, CallStatus.WITHDRAWN)
# Statuses in which the substantive content may still change (it then goes back to the committee).
EDITABLE_STATUSES = (CallStatus.DRAFT, CallStatus.SUBMITTED, CallStatus.APPROVED)


class ConsolidationMethod(models.TextChoices):
    AVERAGE = "average", _("Average of the assessors' scores")
    CONSENSUS = "consensus", _("Consensus score agreed by the assessors")


class TieBreakFinal(models.TextChoices):
    """The last key of the tie-break order, after the criteria named for it."""

    SUBMITTED_FIRST = "submitted_first", _("Earlier submission first")
    LOWER_GRANT_FIRST = "lower_grant_first", _("Lower EU grant requested first")


class CostOptionKind(models.TextChoices):
    REAL_COSTS = "real_costs", _("Real costs")
    FLAT_RATE = "flat_rate", _("Flat rate")
    LUMP_SUM = "lump_sum", _("Lump sum")
    UNIT_COST = "unit_cost", _("Unit cost")


SIMPLIFIED_KINDS = (CostOptionKind.FLAT_RATE, CostOptionKind.LUMP_SUM, CostOptionKind.UNIT_COST)


class CostCategory(models.TextChoices):
    STAFF = "staff", _("Staff costs")
    TRAVEL = "travel", _("Travel and subsistence")
    EQUIPMENT = "equipment", _("Equipment")
    CONSUMABLES = "consumables", _("Consumables and supplies")
    SUBCONTRACTING = "subcontracting", _("Subcontracting and external services")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure and premises")
    OTHER_DIRECT = "other_direct", _("Other direct costs")
    INDIRECT = "indirect", _("Indirect costs")


class FlatRate(models.TextChoices):
    """The flat rates of CPR art. 54-56; each value is the key of its figure in ``reference``
    (the maximum rate and its article)."""

    INDIRECT_OF_DIRECT = "flat_rate_indirect_direct_costs", _("Indirect costs as a share of direct costs")
    INDIRECT_OF_STAFF = "flat_rate_indirect_staff_costs", _("Indirect costs as a share of direct staff costs")
    STAFF_OF_OTHER_DIRECT = "flat_rate_staff_other_direct", _("Staff costs as a share of other direct costs")
    OTHER_OF_STAFF = "flat_rate_other_costs_staff", _("All other costs as a share of direct staff costs")


# What each flat rate is computed on and what it covers (the application budget applies these).
FLAT_RATE_BASIS = {
    FlatRate.INDIRECT_OF_DIRECT: ("direct", CostCategory.INDIRECT),
    FlatRate.INDIRECT_OF_STAFF: ("staff", CostCategory.INDIRECT),
    FlatRate.STAFF_OF_OTHER_DIRECT: ("direct_other_than_staff", CostCategory.STAFF),
    FlatRate.OTHER_OF_STAFF: ("staff", "all_other"),
}
INDIRECT_FLAT_RATES = (FlatRate.INDIRECT_OF_DIRECT, FlatRate.INDIRECT_OF_STAFF)


class AttachmentType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    ODT = "odt", "OpenDocument text (ODT)"
    XLSX = "xlsx", "Excel (XLSX)"
    ODS = "ods", "OpenDocument spreadsheet (ODS)"
    JPG = "jpg", "JPEG"
    PNG = "png", "PNG"


LANGUAGE_CODES = ("nl", "fr", "en")
DOCUMENT_LANGUAGES = (("nl", "Nederlands"), ("fr", "Français"), ("en", "English"), ("de", "Deutsch"))
