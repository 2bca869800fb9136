"""What the public sees of an operation: one field map for the public API, and the place where later stages
withhold what the law protects.

``public_fields(operation)`` builds the public record. The transparency stage registers *withholders* — a
"publication restricted" operation loses its beneficiary and location, a natural person's name disappears two
years after first publication (CPR art. 49(3)(b)) — with ``register_withholder(function)`` from its
``AppConfig.ready()``; each receives the operation and the record and returns the record to publish. Amounts
always stay (they count in every total). ``register_queryset_hook`` lets the same stage add what its withholders
read (``select_related`` of its own tables) to the public queryset.
"""

from collections.abc import Callable

from .models import Operation

# Fields a withholder may blank (set to None): who and where.
PERSONAL_OR_LOCATION_FIELDS = (
    "beneficiary",
    "beneficiary_identifier",
    "postcode",
    "nuts",
    "nuts_name",
    "location",
    "country",
)

_withholders: list[Callable[[Operation, dict], dict]] = []
_queryset_hooks: list[Callable] = []


def register_withholder(function: Callable[[Operation, dict], dict]) -> None:
    if function not in _withholders:
        _withholders.append(function)


def unregister_withholder(function) -> None:
    if function in _withholders:
        _withholders.remove(function)


def register_queryset_hook(function: Callable) -> None:
    if function not in _queryset_hooks:
        _queryset_hooks.append(function)


def public_queryset(queryset):
    for hook in _queryset_hooks:
        queryset = hook(queryset)
    return queryset


def _base(operation: Operation) -> dict:
    field = operation.intervention_field
    objective = operation.specific_objective
    return {
        "code": operation.code,
        "call": operation.call.reference,
        "beneficiary": operation.beneficiary_name,
        # The enterprise number of a legal entity (KBO/BCE); never a natural person's identifier.
        "beneficiary_identifier": None
        if operation.beneficiary_is_natural_person
        else operation.beneficiary.enterprise_number_display or None,
        "beneficiary_is_natural_person": operation.beneficiary_is_natural_person,
        "name": operation.display_name,
        "purpose": operation.display_purpose,
        "achievements": operation.achievements,
        "start_date": operation.start_date,
        "end_date": operation.expected_or_actual_end_date,
        "expected_end_date": operation.end_date,
        "actual_end_date": operation.actual_end_date,
        "total_cost": operation.total_cost,
        "total_eligible_cost": operation.total_eligible_cost,
        "eu_contribution": operation.eu_contribution,
        "cofinancing_rate": operation.cofinancing_rate,
        "own_contribution": operation.own_contribution,
        "other_public_funding": operation.other_public_funding,
        "fund": operation.fund.code,
        "specific_objective": objective.code,
        "specific_objective_name": objective.short_name,
        "intervention_field": field.code if field else None,
        "intervention_field_name": field.title if field else None,
        "action_type": operation.action_type.code if operation.action_type_id else None,
        "implementation_modality": operation.implementation_modality.code,
        "region": operation.region.code,
        "postcode": operation.postcode or None,
        "nuts": operation.nuts.code if operation.nuts_id else None,
        "nuts_name": operation.nuts.name if operation.nuts_id else None,
        "country": operation.country,
        "location": operation.location_text or None,
        "status": operation.status,
        "selected_at": operation.selected_at,
        "priorities": [priority.code for priority in operation.priorities.all()],
        "withheld": [],
    }


def internal_fields(operation: Operation) -> dict:
    """The same record without withholding: for officers, auditors and the beneficiary itself."""
    return _base(operation)


def public_fields(operation: Operation) -> dict:
    """The public record of ``operation`` after every registered withholder."""
    record = _base(operation)
    for withholder in _withholders:
        record = withholder(operation, record)
    return record


def withhold(record: dict, fields=PERSONAL_OR_LOCATION_FIELDS, reason: str = "") -> dict:
    """Helper for withholders: blank ``fields`` and say which were withheld (and why, when given)."""
    record = dict(record)
    for name in fields:
        if name in record:
            record[name] = None
    record["withheld"] = sorted({*record.get("withheld", []), *fields})
    if reason:
        record["withheld_reason"] = reason
    return record
