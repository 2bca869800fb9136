"""The committee member's dashboard: upcoming meetings with their papers, open written procedures, their own
votes, past decisions."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from subsidia.core import clock
from subsidia.core.roles import COMMITTEE_MEMBER, STAFF_ROLES, has_role

from .. import selectors


@login_required
def dashboard(request):
    if not has_role(request.user, COMMITTEE_MEMBER, *STAFF_ROLES):
        raise PermissionDenied
    committees = selectors.committees_visible_to(request.user)
    today = clock.today()
    procedures = []
    for procedure in selectors.open_procedures(committees):
        member = selectors.membership_on(request.user, procedure.committee, today)
        procedures.append(
            {
                "procedure": procedure,
                "tally": selectors.written_procedure_result(procedure),
                "member": member,
                "vote": selectors.vote_of(procedure, member) if member else None,
            }
        )
    decisions = []
    for committee in committees:
        decisions += selectors.decisions(committee)
    decisions.sort(key=lambda d: (d.date, d.reference), reverse=True)
    return render(
        request,
        "committee/dashboard.html",
        {
            "committees": committees,
            "memberships": selectors.memberships_of(request.user),
            "meetings": selectors.upcoming_meetings(committees),
            "procedures": procedures,
            "my_votes": selectors.votes_of_user(request.user)[:50],
            "decisions": decisions[:20],
            "can_manage": request.user.has_perm("committee.manage"),
        },
    )
