"""The needs and priorities register: priorities drawn from surveys, the answers behind them, adoption."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.programmes.models import Programme

from ..constants import CHOICE_KINDS, PRIORITY_TRANSITIONS, PriorityStatus
from ..models import Evidence, Option, Priority, Question, Survey
from .common import clean_texts, require

PRIORITY_TEXTS = {
    "code": 12,
    "title_nl": 300,
    "title_fr": 300,
    "title_en": 300,
    "description_nl": 5000,
    "description_fr": 5000,
    "description_en": 5000,
}
PRIORITY_FIELDS = (*PRIORITY_TEXTS, "position", "survey")
FINDING_TEXTS = {"finding_nl": 2000, "finding_fr": 2000, "finding_en": 2000}


def _validate(programme: Programme, data: dict, errors: dict, *, instance: Priority | None = None) -> dict:
    clean = clean_texts(data, PRIORITY_TEXTS, errors)
    if "code" in clean:
        if not clean["code"]:
            errors["code"] = _("Give the priority a short code, for example P1.")
        else:
            clash = Priority.objects.filter(programme=programme, code__iexact=clean["code"])
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            if clash.exists():
                errors["code"] = _("The programme already has a priority with this code.")
    if "title_nl" in clean and not clean["title_nl"]:
        errors["title_nl"] = _("The title in the official language (Dutch) is required.")
    if "position" in data:
        try:
            clean["position"] = int(data["position"] or 0)
        except (TypeError, ValueError):
            errors["position"] = _("Enter a whole number.")
        else:
            if not 0 <= clean["position"] <= 999:
                errors["position"] = _("Enter a number from 0 to 999.")
    if "survey" in data:
        survey = data["survey"]
        if survey is not None and (not isinstance(survey, Survey) or survey.programme_id != programme.pk):
            errors["survey"] = _("Choose a survey of this programme.")
        elif instance is not None and survey != instance.survey and instance.evidence.exists():
            errors["survey"] = _("Remove the evidence from the other survey first.")
        else:
            clean["survey"] = survey
    return clean


def priority_create(
    user,
    *,
    programme: Programme,
    code: str,
    title_nl: str,
    title_fr: str = "",
    title_en: str = "",
    description_nl: str = "",
    description_fr: str = "",
    description_en: str = "",
    survey: Survey | None = None,
    position: int = 0,
) -> Priority:
    require(user, "consultations.add_priority")
    if not isinstance(programme, Programme):
        raise RuleViolation(errors={"programme": _("Choose a programme.")})
    errors = {}
    clean = _validate(
        programme,
        {
            "code": code,
            "title_nl": title_nl,
            "title_fr": title_fr,
            "title_en": title_en,
            "description_nl": description_nl,
            "description_fr": description_fr,
            "description_en": description_en,
            "survey": survey,
            "position": position,
        },
        errors,
    )
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        try:
            with transaction.atomic():
                priority = Priority.objects.create(
                    programme=programme, created_at=clock.now(), created_by=user, **clean
                )
        except IntegrityError as exc:
            raise RuleViolation(errors={"code": _("The programme already has a priority with this code.")}) from exc
        audit.record(
            user,
            "priority.created",
            priority,
            after=audit.snapshot(priority, PRIORITY_FIELDS),
            data={"programme": programme.cci},
        )
    return priority


def priority_update(user, priority: Priority, **changes) -> Priority:
    require(user, "consultations.change_priority", priority)
    unknown = set(changes) - set(PRIORITY_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in unknown})
    with transaction.atomic():
        priority = Priority.objects.select_for_update(of=("self",)).select_related("programme").get(pk=priority.pk)
        errors = {}
        clean = _validate(priority.programme, changes, errors, instance=priority)
        if errors:
            raise RuleViolation(errors=errors)
        before = audit.snapshot(priority, clean)
        for key, value in clean.items():
            setattr(priority, key, value)
        priority.save()
        audit.record(user, "priority.updated", priority, before=before, after=audit.snapshot(priority, clean))
    return priority


def _move(priority: Priority, to: str) -> None:
    if to not in PRIORITY_TRANSITIONS[PriorityStatus(priority.status)]:
        raise Conflict(
            _("A priority that is “%(status)s” cannot become “%(to)s”.")
            % {"status": priority.get_status_display(), "to": PriorityStatus(to).label},
            code="transition_not_allowed",
        )
    priority.status = to


def priority_adopt(user, priority: Priority, *, adopted_on: dt.date | None = None) -> Priority:
    """Record that the programme takes the priority on (``adopted_on``: the day, today by default)."""
    require(user, "consultations.adopt_priority", priority)
    adopted_on = adopted_on or clock.today()
    if not isinstance(adopted_on, dt.date) or isinstance(adopted_on, dt.datetime):
        raise RuleViolation(errors={"adopted_on": _("Enter a date.")})
    if adopted_on > clock.today():
        raise RuleViolation(errors={"adopted_on": _("An adoption date cannot lie in the future.")})
    with transaction.atomic():
        priority = Priority.objects.select_for_update().get(pk=priority.pk)
        _move(priority, PriorityStatus.ADOPTED)
        priority.adopted_on = adopted_on
        priority.save(update_fields=["status", "adopted_on"])
        audit.record(
            user,
            "priority.adopted",
            priority,
            before={"status": PriorityStatus.PROPOSED},
            after={"status": PriorityStatus.ADOPTED, "adopted_on": adopted_on},
            data={"evidence": priority.evidence.count()},
        )
    return priority


def priority_withdraw_adoption(user, priority: Priority, *, reason: str) -> Priority:
    """An adopted priority goes back to "proposed" (a programme amendment dropped it); say why."""
    require(user, "consultations.adopt_priority", priority)
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise RuleViolation(errors={"reason": _("Say why the priority is no longer adopted.")})
    if len(reason) > 2000:
        raise RuleViolation(errors={"reason": _("Keep this under %(max)s characters.") % {"max": 2000}})
    with transaction.atomic():
        priority = Priority.objects.select_for_update().get(pk=priority.pk)
        _move(priority, PriorityStatus.PROPOSED)
        before = {"status": PriorityStatus.ADOPTED, "adopted_on": priority.adopted_on}
        priority.adopted_on = None
        priority.save(update_fields=["status", "adopted_on"])
        audit.record(
            user,
            "priority.adoption_withdrawn",
            priority,
            before=before,
            after={"status": PriorityStatus.PROPOSED},
            data={"reason": reason},
        )
    return priority


def evidence_add(
    user,
    priority: Priority,
    *,
    question: Question,
    option: Option | None = None,
    finding_nl: str = "",
    finding_fr: str = "",
    finding_en: str = "",
) -> Evidence:
    """Link a survey question (and one of its options) to the priority it supports."""
    require(user, "consultations.change_priority", priority)
    errors = {}
    texts = clean_texts(
        {"finding_nl": finding_nl, "finding_fr": finding_fr, "finding_en": finding_en}, FINDING_TEXTS, errors
    )
    if not isinstance(question, Question):
        errors["question"] = _("Choose a question.")
    else:
        survey = question.survey
        if survey.programme_id != priority.programme_id:
            errors["question"] = _("Choose a question of a survey of this programme.")
        elif priority.survey_id and survey.pk != priority.survey_id:
            errors["question"] = _("Choose a question of the survey this priority is drawn from.")
        if option is not None:
            if not isinstance(option, Option) or option.question_id != question.pk:
                errors["option"] = _("Choose an option of this question.")
            elif question.kind not in CHOICE_KINDS:
                errors["option"] = _("Only choice and ranking questions have options.")
    if errors:
        raise RuleViolation(errors=errors)
    with transaction.atomic():
        clash = Evidence.objects.filter(priority=priority, question=question, option=option)
        if clash.exists():
            raise RuleViolation(errors={"question": _("This evidence is already linked to the priority.")})
        evidence = Evidence.objects.create(
            priority=priority, question=question, option=option, created_at=clock.now(), **texts
        )
        audit.record(
            user,
            "priority.evidence_added",
            priority,
            after={
                "evidence": evidence.pk,
                "question": question.pk,
                "option": option.pk if option else None,
                **texts,
            },
        )
    return evidence


def evidence_remove(user, evidence: Evidence) -> None:
    priority = evidence.priority
    require(user, "consultations.change_priority", priority)
    with transaction.atomic():
        before = {"evidence": evidence.pk, "question": evidence.question_id, "option": evidence.option_id}
        evidence.delete()
        audit.record(user, "priority.evidence_removed", priority, before=before)
