"""The list of operations as a 360Giving data package (schema 1.4, copied in ``transparency/schemas/``).

Built from the field map's published rows, so withholding applies as everywhere else: a restricted operation's
recipient is "withheld" under an identifier of its own (never linkable to the organisation), without location;
a natural person is a ``recipientIndividual`` whose name is published only within its period.

- grant ``id``: ``<publisher prefix>-<operation code>``; the prefix is ``SUBSIDIA_360G_PREFIX`` (environment or
  setting), by default ``360G-subsidia``; register your own with 360Giving before publishing.
- recipient ``id``: ``BE-BCE_KBO-<enterprise number>`` for Belgian organisations (org-id.guide list BE-BCE_KBO).
- ``amountAwarded``: the EU contribution; the total cost, the total eligible cost, the co-financing rate and the
  own and other co-financing are in ``additional_data`` (360Giving keeps extra fields there); the planned
  dates in ``plannedDates``.
"""

import json
import os
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from subsidia.core import clock

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
GRANT_SCHEMA = SCHEMA_DIR / "360-giving-schema.json"
PACKAGE_SCHEMA = SCHEMA_DIR / "360-giving-package-schema.json"
SCHEMA_VERSION = "1.4"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def setting(name: str, default: str) -> str:
    return os.environ.get(name) or getattr(settings, name, None) or default


def prefix() -> str:
    return setting("SUBSIDIA_360G_PREFIX", "360G-subsidia").rstrip("-")


def funder() -> dict:
    return {
        "id": setting("SUBSIDIA_360G_FUNDER_ID", f"{prefix()}-managing-authority"),
        "name": setting("SUBSIDIA_360G_FUNDER_NAME", "Managing authority of the AMIF programme"),
    }


def _number(value) -> Decimal:
    return Decimal(str(value))


def _months(start, end) -> int:
    return max((end.year - start.year) * 12 + end.month - start.month + (1 if end.day >= start.day else 0), 0)


def _recipient(row: dict) -> dict:
    code = row["unique_operation_code"]
    if row.get("publication_restricted"):
        return {
            "recipientOrganization": [
                {"id": f"{prefix()}-withheld-{code}", "name": "Withheld (publication restricted)"}
            ]
        }
    if row.get("beneficiary_name") is None and row.get("beneficiary_enterprise_number") is None:
        # A natural person: named only while art. 49(3)(b) allows it.
        name = row.get("beneficiary_first_name_surname") or "Individual recipient"
        return {"recipientIndividual": {"id": f"{prefix()}-individual-{code}", "name": name}}
    number = row.get("beneficiary_enterprise_number")
    identifier = f"BE-BCE_KBO-{number}" if number else f"{prefix()}-organisation-{code}"
    return {"recipientOrganization": [{"id": identifier, "name": row.get("beneficiary_name") or ""}]}


def grant(row: dict, modified: str) -> dict:
    start, end = row["start_date"], row["end_date"]
    item = {
        "id": f"{prefix()}-{row['unique_operation_code']}",
        "title": row["operation_name"],
        "description": row["purpose_and_achievements"],
        "currency": "EUR",
        "amountAwarded": _number(row["eu_contribution"]),
        "awardDate": row["selection_date"].isoformat(),
        "plannedDates": [{"startDate": start.isoformat(), "endDate": end.isoformat(), "duration": _months(start, end)}],
        **_recipient(row),
        "fundingOrganization": [funder()],
        "grantProgramme": [{"code": row["call"] or "", "title": row["call"] or ""}],
        "classifications": [
            {
                "vocabulary": f"{row['fund']} specific objective",
                "code": row["specific_objective"] or "",
                "title": row["specific_objective"],
            },
        ],
        "fromOpenCall": "Yes",
        "dateModified": modified,
        "additional_data": {
            "listOfOperationsCode": row["unique_operation_code"],
            "fund": row["fund"],
            "totalCost": _number(row["total_cost"]),
            "totalEligibleCost": _number(row["total_eligible_cost"]),
            "euContribution": _number(row["eu_contribution"]),
            "euCofinancingRate": _number(row["union_cofinancing_rate"]),
            "ownContribution": _number(row["own_contribution"]),
            "otherPublicFunding": _number(row["other_public_funding"]),
            "typeOfIntervention": row.get("type_of_intervention"),
        },
    }
    if row.get("type_of_intervention"):
        item["classifications"].append(
            {
                "vocabulary": "AMIF Annex VI intervention field",
                "code": row["type_of_intervention"].split(" ")[0],
                "title": row["type_of_intervention"],
            }
        )
    if not row.get("publication_restricted") and (row.get("nuts") or row.get("country")):
        location = {"countryCode": row.get("country") or None}
        if row.get("nuts"):
            location.update(id=f"NUTS-{row['nuts']}", geoCode=row["nuts"], geoCodeType="NUTS")
        if row.get("location_or_geolocation_and_country"):
            location["name"] = row["location_or_geolocation_and_country"]
        item["beneficiaryLocation"] = [location]
    return item


# Amounts are JSON numbers written from their exact decimal text, never through a float: each Decimal becomes a
# marker string (NUL cannot occur in stored text: core's middleware refuses it) that is then unquoted.
_MARKER = "\x00num:"
_MARKED = re.compile(r'"\\u0000num:(-?[0-9]+(?:\.[0-9]+)?)"')


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Decimal):
            return _MARKER + str(o)
        return super().default(o)


def _dumps(value) -> str:
    return _MARKED.sub(r"\1", json.dumps(value, cls=_Encoder, ensure_ascii=False))


def package_meta(title: str = "") -> dict:
    now = clock.now().replace(microsecond=0).isoformat()
    return {
        "version": SCHEMA_VERSION,
        "title": title or "List of operations (CPR art. 49(3)) as 360Giving data",
        "issued": clock.today().isoformat(),
        "modified": now,
        "identifier": f"{prefix()}-list-of-operations-{clock.today().isoformat()}",
        "publisher": {"identifier": funder()["id"], "name": funder()["name"]},
        "license": LICENSE,
    }


def package_chunks(rows: Iterable[dict], *, title: str = "") -> Iterator[bytes]:
    """``{"grants": [...], …metadata}``, one grant at a time (the package must hold at least one grant)."""
    meta = package_meta(title)
    modified = meta["modified"]
    yield b'{"grants": ['
    first = True
    buffer = []
    for row in rows:
        buffer.append(("" if first else ",") + _dumps(grant(row, modified)))
        first = False
        if len(buffer) >= 500:
            yield "".join(buffer).encode()
            buffer = []
    buffer.append("], " + _dumps(meta)[1:])
    yield "".join(buffer).encode()
