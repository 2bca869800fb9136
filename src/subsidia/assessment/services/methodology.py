"""The selection methodology of a call, put to the monitoring committee (CPR art. 40(2)(a)): the procedure and
how it honours each principle of CPR art. 73(1)."""

from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import approvals, audit, clock
from subsidia.core.exceptions import RuleViolation

from ..constants import Principle
from ..models import MethodologyPrinciple, SelectionMethodology
from .common import fail_if, official_language, refuse_if_frozen, require, text

LANGUAGES = ("nl", "fr", "en")
# The art. 73(1) principles the methodology must state (sustainable development is welcome, not required).
REQUIRED_PRINCIPLES = (
    Principle.TRANSPARENT,
    Principle.NON_DISCRIMINATORY,
    Principle.ACCESSIBLE,
    Principle.GENDER_EQUALITY,
    Principle.CHARTER,
)


def _parse(texts: dict, errors: dict) -> tuple[dict, dict]:
    """``procedure_nl`` … and ``<principle>_nl`` … (or ``principles={principle: {"nl": …}}``)."""
    procedure, principles = {}, {}
    for key, value in dict(texts).items():
        if key == "principles" and isinstance(value, dict):
            for principle, by_language in value.items():
                if principle not in Principle.values or not isinstance(by_language, dict):
                    errors[key] = _("Unknown principle: %(p)s.") % {"p": principle}
                    continue
                for language, body in by_language.items():
                    if language in LANGUAGES:
                        principles.setdefault(principle, {})[language] = text(body, f"{principle}_{language}", errors)
            continue
        name, _sep, language = key.rpartition("_")
        if language not in LANGUAGES:
            errors[key] = _("Unknown text.")
        elif name == "procedure":
            procedure[language] = text(value, key, errors, max_length=20000)
        elif name in Principle.values:
            principles.setdefault(name, {})[language] = text(value, key, errors, max_length=10000)
        else:
            errors[key] = _("Unknown text.")
    return procedure, principles


def methodology_save(officer, call, **texts) -> SelectionMethodology:
    """Create or change the methodology's texts; a change clears an earlier approval (visibly)."""
    require(officer, "assessment.manage_methodology", call)
    errors = {}
    procedure, principles = _parse(texts, errors)
    fail_if(errors)
    with transaction.atomic():
        refuse_if_frozen(call)
        now = clock.now()
        methodology = SelectionMethodology.objects.select_for_update().filter(call=call).first()
        created = methodology is None
        if created:
            methodology = SelectionMethodology(call=call, created_at=now, created_by=officer, updated_at=now)
            methodology.save()
        previous = approvals.current_hash(methodology)
        for language, body in procedure.items():
            setattr(methodology, f"procedure_{language}", body)
        methodology.updated_at = now
        methodology.save()
        for principle, by_language in principles.items():
            row, _new = MethodologyPrinciple.objects.get_or_create(methodology=methodology, principle=principle)
            for language, body in by_language.items():
                setattr(row, f"text_{language}", body)
            row.save()
        audit.record(
            officer,
            "selection_methodology.saved",
            methodology,
            data={"call": call.reference, "created": created, "texts": sorted(texts)},
        )
        if not created:
            approvals.after_change(officer, methodology, previous_hash=previous)
    return methodology


def missing_texts(methodology) -> list[str]:
    language = official_language()
    missing = []
    if not (getattr(methodology, f"procedure_{language}", "") or "").strip():
        missing.append(str(_("the selection procedure")))
    stated = {p.principle for p in methodology.principles.all() if (getattr(p, f"text_{language}", "") or "").strip()}
    missing += [str(p.label) for p in REQUIRED_PRINCIPLES if p.value not in stated]
    return missing


def methodology_submit(officer, methodology):
    """Put the methodology to the committee once the procedure and every art. 73(1) principle are stated in the
    binding language."""
    require(officer, "assessment.manage_methodology", methodology.call)
    missing = missing_texts(methodology)
    if missing:
        raise RuleViolation(
            _("State in the binding language (CPR art. 73(1)): %(missing)s.") % {"missing": "; ".join(missing)},
            code="methodology_incomplete",
        )
    with transaction.atomic():
        request = approvals.request_approval(officer, methodology)
        audit.record(
            officer,
            "selection_methodology.submitted",
            methodology,
            data={"request": request.pk, "content_hash": request.content_hash},
        )
    return request
