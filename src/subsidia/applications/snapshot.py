"""The content of an application as submitted: one JSON document, canonical per RFC 8785 (``core.canonical``).

Everything the managing authority will assess, contract and audit is in it — the organisation as it was
registered at that moment, the call's terms the applicant answered, every line of the budget, the files by
their SHA-256 — so the text alone, and its hash, prove what was submitted.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings

from subsidia.calls.models import official
from subsidia.core.canonical import canonical_json, sha256_text
from subsidia.core.money import CENT

from .models import Application

SCHEMA = "subsidia.application-submission/1"


def _money(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(CENT))


def _rate(value) -> str | None:
    return None if value is None else str(Decimal(value).quantize(Decimal("0.0001")))


def _utc(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat() if value else None


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _organisation(org) -> dict:
    return {
        "id": org.pk,
        "legal_name": org.legal_name,
        "legal_form": org.legal_form,
        "organisation_type": org.organisation_type,
        "enterprise_number": org.enterprise_number,
        "other_identifier": org.other_identifier,
        "vat_number": org.vat_number,
        "vat_recoverable": org.vat_recoverable,
        "street": org.street,
        "postcode": org.postcode,
        "city": org.city,
        "country": org.country,
        "nuts": org.nuts.code if org.nuts_id else None,
        "nuts_from_postcode": org.nuts_from_postcode,
        "email": org.email,
        "phone": org.phone,
        "website": org.website,
    }


def _call(call) -> dict:
    return {
        "id": call.pk,
        "reference": call.reference,
        "title": official(call, "title"),
        "language": settings.SUBSIDIA_OFFICIAL_LANGUAGE,
        "programme": call.programme.cci,
        "specific_objective": call.specific_objective.code,
        "cofinancing_rate": _rate(call.cofinancing_rate),
        "min_grant": _money(call.min_grant),
        "max_grant": _money(call.max_grant),
        "opens_at": _utc(call.opens_at),
        "closes_at": _utc(call.closes_at),
    }


def _budget(app) -> dict:
    lines = [
        {
            "year": x.year,
            "category": x.category,
            "cost_option": x.cost_option,
            "call_option": x.call_option_id,
            "description": x.description,
            "quantity": None if x.quantity is None else str(x.quantity),
            "unit_amount": _money(x.unit_amount),
            "flat_rate": x.flat_rate,
            "rate": _rate(x.rate),
            "amount": _money(x.amount),
        }
        for x in app.budget_lines.order_by("year", "cost_option", "category", "id")
    ]
    return {
        "draft_budget": app.draft_budget,
        "flat_rates": [{"kind": r.kind, "rate": _rate(r.rate)} for r in app.flat_rates.order_by("kind")],
        "lines": lines,
        "total_eligible_cost": _money(app.total_eligible_cost),
    }


def build(app: Application, *, submitted_at: dt.datetime | None, submitted_by) -> dict:
    """The snapshot's content; with ``submitted_at=None`` the same shape shows a draft's current state."""
    return {
        "schema": SCHEMA,
        "application": {
            "id": app.pk,
            "reference": app.reference,
            "title": app.title,
            "acronym": app.acronym,
            "summary": app.summary,
            "objectives": app.objectives,
            "target_group_description": app.target_group_description,
            "start_date": _date(app.start_date),
            "end_date": _date(app.end_date),
        },
        "call": _call(app.call),
        "organisation": _organisation(app.organisation),
        "activities": [
            {
                "position": a.position,
                "title": a.title,
                "description": a.description,
                "deliverables": a.deliverables,
                "start_date": _date(a.start_date),
                "end_date": _date(a.end_date),
            }
            for a in app.activities.order_by("start_date", "position", "id")
        ],
        "target_groups": [{"name": t.name, "expected_people": t.expected_people} for t in app.target_groups.all()],
        "locations": [
            {"postcode": x.postcode, "municipality": x.municipality, "nuts": x.nuts.code}
            for x in app.locations.select_related("nuts").order_by("postcode", "municipality")
        ],
        "partners": [
            {
                "name": p.name,
                "organisation_type": p.organisation_type,
                "enterprise_number": p.enterprise_number,
                "other_identifier": p.other_identifier,
                "country": p.country,
                "role": p.role,
            }
            for p in app.partners.order_by("id")
        ],
        "indicator_targets": [
            {
                "indicator": t.indicator.code,
                "title": t.indicator.title,
                "unit": t.indicator.unit,
                "target": t.target,
                "by_age_and_gender": t.by_age_and_gender,
                "age": {"under_18": t.age_under_18, "18_60": t.age_18_60, "over_60": t.age_over_60},
                "gender": {"women": t.women, "men": t.men, "non_binary": t.non_binary},
            }
            for t in app.indicator_targets.select_related("indicator").order_by("indicator__code")
        ],
        "budget": _budget(app),
        "cofinancing": {
            "total_eligible_cost": _money(app.total_eligible_cost),
            "rate": _rate(app.cofinancing_rate),
            "eu_grant_requested": _money(app.eu_grant_requested),
            "own_contribution": _money(app.own_contribution),
            "other_public_funding": _money(app.other_public_funding),
            "other_public_funding_source": app.other_public_funding_source,
        },
        "declarations": {
            "on_honour": app.declared_on_honour,
            "no_double_funding": app.declared_no_double_funding,
            "not_completed": app.declared_not_completed,
            "declared_by": app.declared_by_id,
            "declared_at": _utc(app.declared_at),
        },
        "attachments": [
            {
                "requirement": a.requirement_id,
                "name": a.original_name,
                "file_type": a.file_type,
                "size": a.size,
                "sha256": a.sha256,
            }
            for a in app.attachments.order_by("uploaded_at", "id")
        ],
        "submitted_at": _utc(submitted_at),
        "submitted_by": None
        if submitted_by is None
        else {"id": submitted_by.pk, "name": submitted_by.get_full_name() or submitted_by.get_username()},
    }


def freeze(content: dict) -> tuple[str, str]:
    """The exact canonical text and its SHA-256."""
    text = canonical_json(content)
    return text, sha256_text(text)
