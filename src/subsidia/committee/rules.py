"""Who may do what in the committee, in one place for pages and API alike."""

import rules

from subsidia.core import clock
from subsidia.core.rules import is_auditor, is_authorising_officer, is_officer

is_staff_reader = is_officer | is_authorising_officer | is_auditor


def _committee_of(obj):
    for path in ("committee", "meeting.committee", "procedure.committee"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        if target is not None:
            return target
    return obj


@rules.predicate
def sits_on(user, obj) -> bool:
    """The user holds a seat (or stands in for one) on the object's committee, now or from a later date."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    from .models import Committee, Member

    committee = _committee_of(obj)
    if not isinstance(committee, Committee):
        return False
    today = clock.today()
    return Member.objects.filter(committee=committee, user=user).exclude(term_end__lt=today).exists()


@rules.predicate
def is_public_paper(user, paper) -> bool:
    return bool(paper is not None and getattr(paper, "is_public", False))


@rules.predicate
def is_that_member(user, member) -> bool:
    return bool(member is not None and getattr(user, "pk", None) and member.user_id == user.pk)


rules.add_perm("committee.manage", is_officer)
rules.add_perm("committee.view_committee", is_staff_reader | sits_on)
rules.add_perm("committee.view_paper", is_public_paper | is_staff_reader | sits_on)
rules.add_perm("committee.declare_conflict", is_officer | is_that_member)
