"""The public committee page: members and rules of procedure (CPR art. 38(4), art. 39(1)), published papers,
the record of decisions."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from subsidia.core import approvals

from .. import selectors
from ..models import Committee, RulesOfProcedure


@require_GET
def public(request):
    committees = []
    for committee in selectors.public_committees():
        rules = selectors.rules_in_force(committee)
        committees.append(
            {
                "committee": committee,
                "members": [m for m in committee.current_members if not m.substitute_for_id],
                "substitutes": [m for m in committee.current_members if m.substitute_for_id],
                "rules": rules,
                "rules_decision": selectors.rules_adoption(rules) if rules else None,
                "decisions": selectors.decisions(committee)[:50],
                "papers": selectors.papers_visible_to(None)
                .filter(is_public=True, meeting__committee=committee)
                .order_by("-meeting__starts_at", "title"),
            }
        )
    return render(request, "committee/public.html", {"committees": committees})


@require_GET
def rules(request, pk, version):
    committee = get_object_or_404(Committee, pk=pk)
    rules = get_object_or_404(RulesOfProcedure, committee=committee, version=version)
    approved = approvals.is_approved(rules)
    # Drafts are internal: the public reads only what the committee approved.
    if not approved and not request.user.has_perm("committee.view_committee", committee):
        raise Http404
    return render(
        request,
        "committee/rules.html",
        {
            "committee": committee,
            "rules": rules,
            "approved": approved,
            "text": rules.text(),
            "decision": selectors.rules_adoption(rules) if approved else None,
            "state": approvals.approval_state(rules),
        },
    )
