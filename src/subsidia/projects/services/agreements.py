"""Grant agreements (CPR art. 73(3)): prepared by an officer, signed for the beneficiary (in the portal by its
signatory, or recorded by an officer from a paper signature), put into force by an authorising officer who did
not prepare it. The first version in force makes the operation active; a later one supersedes the earlier."""

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, PermissionDenied

from ..constants import AGREEMENT_TRANSITIONS, AgreementStatus, OperationStatus
from ..content import freeze, still_matches
from ..models import GrantAgreement, Operation
from .common import fail_if, locked, move, require, text

PREPARABLE = (OperationStatus.SELECTED, OperationStatus.ACTIVE)


def _move(agreement, to):
    move(agreement, to, AGREEMENT_TRANSITIONS, AgreementStatus)


def _conditions(values: dict, errors: dict) -> dict:
    return {
        f"conditions_{lang}": text(values.get(f"conditions_{lang}", ""), f"conditions_{lang}", errors, max_length=20000)
        for lang in ("nl", "fr", "en")
    }


def agreement_prepare(user, operation: Operation, **conditions) -> GrantAgreement:
    """A new draft version with the operation's current terms and the special conditions given."""
    require(user, "projects.manage_operation", operation)
    errors = {}
    values = _conditions(conditions, errors)
    fail_if(errors)
    with transaction.atomic():
        operation = locked(operation)
        if operation.agreements.filter(status__in=[AgreementStatus.DRAFT, AgreementStatus.SIGNED]).exists():
            raise Conflict(
                _("A version of the agreement is already being prepared or signed; finish or cancel it first."),
                code="agreement_open",
            )
        return prepare_version(user, operation, prepared_by=user, conditions=values)


def prepare_version(actor, operation: Operation, *, prepared_by, conditions: dict, amendment=None) -> GrantAgreement:
    """Store the next draft version (inside the caller's transaction, operation row locked by the caller)."""
    if operation.status not in PREPARABLE:
        raise Conflict(_("No agreement can be prepared for an operation that is closed."), code="operation_closed")
    version = (operation.agreements.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    agreement = GrantAgreement(
        operation=operation,
        version=version,
        reference=f"{operation.code}/{version}",
        language=settings.SUBSIDIA_OFFICIAL_LANGUAGE,
        amendment=amendment,
        prepared_by=prepared_by,
        prepared_at=clock.now(),
        **conditions,
    )
    freeze(agreement, operation)
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError as exc:
        raise Conflict(_("Another version was prepared at the same moment."), code="agreement_open") from exc
    audit.record(
        actor,
        "grant_agreement.prepared",
        agreement,
        after={"reference": agreement.reference, "sha256": agreement.sha256},
        data={"operation": operation.code, "amendment": getattr(amendment, "number", None)},
    )
    return agreement


def _locked(agreement: GrantAgreement) -> GrantAgreement:
    return GrantAgreement.objects.select_for_update(of=("self",)).select_related("operation").get(pk=agreement.pk)


def agreement_update_conditions(user, agreement: GrantAgreement, **conditions) -> GrantAgreement:
    require(user, "projects.manage_operation", agreement.operation)
    errors = {}
    values = _conditions(conditions, errors)
    fail_if(errors)
    with transaction.atomic():
        agreement = _locked(agreement)
        if agreement.status != AgreementStatus.DRAFT:
            raise Conflict(_("Only a draft agreement can be changed."), code="agreement_not_draft")
        before = {"sha256": agreement.sha256}
        for name, value in values.items():
            setattr(agreement, name, value)
        freeze(agreement, agreement.operation)
        agreement.save()
        audit.record(user, "grant_agreement.updated", agreement, before=before, after={"sha256": agreement.sha256})
    return agreement


def agreement_sign(
    user, agreement: GrantAgreement, *, signatory_name: str, signatory_function: str = "", signed_on=None
) -> GrantAgreement:
    """Record the beneficiary's signature of a draft version (what was signed: the frozen content's hash)."""
    require(user, "projects.sign_agreement", agreement.operation)
    errors = {}
    name = text(signatory_name, "signatory_name", errors, required=True, max_length=200)
    function = text(signatory_function, "signatory_function", errors, max_length=200)
    signed_on = signed_on or clock.today()
    if not isinstance(signed_on, dt.date):
        errors["signed_on"] = _("Enter a date.")
    elif signed_on > clock.today():
        errors["signed_on"] = _("A signature cannot be dated in the future.")
    elif signed_on < clock.to_local(agreement.prepared_at).date():
        errors["signed_on"] = _("A signature cannot be dated before the agreement was prepared.")
    fail_if(errors)
    with transaction.atomic():
        agreement = _locked(agreement)
        if not still_matches(agreement, agreement.operation):
            raise Conflict(
                _("The operation changed after this version was prepared; cancel it and prepare a new one."),
                code="agreement_outdated",
            )
        _move(agreement, AgreementStatus.SIGNED)
        agreement.signatory_name, agreement.signatory_function, agreement.signed_on = name, function, signed_on
        agreement.signature_recorded_by, agreement.signature_recorded_at = user, clock.now()
        agreement.save()
        audit.record(
            user,
            "grant_agreement.signed",
            agreement,
            after={"status": agreement.status, "signed_on": signed_on},
            data={"signatory": name, "function": function, "sha256": agreement.sha256},
        )
    return agreement


def agreement_confirm(user, agreement: GrantAgreement) -> GrantAgreement:
    """Four eyes: an authorising officer who neither prepared the version nor recorded its signature."""
    require(user, "projects.approve_operation", agreement.operation)
    with transaction.atomic():
        agreement = _locked(agreement)
        if user.pk in (agreement.prepared_by_id, agreement.signature_recorded_by_id):
            raise PermissionDenied(
                _("You prepared this agreement or recorded its signature; someone else confirms it.")
            )
        operation = locked(agreement.operation)
        if not still_matches(agreement, operation):
            raise Conflict(
                _("The operation changed after this version was prepared; cancel it and prepare a new one."),
                code="agreement_outdated",
            )
        _move(agreement, AgreementStatus.IN_FORCE)
        previous = operation.agreements.filter(status=AgreementStatus.IN_FORCE).exclude(pk=agreement.pk)
        superseded = list(previous.values_list("reference", flat=True))
        previous.update(status=AgreementStatus.SUPERSEDED)
        agreement.confirmed_by, agreement.confirmed_at = user, clock.now()
        agreement.save()
        if operation.status == OperationStatus.SELECTED:
            operation.status = OperationStatus.ACTIVE
            operation.updated_at = clock.now()
            operation.save(update_fields=["status", "updated_at"])
        audit.record(
            user,
            "grant_agreement.confirmed",
            agreement,
            after={"status": agreement.status, "operation_status": operation.status},
            data={"sha256": agreement.sha256, "superseded": superseded},
        )
    return agreement


def agreement_cancel(user, agreement: GrantAgreement, *, reason: str) -> GrantAgreement:
    """Drop a version not yet in force (wrong conditions, outdated figures)."""
    require(user, "projects.manage_operation", agreement.operation)
    errors = {}
    reason = text(reason, "reason", errors, required=True, max_length=4000)
    fail_if(errors)
    with transaction.atomic():
        agreement = _locked(agreement)
        if agreement.status not in (AgreementStatus.DRAFT, AgreementStatus.SIGNED):
            raise Conflict(_("Only a version not yet in force can be cancelled."), code="agreement_in_force")
        before = {"status": agreement.status}
        _move(agreement, AgreementStatus.CANCELLED)
        agreement.cancelled_reason = reason
        agreement.save()
        audit.record(
            user,
            "grant_agreement.cancelled",
            agreement,
            before=before,
            after={"status": agreement.status},
            data={"reason": reason},
        )
    return agreement
