"""Every change to a programme, its versions and allocations: permission, rules, transaction, audit event."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from subsidia.core import approvals, audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.money import AmountError, parse_amount, rate_of, rate_within
from subsidia.reference.figures import cofinancing_cap
from subsidia.reference.models import Fund, ImplementationModality, SpecificObjective

from . import selectors
from .constants import VERSION_TRANSITIONS, VersionStatus
from .models import CCI_PATTERN, Allocation, Programme, ProgrammeVersion, Region

VERSION_TEXT_FIELDS = (
    "title_nl",
    "title_fr",
    "title_en",
    "eligibility_start",
    "eligibility_end",
    "amendment_reason",
    "justification_min_share_so1",
    "justification_min_share_so2",
    "justification_operating_support",
)
ALLOCATION_FIELDS = (
    "specific_objective",
    "region",
    "implementation_modality",
    "year",
    "eu_contribution",
    "national_contribution",
    "cofinancing_rate",
)


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("Your role does not allow this."))


def _move(version: ProgrammeVersion, to: str):
    if to not in VERSION_TRANSITIONS[VersionStatus(version.status)]:
        raise Conflict(
            _("A version that is “%(status)s” cannot become “%(to)s”.")
            % {"status": version.get_status_display(), "to": VersionStatus(to).label},
            code="transition_not_allowed",
        )
    version.status = to


def _locked(version: ProgrammeVersion) -> ProgrammeVersion:
    return (
        ProgrammeVersion.objects.select_for_update(of=("self",))
        .select_related("programme", "programme__fund")
        .get(pk=version.pk)
    )


# --- Programmes ---------------------------------------------------------------------------------------------


def _check_cci(cci: str, fund: Fund, member_state: str) -> dict:
    errors = {}
    match = CCI_PATTERN.match(cci or "")
    if not match:
        errors["cci"] = _(
            "A CCI code has the form 2021BE65AMPR001: year, country code, fund number, programme type, sequence."
        )
    elif match["country"] != member_state:
        errors["cci"] = _("The CCI code names member state %(code)s, not %(ms)s.") % {
            "code": match["country"],
            "ms": member_state,
        }
    elif not (fund.period_start <= int(match["year"]) <= fund.period_end):
        errors["cci"] = _("The CCI year lies outside the fund's period %(start)s-%(end)s.") % {
            "start": fund.period_start,
            "end": fund.period_end,
        }
    return errors


def programme_create(
    user,
    *,
    cci: str,
    fund: Fund,
    member_state: str,
    title_nl: str,
    title_fr: str = "",
    title_en: str = "",
    eligibility_start: dt.date | None = None,
    eligibility_end: dt.date | None = None,
) -> Programme:
    _require(user, "programmes.add_programme")
    member_state = (member_state or "").strip().upper()
    errors = {}
    if len(member_state) != 2 or not member_state.isalpha():
        errors["member_state"] = _("Enter the two-letter code of the member state (BE).")
    else:
        errors.update(_check_cci(cci, fund, member_state))
    if Programme.objects.filter(cci=cci).exists():
        errors["cci"] = _("A programme with this CCI code already exists.")
    eligibility_start = eligibility_start or fund.eligibility_start
    eligibility_end = eligibility_end or fund.eligibility_end
    errors.update(_eligibility_errors(fund, eligibility_start, eligibility_end))
    if not (title_nl or "").strip():
        errors["title_nl"] = _("The title in the official language is required.")
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        now = clock.now()
        programme = Programme.objects.create(cci=cci, fund=fund, member_state=member_state, created_at=now)
        version = ProgrammeVersion.objects.create(
            programme=programme,
            number=1,
            title_nl=title_nl,
            title_fr=title_fr,
            title_en=title_en,
            eligibility_start=eligibility_start,
            eligibility_end=eligibility_end,
            created_at=now,
            created_by=user,
        )
        programme.current_version = version
        programme.save(update_fields=["current_version"])
        audit.record(
            user,
            "programme.created",
            programme,
            after={"cci": cci, "fund": fund.code, "member_state": member_state, "title_nl": title_nl},
        )
    return programme


def _eligibility_errors(fund: Fund, start, end) -> dict:
    errors = {}
    if start and start < fund.eligibility_start:
        errors["eligibility_start"] = _("Expenditure is eligible from %(date)s at the earliest (%(source)s).") % {
            "date": fund.eligibility_start.isoformat(),
            "source": fund.eligibility_source,
        }
    if end and end > fund.eligibility_end:
        errors["eligibility_end"] = _("Expenditure is eligible until %(date)s at the latest (%(source)s).") % {
            "date": fund.eligibility_end.isoformat(),
            "source": fund.eligibility_source,
        }
    if start and end and start > end:
        errors["eligibility_end"] = _("The end of eligibility comes after its start.")
    return errors


def version_update(user, version: ProgrammeVersion, **changes) -> ProgrammeVersion:
    """Edit a draft version's texts and dates; a substantive change clears a committee approval."""
    _require(user, "programmes.change_programmeversion", version)
    unknown = set(changes) - set(VERSION_TEXT_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in unknown})
    with transaction.atomic():
        version = _locked(version)
        if not version.is_editable:
            raise Conflict(_("Only a draft version can be edited; amend the programme instead."), code="not_draft")
        previous_hash = approvals.current_hash(version)
        before = audit.snapshot(version, changes)
        for key, value in changes.items():
            setattr(version, key, value)
        errors = _eligibility_errors(version.programme.fund, version.eligibility_start, version.eligibility_end)
        if not (version.title_nl or "").strip():
            errors["title_nl"] = _("The title in the official language is required.")
        if errors:
            raise RuleViolation(errors=errors)
        version.save()
        audit.record(user, "programme_version.updated", version, before=before, after=audit.snapshot(version, changes))
        approvals.after_change(user, version, previous_hash=previous_hash)
    return version


def version_submit_to_commission(
    user, version: ProgrammeVersion, *, submitted_on: dt.date | None = None
) -> ProgrammeVersion:
    """Send a version to the Commission (through SFC2021; ``submitted_on`` records the day, today by default).

    An amendment needs the committee's approval of its exact content (CPR art. 40(2)); every budget-share
    warning needs a written justification (AMIF art. 16(3), art. 21).
    """
    _require(user, "programmes.submit_programmeversion", version)
    submitted_on = submitted_on or clock.today()
    if submitted_on > clock.today():
        raise RuleViolation(errors={"submitted_on": _("A submission date cannot lie in the future.")})
    with transaction.atomic():
        version = _locked(version)
        if version.status != VersionStatus.DRAFT:
            _move(version, VersionStatus.SUBMITTED)  # raises: only a draft can be submitted
        if not version.allocations.exists():
            raise Conflict(_("A programme without allocations cannot be submitted."), code="empty_budget")
        unjustified = [w for w in selectors.budget_warnings(version) if not w.justified]
        if unjustified:
            raise Conflict(
                _("Write a justification first: %(warnings)s")
                % {"warnings": "; ".join(w.message for w in unjustified)},
                code="unjustified_warning",
            )
        if version.is_amendment:
            approvals.require_approved(version)
        _move(version, VersionStatus.SUBMITTED)
        version.submitted_on = submitted_on
        version.save(update_fields=["status", "submitted_on"])
        audit.record(
            user,
            "programme_version.submitted",
            version,
            before={"status": VersionStatus.DRAFT},
            after={"status": version.status, "submitted_on": submitted_on},
            data={"content_hash": approvals.current_hash(version)},
        )
    return version


def version_return_to_draft(user, version: ProgrammeVersion, *, reason: str) -> ProgrammeVersion:
    """The Commission sent the version back with observations."""
    _require(user, "programmes.submit_programmeversion", version)
    if not (reason or "").strip():
        raise RuleViolation(errors={"reason": _("Say why the version returns to draft.")})
    with transaction.atomic():
        version = _locked(version)
        _move(version, VersionStatus.DRAFT)
        version.save(update_fields=["status"])
        audit.record(
            user,
            "programme_version.returned",
            version,
            before={"status": VersionStatus.SUBMITTED},
            after={"status": VersionStatus.DRAFT},
            data={"reason": reason},
        )
    return version


def version_adopt(user, version: ProgrammeVersion, *, decision_number: str, decision_date: dt.date) -> ProgrammeVersion:
    """Record the Commission's decision adopting the version; the version it replaces stays readable."""
    _require(user, "programmes.record_decision_programmeversion", version)
    errors = {}
    if not (decision_number or "").strip():
        errors["decision_number"] = _("Enter the number of the Commission decision, e.g. C(2022) 8028.")
    if not decision_date:
        errors["decision_date"] = _("Enter the date of the Commission decision.")
    elif decision_date > clock.today():
        errors["decision_date"] = _("A decision date cannot lie in the future.")
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        version = _locked(version)
        _move(version, VersionStatus.ADOPTED)
        if version.submitted_on and decision_date < version.submitted_on:
            raise RuleViolation(errors={"decision_date": _("The decision cannot come before the submission.")})
        programme = Programme.objects.select_for_update().get(pk=version.programme_id)
        previous = programme.current_version
        if previous and previous.pk != version.pk and previous.status == VersionStatus.ADOPTED:
            previous.status = VersionStatus.SUPERSEDED
            previous.save(update_fields=["status"])
            audit.record(
                user,
                "programme_version.superseded",
                previous,
                before={"status": VersionStatus.ADOPTED},
                after={"status": VersionStatus.SUPERSEDED},
                data={"by_version": version.number},
            )
        version.commission_decision_number = decision_number.strip()
        version.commission_decision_date = decision_date
        version.save(update_fields=["status", "commission_decision_number", "commission_decision_date"])
        programme.current_version = version
        programme.save(update_fields=["current_version"])
        audit.record(
            user,
            "programme_version.adopted",
            version,
            before={"status": VersionStatus.SUBMITTED},
            after={
                "status": VersionStatus.ADOPTED,
                "commission_decision_number": decision_number,
                "commission_decision_date": decision_date,
            },
        )
    return version


def programme_amend(user, programme: Programme, *, reason: str) -> ProgrammeVersion:
    """Start an amendment: a new draft version with a copy of the budget in force."""
    _require(user, "programmes.amend_programme", programme)
    if not (reason or "").strip():
        raise RuleViolation(errors={"reason": _("Say why the programme is amended.")})
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        base = programme.current_version
        if base is None or base.status != VersionStatus.ADOPTED:
            raise Conflict(_("Only an adopted programme can be amended."), code="not_adopted")
        if programme.open_version():
            raise Conflict(_("An amendment is already in preparation."), code="amendment_open")
        version = ProgrammeVersion.objects.create(
            programme=programme,
            number=base.number + 1,
            based_on=base,
            **{f: getattr(base, f) for f in VERSION_TEXT_FIELDS if f != "amendment_reason"},
            amendment_reason=reason,
            created_at=clock.now(),
            created_by=user,
        )
        Allocation.objects.bulk_create(
            Allocation(version=version, **{f: getattr(a, f) for f in ALLOCATION_FIELDS}) for a in base.allocations.all()
        )
        audit.record(
            user,
            "programme.amendment_started",
            version,
            after={"number": version.number, "reason": reason},
            data={"based_on": base.number},
        )
    return version


# --- Allocations -------------------------------------------------------------------------------------------


def validate_allocation(version: ProgrammeVersion, data: dict, *, instance: Allocation | None = None) -> dict:
    """Check one allocation against the fund's rules; returns clean values (amounts, derived rate)."""
    errors = {}
    fund = version.programme.fund
    objective = data.get("specific_objective")
    modality = data.get("implementation_modality")
    region = data.get("region")
    year = data.get("year")
    if not isinstance(objective, SpecificObjective) or objective.fund_id != fund.pk:
        errors["specific_objective"] = _("Choose a specific objective of the %(fund)s.") % {"fund": fund.code}
    if not isinstance(modality, ImplementationModality):
        errors["implementation_modality"] = _("Choose an implementation modality.")
    if not isinstance(region, Region):
        errors["region"] = _("Choose a region or delegated body.")
    try:
        year = int(year)
    except (TypeError, ValueError):
        errors["year"] = _("Enter a year.")
    else:
        if not fund.period_start <= year <= fund.period_end:
            errors["year"] = _("The year must lie within the programming period %(start)s-%(end)s.") % {
                "start": fund.period_start,
                "end": fund.period_end,
            }
    amounts = {}
    for key in ("eu_contribution", "national_contribution"):
        try:
            amounts[key] = parse_amount(data.get(key))
        except AmountError:
            errors[key] = _("Enter an amount in euro with at most two decimals.")
            continue
        if amounts[key] < 0:
            errors[key] = _("An amount cannot be negative.")
    clean = {"specific_objective": objective, "implementation_modality": modality, "region": region, "year": year}
    if len(amounts) == 2 and not errors.keys() & amounts.keys():
        eu, national = amounts["eu_contribution"], amounts["national_contribution"]
        total = eu + national
        rate = rate_of(eu, total)
        given = data.get("cofinancing_rate")
        if given not in (None, ""):
            try:
                given = Decimal(str(given))
            except ArithmeticError:
                given = None
            if given is None or given.quantize(Decimal("0.0001")) != rate:
                errors["cofinancing_rate"] = _(
                    "The rate must equal EU ÷ (EU + national) = %(rate)s; leave it empty to derive it."
                ) % {"rate": rate}
        if isinstance(modality, ImplementationModality):
            cap = cofinancing_cap(modality)
            if cap.max_rate is not None and not rate_within(eu, total, cap.max_rate):
                errors["eu_contribution"] = _(
                    "The EU share may not exceed %(max)s %% for this modality (%(basis)s); it is %(rate)s %%."
                ) % {
                    "max": (cap.max_rate * 100).normalize(),
                    "basis": cap.legal_basis,
                    "rate": (Decimal(eu) * 100 / total).quantize(Decimal("0.01")) if total else 0,
                }
        clean.update(eu_contribution=eu, national_contribution=national, cofinancing_rate=rate)
    if not errors:
        clash = Allocation.objects.filter(
            version=version, specific_objective=objective, region=region, implementation_modality=modality, year=year
        )
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            errors["__all__"] = _(
                "This version already has an allocation for this objective, region, modality and year."
            )
    if errors:
        raise RuleViolation(errors=errors)
    return clean


def _editable_version(user, version) -> ProgrammeVersion:
    _require(user, "programmes.change_allocation", version)
    version = _locked(version)
    if not version.is_editable:
        raise Conflict(
            _("Only a draft version's budget can be changed; amend the programme instead."), code="not_draft"
        )
    return version


def allocation_create(user, version: ProgrammeVersion, **data) -> Allocation:
    with transaction.atomic():
        version = _editable_version(user, version)
        previous_hash = approvals.current_hash(version)
        clean = validate_allocation(version, data)
        try:
            with transaction.atomic():
                allocation = Allocation.objects.create(version=version, **clean)
        except IntegrityError as exc:
            raise RuleViolation(_("The allocation breaks a rule of the database: %(error)s") % {"error": exc}) from exc
        audit.record(
            user,
            "allocation.created",
            allocation,
            after=audit.snapshot(allocation, ALLOCATION_FIELDS),
            data={"version": version.pk},
        )
        approvals.after_change(user, version, previous_hash=previous_hash)
    return allocation


def allocation_update(user, allocation: Allocation, **data) -> Allocation:
    with transaction.atomic():
        version = _editable_version(user, allocation.version)
        allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
        previous_hash = approvals.current_hash(version)
        merged = {f: getattr(allocation, f) for f in ALLOCATION_FIELDS if f != "cofinancing_rate"}
        merged.update(data)
        clean = validate_allocation(version, merged, instance=allocation)
        before = audit.snapshot(allocation, ALLOCATION_FIELDS)
        for key, value in clean.items():
            setattr(allocation, key, value)
        allocation.save()
        audit.record(
            user,
            "allocation.updated",
            allocation,
            before=before,
            after=audit.snapshot(allocation, ALLOCATION_FIELDS),
            data={"version": version.pk},
        )
        approvals.after_change(user, version, previous_hash=previous_hash)
    return allocation


def allocation_delete(user, allocation: Allocation) -> None:
    with transaction.atomic():
        version = _editable_version(user, allocation.version)
        previous_hash = approvals.current_hash(version)
        before = audit.snapshot(allocation, ALLOCATION_FIELDS)
        label = ("programmes.allocation", str(allocation.pk))
        allocation.delete()
        audit.record(user, "allocation.deleted", label, before=before, data={"version": version.pk})
        approvals.after_change(user, version, previous_hash=previous_hash)


# --- Regions -----------------------------------------------------------------------------------------------


def region_upsert(user, *, code: str, kind: str, name_nl: str, name_fr: str, name_en: str, nuts=None) -> Region:
    _require(user, "programmes.change_region")
    with transaction.atomic():
        region, created = Region.objects.update_or_create(
            code=code, defaults={"kind": kind, "name_nl": name_nl, "name_fr": name_fr, "name_en": name_en, "nuts": nuts}
        )
        audit.record(
            user,
            "region.created" if created else "region.updated",
            region,
            after=audit.snapshot(region, ["code", "kind", "name_nl", "name_fr", "name_en", "nuts"]),
        )
    return region
