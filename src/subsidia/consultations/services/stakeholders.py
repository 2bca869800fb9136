"""The register of stakeholder organisations."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import RuleViolation

from ..constants import StakeholderType
from ..models import StakeholderOrganisation
from .common import clean_texts, require

FIELDS = ("name", "stakeholder_type", "email", "language", "municipality", "is_active")
TEXT_LIMITS = {"name": 200, "email": 254, "municipality": 100}
# The register's contact address may name a person; audit events keep the organisation, not the address.
AUDITED = ("name", "stakeholder_type", "language", "municipality", "is_active")


def _validate(data: dict, *, instance: StakeholderOrganisation | None = None) -> dict:
    errors = {}
    clean = clean_texts(data, TEXT_LIMITS, errors)
    if "name" in clean and not clean["name"]:
        errors["name"] = _("Enter the organisation's name.")
    elif "name" in clean:
        clash = StakeholderOrganisation.objects.filter(name__iexact=clean["name"])
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors["name"] = _("The register already holds an organisation with this name.")
    if "email" in clean:
        try:
            validate_email(clean["email"])
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address.")
        else:
            clean["email"] = clean["email"].lower()
    if "stakeholder_type" in data:
        if data["stakeholder_type"] not in StakeholderType.values:
            errors["stakeholder_type"] = _("Choose a stakeholder type.")
        else:
            clean["stakeholder_type"] = data["stakeholder_type"]
    if "language" in data:
        if data["language"] not in ("nl", "fr", "en"):
            errors["language"] = _("Choose Dutch, French or English.")
        else:
            clean["language"] = data["language"]
    if "is_active" in data:
        clean["is_active"] = bool(data["is_active"])
    unknown = set(data) - set(FIELDS)
    for key in unknown:
        errors[key] = _("This field cannot be changed here.")
    if errors:
        raise RuleViolation(errors=errors)
    return clean


def organisation_create(
    user,
    *,
    name: str,
    stakeholder_type: str,
    email: str,
    language: str = "nl",
    municipality: str = "",
    is_active: bool = True,
) -> StakeholderOrganisation:
    require(user, "consultations.add_stakeholderorganisation")
    data = {
        "name": name,
        "stakeholder_type": stakeholder_type,
        "email": email,
        "language": language,
        "municipality": municipality,
        "is_active": is_active,
    }
    clean = _validate(data)
    with transaction.atomic():
        organisation = StakeholderOrganisation.objects.create(created_at=clock.now(), **clean)
        audit.record(user, "stakeholder.created", organisation, after=audit.snapshot(organisation, AUDITED))
    return organisation


def organisation_update(user, organisation: StakeholderOrganisation, **changes) -> StakeholderOrganisation:
    require(user, "consultations.change_stakeholderorganisation", organisation)
    with transaction.atomic():
        organisation = StakeholderOrganisation.objects.select_for_update().get(pk=organisation.pk)
        clean = _validate(changes, instance=organisation)
        before = audit.snapshot(organisation, AUDITED)
        old_email = organisation.email
        for key, value in clean.items():
            setattr(organisation, key, value)
        organisation.save()
        audit.record(
            user,
            "stakeholder.updated",
            organisation,
            before=before,
            after=audit.snapshot(organisation, AUDITED),
            data={"email_changed": organisation.email != old_email},
        )
    return organisation
