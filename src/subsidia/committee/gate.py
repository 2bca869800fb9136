"""The committee's side of the approval gate: which objects officers put to it, and telling the members when
conditions of a decision are fulfilled."""

from django.urls import reverse

from subsidia.core import approvals
from subsidia.programmes.constants import VersionStatus
from subsidia.programmes.models import ProgrammeVersion

from . import notifications


def programme_amendments(user):
    """Amendments in preparation: CPR art. 40(2)(d) puts every proposed amendment to the committee."""
    return ProgrammeVersion.objects.filter(number__gt=1, status=VersionStatus.DRAFT).select_related("programme")


def rules_drafts(user):
    from .models import RulesOfProcedure
    from .services import was_approved

    return [r for r in RulesOfProcedure.objects.select_related("committee") if not was_approved(r)]


def committee_of_decision(req):
    from .models import AgendaItem, WrittenProcedure

    decision = req.decision_or_none
    if decision is None or decision.source_type_id is None:
        return None
    model = decision.source_type.model_class()
    if model is AgendaItem:
        item = AgendaItem.objects.select_related("meeting").filter(pk=decision.source_id).first()
        return item.meeting.committee if item else None
    if model is WrittenProcedure:
        procedure = WrittenProcedure.objects.filter(pk=decision.source_id).first()
        return procedure.committee if procedure else None
    return None


def inform_conditions_fulfilled(sender, request, **kwargs):
    committee = committee_of_decision(request)
    if committee is not None:
        notifications.later(notifications.conditions_fulfilled, request.pk, committee.pk)


def connect():
    from .models import RulesOfProcedure

    approvals.register_candidates(
        ProgrammeVersion,
        candidates=programme_amendments,
        url=lambda v: reverse("programmes:version", args=[v.programme_id, v.number]),
    )
    approvals.register_candidates(RulesOfProcedure, candidates=rules_drafts)
    approvals.conditions_fulfilled.connect(inform_conditions_fulfilled, dispatch_uid="committee-conditions-fulfilled")
