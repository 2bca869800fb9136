"""Operations from an approved selection decision: one per selected application, idempotent.

The decision itself lives in ``assessment``; this stage reads it (never the reverse). The service takes plain
``Selection`` rows so it does not depend on how assessment stores its lines; ``operations_create_from_decision``
turns an approved decision's lines into them.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from subsidia.applications.constants import ApplicationStatus
from subsidia.applications.models import Application, BudgetLine
from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.fields import MoneyField
from subsidia.core.money import eu_share, rate_within
from subsidia.reference.figures import cofinancing_cap

from ..models import Operation, OperationBudgetLine, OperationIndicatorTarget
from .codes import code_prefix, next_code
from .common import figures, require


@dataclass(frozen=True)
class Selection:
    """One selected application with the figures the decision granted."""

    application: Application
    eu_amount: Decimal
    total_eligible_cost: Decimal
    total_cost: Decimal
    cofinancing_rate: Decimal
    rank: int | None = None


def _decision_lines(decision) -> list[Selection]:
    from subsidia.assessment import selectors as assessment_selectors

    return [
        Selection(
            application=line.application,
            eu_amount=line.eu_amount,
            total_eligible_cost=line.total_eligible_cost,
            total_cost=line.total_cost,
            cofinancing_rate=line.cofinancing_rate,
            rank=line.rank,
        )
        for line in assessment_selectors.selected_lines(decision)
    ]


def operations_create_from_decision(actor, decision) -> list[Operation]:
    """Called (through the signal) inside the approval transaction of ``decision``."""
    at = getattr(decision, "approved_at", None) or clock.now()
    return operations_create(actor, _decision_lines(decision), decision=decision, at=at)


def operations_create(actor, selections, *, decision=None, at=None) -> list[Operation]:
    """Create the operations of ``selections``; an application that already has one keeps it (idempotent).

    Refuses (and so rolls back the caller's whole transaction) when a figure cannot be true: the EU amount
    above the eligible cost or the call's rate or its modality's cap, an application not submitted or of
    another call than the decision's.
    """
    require(actor, "projects.create_operation")
    at = at or clock.now()
    created = []
    with transaction.atomic():
        for selection in selections:
            if Operation.objects.filter(application_id=selection.application.pk).exists():
                continue
            created.append(_create_one(actor, selection, decision=decision, at=at))
    return created


def _check(selection: Selection, application: Application, decision) -> None:
    call = application.call
    reference = application.reference or str(application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise Conflict(
            _("Application %(ref)s is not a submitted application; it cannot become an operation.")
            % {"ref": reference},
            code="application_not_submitted",
        )
    if decision is not None and getattr(decision, "call_id", call.pk) != call.pk:
        raise Conflict(_("Application %(ref)s belongs to another call.") % {"ref": reference}, code="other_call")
    if not (application.start_date and application.end_date):
        raise RuleViolation(_("Application %(ref)s has no start and end date.") % {"ref": reference})
    eu, eligible, total = selection.eu_amount, selection.total_eligible_cost, selection.total_cost
    if not (Decimal(0) < eu <= eligible <= total):
        raise RuleViolation(
            _(
                "Application %(ref)s: the EU grant must be positive and at most the eligible cost, "
                "itself at most the total cost."
            )
            % {"ref": reference}
        )
    if eu > eu_share(eligible, call.cofinancing_rate):
        raise RuleViolation(
            _("Application %(ref)s: the EU grant exceeds the call's co-financing rate of the eligible cost.")
            % {"ref": reference}
        )
    cap = cofinancing_cap(call.implementation_modality)
    if cap.max_rate is not None and not rate_within(eu, eligible, cap.max_rate):
        raise RuleViolation(
            _("Application %(ref)s: the EU grant exceeds the co-financing cap of %(basis)s.")
            % {"ref": reference, "basis": cap.legal_basis}
        )
    if eu + application.other_public_funding > eligible:
        raise RuleViolation(
            _("Application %(ref)s: the EU grant and the other public funding exceed the eligible cost.")
            % {"ref": reference}
        )


def _location(application: Application) -> dict:
    """Art. 49(3)(l)-(m): where the operation takes place; a multi-location operation shows its beneficiary's."""
    organisation = application.organisation
    locations = list(application.locations.select_related("nuts").order_by("postcode", "municipality"))
    # The postcode has a field of its own: one place is named by its municipality alone, so that the published
    # location does not repeat it ("3600, Genk", not "3600, 3600 Genk"); several places each keep theirs.
    if len(locations) == 1:
        described = locations[0].municipality
    else:
        described = "; ".join(f"{place.postcode} {place.municipality}" for place in locations)
    if locations and len({place.nuts_id for place in locations}) == 1:
        first = locations[0]
        return {"postcode": first.postcode, "nuts": first.nuts, "country": "BE", "location_text": described[:300]}
    return {
        "postcode": organisation.postcode,
        "nuts": organisation.nuts,
        "country": organisation.country or "BE",
        "location_text": (described or organisation.city)[:300],
    }


def _texts(application: Application) -> dict:
    language = settings.SUBSIDIA_OFFICIAL_LANGUAGE
    purpose = "\n\n".join(part for part in (application.summary.strip(), application.objectives.strip()) if part)
    purpose = purpose or application.title
    texts = {"name": application.title[:300], "purpose": purpose}
    if language in ("nl", "fr", "en"):
        texts[f"name_{language}"] = texts["name"]
        texts[f"purpose_{language}"] = purpose
    return texts


def _create_one(actor, selection: Selection, *, decision, at) -> Operation:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call", "call__programme", "call__programme__fund", "call__region", "organisation")
        .get(pk=selection.application.pk)
    )
    _check(selection, application, decision)
    call = application.call
    programme = call.programme
    organisation = application.organisation
    year = clock.to_local(at).year
    operation = Operation(
        code=next_code(code_prefix(programme.fund.code, call.region.code, year)),
        programme=programme,
        region=call.region,
        call=call,
        application=application,
        beneficiary=organisation,
        beneficiary_name=organisation.legal_name,
        start_date=application.start_date,
        end_date=application.end_date,
        total_cost=selection.total_cost,
        total_eligible_cost=selection.total_eligible_cost,
        eu_contribution=selection.eu_amount,
        cofinancing_rate=selection.cofinancing_rate,
        other_public_funding=application.other_public_funding,
        # What the EU does not pay (more when funded partially) the beneficiary pays: the plan adds up.
        own_contribution=selection.total_eligible_cost - selection.eu_amount - application.other_public_funding,
        fund=programme.fund,
        specific_objective=call.specific_objective,
        # One code per operation (art. 49(3)(n)); with several in the call the first, correctable by an officer.
        intervention_field=call.intervention_fields.order_by("code").first(),
        action_type=call.action_type,
        implementation_modality=call.implementation_modality,
        selected_at=at,
        is_demo=application.is_demo,
        created_at=clock.now(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        updated_at=clock.now(),
        **_texts(application),
        **_location(application),
    )
    operation.save()
    operation.priorities.set(call.priorities.all())
    _copy_budget(application, operation)
    _copy_targets(application, operation)
    audit.record(
        actor,
        "operation.created",
        operation,
        after={"code": operation.code, **figures(operation)},
        data={
            "application": application.reference,
            "decision": getattr(decision, "pk", None),
            "rank": selection.rank,
            "beneficiary": operation.beneficiary_name,
        },
    )
    return operation


def _copy_budget(application: Application, operation: Operation) -> None:
    rows = (
        BudgetLine.objects.filter(application=application)
        .values("category", "year")
        .annotate(sum_amount=Coalesce(Sum("amount"), Value(0), output_field=MoneyField()))
        .order_by("year", "category")
    )
    OperationBudgetLine.objects.bulk_create(
        OperationBudgetLine(operation=operation, category=row["category"], year=row["year"], amount=row["sum_amount"])
        for row in rows
    )


def _copy_targets(application: Application, operation: Operation) -> None:
    fields = OperationIndicatorTarget.BREAKDOWN_FIELDS
    OperationIndicatorTarget.objects.bulk_create(
        OperationIndicatorTarget(
            operation=operation,
            indicator_id=target.indicator_id,
            target=target.target,
            by_age_and_gender=target.by_age_and_gender,
            **{name: getattr(target, name) for name in fields},
        )
        for target in application.indicator_targets.all()
    )
