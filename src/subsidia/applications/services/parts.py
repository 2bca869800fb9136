"""The repeating parts of the form: activities, target groups, locations, partners and indicator targets.

Each kind has one validator; adding, changing and removing share the same transaction and audit pattern.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from subsidia.core import audit
from subsidia.core.exceptions import RuleViolation
from subsidia.reference.models import Indicator
from subsidia.reference.postcodes import (
    is_valid_enterprise_number,
    normalise_enterprise_number,
    nuts_for_postcode,
)

from ..constants import WITHOUT_ENTERPRISE_NUMBER, OrganisationType
from ..models import Activity, Application, IndicatorTarget, Location, Partner, TargetGroup
from .common import fail_if, text
from .drafts import editable, touch


def _date(value, field, errors):
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or ""))
    except ValueError:
        errors[field] = _("Enter a date as YYYY-MM-DD.")
        return None


def _count(value, field, errors, *, minimum=0) -> int:
    try:
        number = int(str(value if value not in (None, "") else 0).strip())
    except ValueError:
        errors[field] = _("Enter a whole number.")
        return 0
    if number < minimum:
        errors[field] = _("Enter a whole number of at least %(n)s.") % {"n": minimum}
    elif number > 10_000_000:
        errors[field] = _("This number is implausibly large.")
    return number


def _activity(application: Application, data: dict, instance) -> dict:
    errors: dict = {}
    clean = {
        "title": text(data.get("title"), max_length=200, field="title", required=True, errors=errors),
        "description": text(data.get("description"), max_length=3000, field="description", errors=errors),
        "deliverables": text(data.get("deliverables"), max_length=2000, field="deliverables", errors=errors),
        "start_date": _date(data.get("start_date"), "start_date", errors),
        "end_date": _date(data.get("end_date"), "end_date", errors),
        "position": _count(data.get("position") or 1, "position", errors, minimum=1),
    }
    start, end = clean["start_date"], clean["end_date"]
    if start and end and start > end:
        errors["end_date"] = _("The end date comes after the start date.")
    if start and application.start_date and start < application.start_date:
        errors["start_date"] = _("An activity cannot start before the project (%(date)s).") % {
            "date": application.start_date.isoformat()
        }
    if end and application.end_date and end > application.end_date:
        errors["end_date"] = _("An activity cannot end after the project (%(date)s).") % {
            "date": application.end_date.isoformat()
        }
    fail_if(errors)
    return clean


def _target_group(application, data, instance) -> dict:
    errors: dict = {}
    clean = {
        "name": text(data.get("name"), max_length=200, field="name", required=True, errors=errors),
        "expected_people": _count(data.get("expected_people"), "expected_people", errors),
    }
    fail_if(errors)
    return clean


def _location(application, data, instance) -> dict:
    errors: dict = {}
    postcode = text(data.get("postcode"), max_length=4, field="postcode", required=True, errors=errors)
    municipality = text(data.get("municipality"), max_length=100, field="municipality", required=True, errors=errors)
    nuts = None
    if postcode and "postcode" not in errors:
        nuts = nuts_for_postcode(postcode)
        if nuts is None:
            errors["postcode"] = _("Enter the four-digit Belgian postcode of a place where the project takes place.")
    if nuts is not None:
        area = list(application.call.eligible_area.all())
        if area and not any(nuts.code.startswith(a.code) for a in area):
            errors["postcode"] = _("%(postcode)s lies in %(nuts)s, outside the call's eligible area (%(area)s).") % {
                "postcode": postcode,
                "nuts": nuts.name,
                "area": ", ".join(a.name for a in area),
            }
    fail_if(errors)
    return {"postcode": postcode, "municipality": municipality, "nuts": nuts}


def _partner(application, data, instance) -> dict:
    errors: dict = {}
    kind = data.get("organisation_type") or ""
    if kind not in OrganisationType.values:
        errors["organisation_type"] = _("Choose the type of organisation.")
    country = text(data.get("country") or "BE").upper()
    if len(country) != 2 or not country.isalpha():
        errors["country"] = _("Enter the two-letter country code (BE).")
    number = normalise_enterprise_number(data.get("enterprise_number") or "")
    other = text(data.get("other_identifier"), max_length=60, field="other_identifier", errors=errors)
    if number and not is_valid_enterprise_number(number):
        errors["enterprise_number"] = _("This is not a valid Belgian enterprise number.")
    elif not number and country == "BE" and kind not in WITHOUT_ENTERPRISE_NUMBER:
        errors["enterprise_number"] = _("A Belgian partner gives its enterprise number (KBO/BCE).")
    elif not number and not other:
        errors["other_identifier"] = _("Give the partner's registration number or another identifier.")
    clean = {
        "name": text(data.get("name"), max_length=200, field="name", required=True, errors=errors),
        "organisation_type": kind,
        "country": country,
        "enterprise_number": number,
        "other_identifier": other,
        "role": text(data.get("role"), max_length=2000, field="role", required=True, errors=errors),
    }
    fail_if(errors)
    return clean


def _indicator_target(application, data, instance) -> dict:
    errors: dict = {}
    indicator = data.get("indicator")
    if not isinstance(indicator, Indicator):
        key = str(getattr(indicator, "pk", indicator) or "")
        indicator = Indicator.objects.filter(code=key).first() or (
            Indicator.objects.filter(pk=int(key)).first() if key.isdigit() else None
        )
    if indicator is None or indicator.objective_id != application.call.specific_objective_id:
        errors["indicator"] = _("Choose an indicator of the call's specific objective.")
        fail_if(errors)
    target = _count(data.get("target"), "target", errors, minimum=1)
    clean = {"indicator": indicator, "target": target, "by_age_and_gender": indicator.by_age_and_gender}
    fields = IndicatorTarget.AGE_FIELDS + IndicatorTarget.GENDER_FIELDS
    if indicator.by_age_and_gender:
        for name in fields:
            clean[name] = _count(data.get(name), name, errors)
        if not errors:
            ages = sum(clean[n] for n in IndicatorTarget.AGE_FIELDS)
            genders = sum(clean[n] for n in IndicatorTarget.GENDER_FIELDS)
            if ages != target:
                errors["age_under_18"] = _(
                    "The age brackets add up to %(sum)s, not to the target of %(target)s (AMIF Annex VIII: "
                    "persons "
                    "are reported by age bracket and by gender)."
                ) % {"sum": ages, "target": target}
            if genders != target:
                errors["women"] = _("Women, men and non-binary add up to %(sum)s, not to the target of %(target)s.") % {
                    "sum": genders,
                    "target": target,
                }
    else:
        clean.update(dict.fromkeys(fields, 0))
    clash = application.indicator_targets.filter(indicator=indicator)
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        errors["indicator"] = _("This indicator already has a target; change that one.")
    fail_if(errors)
    return clean


@dataclass(frozen=True)
class Part:
    model: Any
    validate: Any
    noun: str


PARTS = {
    "activity": Part(Activity, _activity, "activity"),
    "target_group": Part(TargetGroup, _target_group, "target_group"),
    "location": Part(Location, _location, "location"),
    "partner": Part(Partner, _partner, "partner"),
    "indicator_target": Part(IndicatorTarget, _indicator_target, "indicator_target"),
}


def _snapshot(obj) -> dict:
    return {
        f.attname: audit.snapshot(obj, [f.attname])[f.attname]
        for f in obj._meta.concrete_fields
        if f.attname not in ("id", "application_id")
    }


def _save(obj):
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise RuleViolation(_("This entry breaks a rule of the form: %(error)s") % {"error": exc}) from exc


def part_add(user, application: Application, kind: str, **data):
    part = PARTS[kind]
    with transaction.atomic():
        application = editable(user, application)
        obj = part.model(application=application, **part.validate(application, data, None))
        _save(obj)
        touch(application)
        audit.record(user, f"application.{part.noun}_added", application, after=_snapshot(obj), data={"id": obj.pk})
    return obj


def part_update(user, obj, **changes):
    part = next(p for p in PARTS.values() if isinstance(obj, p.model))
    with transaction.atomic():
        application = editable(user, obj.application)
        obj = part.model.objects.select_for_update().get(pk=obj.pk, application=application)
        before = _snapshot(obj)
        merged = {**before, **{k.removesuffix("_id"): v for k, v in before.items() if k.endswith("_id")}}
        if isinstance(obj, IndicatorTarget):
            merged["indicator"] = obj.indicator
        merged.update(changes)
        for key, value in part.validate(application, merged, obj).items():
            setattr(obj, key, value)
        _save(obj)
        touch(application)
        audit.record(
            user,
            f"application.{part.noun}_changed",
            application,
            before=before,
            after=_snapshot(obj),
            data={"id": obj.pk},
        )
    return obj


def part_delete(user, obj) -> None:
    part = next(p for p in PARTS.values() if isinstance(obj, p.model))
    with transaction.atomic():
        application = editable(user, obj.application)
        obj = part.model.objects.get(pk=obj.pk, application=application)
        before = _snapshot(obj)
        pk = obj.pk
        obj.delete()
        touch(application)
        audit.record(user, f"application.{part.noun}_removed", application, before=before, data={"id": pk})
