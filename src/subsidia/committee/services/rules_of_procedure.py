"""Versions of the rules of procedure (CPR art. 38(2)). An approved version is frozen: it is what the public
page shows (art. 38(4)); a change is a new version that goes to the committee again."""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from subsidia.core import approvals, audit, clock
from subsidia.core.approval_models import ApprovalStatus
from subsidia.core.exceptions import Conflict, RuleViolation

from ..models import Committee, RulesOfProcedure
from ._common import blank, require

TEXT_FIELDS = ("text_nl", "text_fr", "text_en")


def was_approved(rules: RulesOfProcedure) -> bool:
    return (
        approvals.requests_for(rules)
        .filter(status__in=[ApprovalStatus.APPROVED, ApprovalStatus.APPROVED_WITH_CONDITIONS])
        .exists()
    )


def rules_create_version(
    user, committee: Committee, *, text_nl: str, text_fr: str = "", text_en: str = ""
) -> RulesOfProcedure:
    require(user, "committee.manage", committee)
    if blank(text_nl):
        raise RuleViolation(errors={"text_nl": _("The text in the official language is required.")})
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        for draft in committee.rules_versions.all():
            if not was_approved(draft):
                raise Conflict(
                    _("Version %(version)s is still a draft; change that draft instead of starting another.")
                    % {"version": draft.version},
                    code="draft_exists",
                )
        number = (committee.rules_versions.aggregate(n=Max("version"))["n"] or 0) + 1
        rules = RulesOfProcedure.objects.create(
            committee=committee,
            version=number,
            text_nl=text_nl,
            text_fr=text_fr or "",
            text_en=text_en or "",
            created_at=clock.now(),
            created_by=user,
        )
        audit.record(user, "rules_of_procedure.created", rules, data={"committee": committee.pk, "version": number})
    return rules


def rules_update(user, rules: RulesOfProcedure, **texts) -> RulesOfProcedure:
    require(user, "committee.manage", rules)
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in unknown})
    if "text_nl" in texts and blank(texts["text_nl"]):
        raise RuleViolation(errors={"text_nl": _("The text in the official language is required.")})
    with transaction.atomic():
        rules = RulesOfProcedure.objects.select_for_update().get(pk=rules.pk)
        if was_approved(rules):
            raise Conflict(
                _("The committee approved this version; start a new version to change the rules."),
                code="rules_frozen",
            )
        previous_hash = approvals.current_hash(rules)
        before = audit.snapshot(rules, texts)
        for key, value in texts.items():
            setattr(rules, key, value or "")
        rules.save()
        audit.record(user, "rules_of_procedure.updated", rules, before=before, after=audit.snapshot(rules, texts))
        approvals.after_change(user, rules, previous_hash=previous_hash)
    return rules
