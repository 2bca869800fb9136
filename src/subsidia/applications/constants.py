"""Kinds, roles, statuses and the allowed transitions of organisations and applications."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority (municipality, city, OCMW/CPAS)")
    PUBLIC_BODY = "public_body", _("Other public body")
    NON_PROFIT = "non_profit", _("Non-profit association")
    MIGRANT_LED = "migrant_led", _("Migrant-led organisation")
    DE_FACTO_ASSOCIATION = "de_facto_association", _("De facto association (no legal personality)")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise or cooperative")
    EDUCATION = "education", _("School, college or university")
    COMPANY = "company", _("Company")
    INTERNATIONAL = "international", _("International organisation")
    OTHER = "other", _("Other")


class LegalForm(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality or city")
    PUBLIC_CENTRE = "public_centre", _("Public centre for social welfare (OCMW/CPAS)")
    INTERMUNICIPAL = "intermunicipal", _("Intermunicipal association")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    NON_PROFIT = "vzw", _("Non-profit association (vzw/asbl)")
    INTERNATIONAL_NON_PROFIT = "ivzw", _("International non-profit association (ivzw/aisbl)")
    FOUNDATION = "foundation", _("Foundation (stichting/fondation)")
    COOPERATIVE = "cooperative", _("Cooperative company (cv/sc)")
    PRIVATE_COMPANY = "bv", _("Private limited company (bv/srl)")
    PUBLIC_COMPANY = "nv", _("Public limited company (nv/sa)")
    DE_FACTO = "de_facto", _("De facto association (no legal personality)")
    FOREIGN = "foreign", _("Foreign legal entity")
    OTHER = "other", _("Other")


# Who may go without a Belgian enterprise number, giving another identifier instead.
WITHOUT_ENTERPRISE_NUMBER = {OrganisationType.DE_FACTO_ASSOCIATION}


class MemberRole(models.TextChoices):
    EDITOR = "editor", _("Editor")
    SIGNATORY = "signatory", _("Signatory")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


APPLICATION_TRANSITIONS = {
    ApplicationStatus.DRAFT: {ApplicationStatus.SUBMITTED},
    ApplicationStatus.SUBMITTED: {ApplicationStatus.WITHDRAWN},
    ApplicationStatus.WITHDRAWN: set(),
}

# What officers and later stages may see: everything that was ever submitted, never drafts.
SUBMITTED_STATUSES = (ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN)


# The budget line that the art. 56 flat rate produces: every cost other than direct staff costs.
ALL_OTHER_COSTS = "all_other"


class Gender(models.TextChoices):
    FEMALE = "female", _("Women")
    MALE = "male", _("Men")
    NON_BINARY = "non_binary", _("Non-binary or not stated")


class AgeBracket(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18_TO_60 = "18_60", _("18 to 60")
    OVER_60 = "over_60", _("Over 60")


class Declaration(models.TextChoices):
    """Declarations a signatory makes on the organisation's honour before submitting."""

    ON_HONOUR = (
        "on_honour",
        _(
            "The information in this application is complete and true, and the organisation is not in one "
            "of the "
            "situations that exclude it from Union funding."
        ),
    )
    NO_DOUBLE_FUNDING = (
        "no_double_funding",
        _(
            "The same costs are not and will not be financed by another Union fund, instrument or by the "
            "Union budget "
            "otherwise (no double funding, CPR art. 63(9))."
        ),
    )
    NOT_COMPLETED = (
        "not_completed",
        _(
            "The operation has not been physically completed or fully implemented before this application is "
            "submitted (CPR art. 63(6))."
        ),
    )


class Section(models.TextChoices):
    """The parts of the application form, each with its own completeness check."""

    GENERAL = "general", _("Project")
    ACTIVITIES = "activities", _("Activities and timeline")
    TARGET_GROUPS = "target_groups", _("Target groups and locations")
    INDICATORS = "indicators", _("Indicator targets")
    PARTNERS = "partners", _("Partners")
    BUDGET = "budget", _("Budget")
    COFINANCING = "cofinancing", _("Co-financing plan")
    ATTACHMENTS = "attachments", _("Attachments")
    DECLARATIONS = "declarations", _("Declarations")
