"""Registering organisations and managing who acts for them."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.reference.models import NutsArea
from subsidia.reference.postcodes import (
    is_valid_enterprise_number,
    normalise_enterprise_number,
    nuts_for_postcode,
)

from ..constants import WITHOUT_ENTERPRISE_NUMBER, LegalForm, MemberRole, OrganisationType
from ..models import Membership, Organisation
from .common import fail_if, require, text

ORGANISATION_FIELDS = (
    "legal_name",
    "legal_form",
    "organisation_type",
    "enterprise_number",
    "other_identifier",
    "vat_number",
    "vat_recoverable",
    "street",
    "postcode",
    "city",
    "country",
    "nuts",
    "email",
    "phone",
    "website",
)
AUDITED_FIELDS = (*ORGANISATION_FIELDS, "nuts_from_postcode")


def _enterprise_number(value, *, organisation_type, country, other_identifier, errors, instance=None) -> str:
    number = normalise_enterprise_number(value or "")
    if number:
        if not is_valid_enterprise_number(number):
            errors["enterprise_number"] = _(
                "This is not a valid Belgian enterprise number: ten digits starting with 0 or 1 "
                "(0xxx.xxx.xxx), "
                "whose last two digits are 97 minus the first eight modulo 97."
            )
            return number
        clash = Organisation.objects.filter(enterprise_number=number)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors["enterprise_number"] = _(
                "An organisation with this enterprise number is already registered; ask one of its "
                "signatories to "
                "add you as a member."
            )
        return number
    exempt = organisation_type in WITHOUT_ENTERPRISE_NUMBER or country != "BE"
    if not exempt:
        errors["enterprise_number"] = _(
            "A Belgian organisation gives its enterprise number (KBO/BCE); only de facto associations and "
            "foreign "
            "organisations may give another identifier."
        )
    elif not other_identifier:
        errors["other_identifier"] = _(
            "Without a Belgian enterprise number, give another identifier: a foreign registration number, "
            "or for a "
            "de facto association the name of its representative."
        )
    return ""


def _vat(value, *, country, enterprise_number, recoverable, errors) -> str:
    vat = "".join((value or "").split()).upper().replace(".", "").replace("-", "")
    if vat and country == "BE":
        if not (vat.startswith("BE") and vat[2:] == enterprise_number):
            errors["vat_number"] = _("A Belgian VAT number is BE followed by the enterprise number (BE0xxxxxxxxx).")
    elif vat and not (len(vat) >= 4 and vat[:2].isalpha() and vat[2:].isalnum()):
        errors["vat_number"] = _("A VAT number starts with the two-letter country code, e.g. NL123456789B01.")
    if recoverable and not vat:
        errors["vat_recoverable"] = _("An organisation that recovers VAT gives its VAT number.")
    return vat


def _address(data, errors) -> dict:
    country = text(data.get("country") or "BE").upper()
    if len(country) != 2 or not country.isalpha():
        errors["country"] = _("Enter the two-letter country code (BE).")
    postcode = text(data.get("postcode"), max_length=10, field="postcode", required=True, errors=errors)
    nuts, from_postcode = None, True
    if country == "BE" and postcode and "postcode" not in errors:
        if not (postcode.isdigit() and len(postcode) == 4):
            errors["postcode"] = _("A Belgian postcode has four digits.")
        else:
            nuts = nuts_for_postcode(postcode)
            if nuts is None:
                # Special postcodes of large organisations fall outside the ranges: ask, never guess.
                chosen = data.get("nuts")
                if isinstance(chosen, str) and chosen:
                    chosen = NutsArea.objects.filter(code=chosen).first()
                if isinstance(chosen, NutsArea) and chosen.code.startswith("BE") and chosen.level >= 1:
                    nuts, from_postcode = chosen, False
                else:
                    errors["nuts"] = _(
                        "Postcode %(postcode)s cannot be placed in a region automatically: choose the "
                        "province or "
                        "region where the organisation is established."
                    ) % {"postcode": postcode}
    return {
        "street": text(data.get("street"), max_length=200, field="street", required=True, errors=errors),
        "postcode": postcode,
        "city": text(data.get("city"), max_length=100, field="city", required=True, errors=errors),
        "country": country,
        "nuts": nuts,
        "nuts_from_postcode": from_postcode,
    }


def validate_organisation(data: dict, *, instance: Organisation | None = None) -> dict:
    """Clean and check an organisation's data; raises ``RuleViolation`` with a message per field."""
    errors: dict = {}
    clean = {
        "legal_name": text(data.get("legal_name"), max_length=200, field="legal_name", required=True, errors=errors),
        "legal_form": data.get("legal_form") or "",
        "organisation_type": data.get("organisation_type") or "",
        "other_identifier": text(data.get("other_identifier"), max_length=60, field="other_identifier", errors=errors),
        "vat_recoverable": bool(data.get("vat_recoverable")),
        "email": text(data.get("email"), max_length=254, field="email", errors=errors),
        "phone": text(data.get("phone"), max_length=30, field="phone", errors=errors),
        "website": text(data.get("website"), max_length=200, field="website", errors=errors),
    }
    if clean["legal_form"] not in LegalForm.values:
        errors["legal_form"] = _("Choose a legal form.")
    if clean["organisation_type"] not in OrganisationType.values:
        errors["organisation_type"] = _("Choose the type of organisation.")
    clean.update(_address(data, errors))
    clean["enterprise_number"] = _enterprise_number(
        data.get("enterprise_number"),
        organisation_type=clean["organisation_type"],
        country=clean["country"],
        other_identifier=clean["other_identifier"],
        errors=errors,
        instance=instance,
    )
    clean["vat_number"] = _vat(
        data.get("vat_number"),
        country=clean["country"],
        enterprise_number=clean["enterprise_number"],
        recoverable=clean["vat_recoverable"],
        errors=errors,
    )
    for key, validator, message in (
        ("email", EmailValidator(), _("Enter a valid e-mail address.")),
        (
            "website",
            URLValidator(schemes=["http", "https"]),
            _("Enter a web address starting with https://."),
        ),
    ):
        if clean[key] and key not in errors:
            try:
                validator(clean[key])
            except ValidationError:
                errors[key] = message
    fail_if(errors)
    return clean


def organisation_register(user, **data) -> Organisation:
    """A logged-in applicant registers an organisation and becomes its first signatory."""
    require(user, "applications.add_organisation")
    unknown = set(data) - set(ORGANISATION_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be set here.") for k in unknown})
    clean = validate_organisation(data)
    now = clock.now()
    with transaction.atomic():
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(**clean, created_at=now, created_by=user)
        except IntegrityError as exc:
            raise RuleViolation(
                errors={"enterprise_number": _("An organisation with this enterprise number is already registered.")}
            ) from exc
        Membership.objects.create(
            organisation=organisation, user=user, role=MemberRole.SIGNATORY, added_at=now, added_by=user
        )
        audit.record(
            user,
            "organisation.registered",
            organisation,
            after=audit.snapshot(organisation, AUDITED_FIELDS),
            data={"first_signatory": user.pk},
        )
    return organisation


def organisation_update(user, organisation: Organisation, **changes) -> Organisation:
    require(user, "applications.change_organisation", organisation)
    unknown = set(changes) - set(ORGANISATION_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in unknown})
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        merged = {f: getattr(organisation, f) for f in ORGANISATION_FIELDS}
        merged.update(changes)
        clean = validate_organisation(merged, instance=organisation)
        before = audit.snapshot(organisation, AUDITED_FIELDS)
        for key, value in clean.items():
            setattr(organisation, key, value)
        organisation.save()
        after = audit.snapshot(organisation, AUDITED_FIELDS)
        changed = {k for k in after if after[k] != before[k]}
        if changed:
            audit.record(
                user,
                "organisation.updated",
                organisation,
                before={k: before[k] for k in changed},
                after={k: after[k] for k in changed},
            )
    return organisation


# --- Members ---------------------------------------------------------------------------------------------


def _find_user(identifier: str):
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    User = get_user_model()
    return User.objects.filter(Q(username=identifier) | Q(email__iexact=identifier), is_active=True).first()


def _check_role(role) -> str:
    if role not in MemberRole.values:
        raise RuleViolation(errors={"role": _("Choose editor or signatory.")})
    return role


def member_add(user, organisation: Organisation, *, identifier: str, role: str) -> Membership:
    """A signatory adds an existing user (by username or e-mail address) as editor or signatory."""
    require(user, "applications.manage_members", organisation)
    role = _check_role(role)
    member = _find_user(identifier)
    if member is None:
        raise RuleViolation(errors={"identifier": _("No active user has this username or e-mail address.")})
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        if Membership.objects.filter(organisation=organisation, user=member).exists():
            raise Conflict(
                _("%(user)s is already a member of this organisation.") % {"user": member.get_username()},
                code="already_member",
            )
        membership = Membership.objects.create(
            organisation=organisation, user=member, role=role, added_at=clock.now(), added_by=user
        )
        audit.record(
            user,
            "organisation.member_added",
            organisation,
            after={"user": member.pk, "username": member.get_username(), "role": role},
        )
    return membership


def _other_signatories(organisation, membership) -> bool:
    return (
        Membership.objects.filter(organisation=organisation, role=MemberRole.SIGNATORY)
        .exclude(pk=membership.pk)
        .exists()
    )


def member_change_role(user, membership: Membership, *, role: str) -> Membership:
    require(user, "applications.manage_members", membership.organisation)
    role = _check_role(role)
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=membership.organisation_id)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == MemberRole.SIGNATORY and not _other_signatories(membership.organisation, membership):
            raise Conflict(_("An organisation keeps at least one signatory."), code="last_signatory")
        before = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        audit.record(
            user,
            "organisation.member_role_changed",
            membership.organisation,
            before={"user": membership.user_id, "role": before},
            after={"user": membership.user_id, "role": role},
        )
    return membership


def member_remove(user, membership: Membership) -> None:
    """A signatory removes a member; anyone may leave. The last signatory stays."""
    if membership.user_id != getattr(user, "pk", None):
        require(user, "applications.manage_members", membership.organisation)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=membership.organisation_id)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == MemberRole.SIGNATORY and not _other_signatories(organisation, membership):
            raise Conflict(_("An organisation keeps at least one signatory."), code="last_signatory")
        before = {
            "user": membership.user_id,
            "username": membership.user.get_username(),
            "role": membership.role,
        }
        membership.delete()
        audit.record(user, "organisation.member_removed", organisation, before=before)
