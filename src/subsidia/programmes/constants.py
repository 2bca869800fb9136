"""Statuses and allowed transitions of programmes and their versions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the Commission")
    ADOPTED = "adopted", _("Adopted by the Commission")
    SUPERSEDED = "superseded", _("Superseded by an amendment")


class ProgrammeStatus(models.TextChoices):
    """The programme as a whole: draft → submitted → adopted → amended (a later version adopted)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the Commission")
    ADOPTED = "adopted", _("Adopted")
    AMENDED = "amended", _("Adopted and amended")


VERSION_TRANSITIONS = {
    VersionStatus.DRAFT: {VersionStatus.SUBMITTED},
    # The Commission adopts, or sends the programme back with observations.
    VersionStatus.SUBMITTED: {VersionStatus.ADOPTED, VersionStatus.DRAFT},
    VersionStatus.ADOPTED: {VersionStatus.SUPERSEDED},
    VersionStatus.SUPERSEDED: set(),
}

OPEN_STATUSES = (VersionStatus.DRAFT, VersionStatus.SUBMITTED)


class RegionKind(models.TextChoices):
    FEDERAL = "federal", _("Federal level")
    REGION = "region", _("Region")
    COMMUNITY = "community", _("Community")
    DELEGATED_BODY = "delegated_body", _("Delegated body")
