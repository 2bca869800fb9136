"""Starting and editing a draft application: the project fields, the co-financing plan, the declarations."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.calls.constants import CallStatus, CostOptionKind, EffectiveStatus
from subsidia.calls.models import Call
from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation

from .. import budgeting
from ..constants import ApplicationStatus
from ..models import Application, AppliedFlatRate, Organisation
from .common import amount, fail_if, require, text

TEXT_LIMITS = {
    "title": 200,
    "acronym": 30,
    "summary": 3000,
    "objectives": 6000,
    "target_group_description": 4000,
    "other_public_funding_source": 300,
}
EDITABLE_FIELDS = (
    *TEXT_LIMITS,
    "start_date",
    "end_date",
    "cofinancing_rate",
    "own_contribution",
    "other_public_funding",
    "draft_budget",
)
AUDITED_FIELDS = (*EDITABLE_FIELDS, "total_eligible_cost", "eu_grant_requested")


def eligibility_period(call: Call) -> tuple[dt.date | None, dt.date | None]:
    """The programme's eligibility period (the version in force), within which the project runs."""
    version = call.programme.current_version
    if version is None:
        return None, None
    return version.eligibility_start, version.eligibility_end


def locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "organisation")
        .get(pk=application.pk)
    )


def editable(user, application: Application) -> Application:
    """Lock the application for a change; only a draft changes, and only by its organisation's members."""
    require(user, "applications.change_application", application)
    application = locked(application)
    if application.status != ApplicationStatus.DRAFT:
        raise Conflict(_("A submitted application can no longer be changed."), code="not_draft")
    return application


def touch(application: Application) -> None:
    application.updated_at = clock.now()
    application.save(update_fields=["updated_at"])


def default_flat_rates(call: Call) -> list[tuple[str, Decimal]]:
    """The call's flat rates in the call's order, skipping any that cannot combine with those taken."""
    chosen: list[tuple[str, Decimal]] = []
    for option in call.cost_options.filter(kind=CostOptionKind.FLAT_RATE).order_by("position", "id"):
        keys = {k for k, _rate in chosen} | {option.flat_rate}
        if not budgeting.combination_problems(keys):
            chosen.append((option.flat_rate, option.rate))
    return chosen


def application_create(user, *, organisation: Organisation, call: Call, title: str) -> Application:
    """Start a draft for a published call that has not closed yet."""
    require(user, "applications.add_application", organisation)
    errors: dict = {}
    title = text(title, max_length=200, field="title", required=True, errors=errors)
    fail_if(errors)
    with transaction.atomic():
        call = Call.objects.select_related("programme__current_version").get(pk=call.pk)
        state = call.effective_status()
        if call.status != CallStatus.PUBLISHED or state == EffectiveStatus.CLOSED:
            raise Conflict(
                _("Applications can only be started for a published call that has not closed."),
                code="call_not_open",
            )
        now = clock.now()
        application = Application.objects.create(
            call=call,
            organisation=organisation,
            title=title,
            cofinancing_rate=call.cofinancing_rate,
            created_at=now,
            created_by=user,
            updated_at=now,
        )
        AppliedFlatRate.objects.bulk_create(
            AppliedFlatRate(application=application, kind=key, rate=rate) for key, rate in default_flat_rates(call)
        )
        audit.record(
            user,
            "application.created",
            application,
            after={"call": call.reference, "organisation": organisation.pk, "title": title},
        )
    return application


def _date(value, field, errors):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors[field] = _("Enter a date as YYYY-MM-DD.")
        return None


def _amount(value, field, errors) -> Decimal | None:
    return Decimal("0.00") if value in (None, "") else amount(value, field, errors)


def validate_changes(application: Application, changes: dict) -> dict:
    """Clean the general fields; refuse what breaks a rule whatever the rest of the form says."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in unknown})
    errors: dict = {}
    clean = {}
    for key, limit in TEXT_LIMITS.items():
        if key in changes:
            clean[key] = text(changes[key], max_length=limit, field=key, required=key == "title", errors=errors)
    for key in ("start_date", "end_date"):
        if key in changes:
            clean[key] = _date(changes[key], key, errors)
    for key in ("own_contribution", "other_public_funding"):
        if key in changes:
            clean[key] = _amount(changes[key], key, errors)
    if "draft_budget" in changes:
        clean["draft_budget"] = bool(changes["draft_budget"])
        if clean["draft_budget"] and not application.call.draft_budget_allowed:
            errors["draft_budget"] = _("This call does not accept a draft budget (CPR art. 53(3)(b)).")
    if "cofinancing_rate" in changes:
        try:
            rate = Decimal(str(changes["cofinancing_rate"]).strip())
            if not rate.is_finite() or not 0 <= rate <= 1:
                raise ValueError(rate)
            rate = rate.quantize(Decimal("0.0001"))
        except (ArithmeticError, ValueError):
            errors["cofinancing_rate"] = _("Enter the rate as a fraction between 0 and 1, e.g. 0.75 for 75 %.")
        else:
            if rate <= 0:
                errors["cofinancing_rate"] = _("The rate must be above zero.")
            elif rate > application.call.cofinancing_rate:
                errors["cofinancing_rate"] = _(
                    "The rate cannot exceed the call's co-financing rate of %(rate)s %%."
                ) % {"rate": (application.call.cofinancing_rate * 100).normalize()}
            clean["cofinancing_rate"] = rate
    start = clean.get("start_date", application.start_date)
    end = clean.get("end_date", application.end_date)
    first, last = eligibility_period(application.call)
    if start and first and start < first:
        errors["start_date"] = _("The project cannot start before the eligibility period begins (%(date)s).") % {
            "date": first.isoformat()
        }
    if end and last and end > last:
        errors["end_date"] = _("The project must end within the eligibility period, by %(date)s.") % {
            "date": last.isoformat()
        }
    if start and end and start > end:
        errors["end_date"] = _("The end date comes after the start date.")
    fail_if(errors)
    return clean


def application_update(user, application: Application, **changes) -> Application:
    from .budget import recompute

    with transaction.atomic():
        application = editable(user, application)
        clean = validate_changes(application, changes)
        before = audit.snapshot(application, AUDITED_FIELDS)
        for key, value in clean.items():
            setattr(application, key, value)
        application.updated_at = clock.now()
        application.save()
        if "cofinancing_rate" in clean:
            recompute(application)
        after = audit.snapshot(application, AUDITED_FIELDS)
        changed = sorted(k for k in after if after[k] != before[k])
        if changed:
            audit.record(
                user,
                "application.updated",
                application,
                before={k: before[k] for k in changed},
                after={k: after[k] for k in changed},
            )
    return application


def cofinancing_balance(user, application: Application) -> Application:
    """Let the own contribution cover what the EU grant and other public funding leave of the total."""
    with transaction.atomic():
        application = editable(user, application)
        rest = application.total_eligible_cost - application.eu_grant_requested - application.other_public_funding
        if rest < 0:
            raise RuleViolation(
                errors={
                    "other_public_funding": _(
                        "The EU grant and the other public funding already exceed the total eligible cost."
                    )
                }
            )
        before = application.own_contribution
        application.own_contribution = rest
        application.updated_at = clock.now()
        application.save(update_fields=["own_contribution", "updated_at"])
        audit.record(
            user,
            "application.updated",
            application,
            before={"own_contribution": before},
            after={"own_contribution": rest},
        )
    return application


def application_declare(
    user, application: Application, *, on_honour: bool, no_double_funding: bool, not_completed: bool
) -> Application:
    """A signatory makes (or takes back) the declarations on the organisation's behalf."""
    require(user, "applications.sign_application", application)
    with transaction.atomic():
        application = editable(user, application)
        values = {
            "declared_on_honour": bool(on_honour),
            "declared_no_double_funding": bool(no_double_funding),
            "declared_not_completed": bool(not_completed),
        }
        before = audit.snapshot(application, values)
        for key, value in values.items():
            setattr(application, key, value)
        application.declared_by = user
        application.declared_at = clock.now()
        application.updated_at = application.declared_at
        application.save()
        audit.record(user, "application.declarations_made", application, before=before, after=values)
    return application


def application_delete(user, application: Application) -> None:
    """A draft that will not be submitted can be thrown away; a submitted application never."""
    with transaction.atomic():
        application = editable(user, application)
        label = ("applications.application", str(application.pk))
        before = {
            "title": application.title,
            "call": application.call.reference,
            "organisation": application.organisation_id,
        }
        from .attachments import discard_on_commit

        for attachment in application.attachments.all():
            discard_on_commit(attachment)
        application.delete()
        audit.record(user, "application.deleted", label, before=before)
