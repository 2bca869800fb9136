"""The committee and its members (CPR art. 38(1), art. 39)."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit, clock
from subsidia.core.exceptions import Conflict, RuleViolation
from subsidia.core.roles import COMMITTEE_MEMBER, has_role
from subsidia.programmes.models import Programme

from ..constants import MemberType, Seat
from ..models import Committee, Member
from ._common import blank, require

COMMITTEE_FIELDS = (
    "name_nl",
    "name_fr",
    "name_en",
    "established_on",
    "quorum_numerator",
    "quorum_denominator",
    "quorum_strict",
    "written_procedure_min_days",
)
MEMBER_FIELDS = (
    "name",
    "organisation",
    "member_type",
    "seat",
    "substitute_for",
    "user",
    "email",
    "language",
    "term_start",
    "term_end",
    "position",
)
PUBLIC_MEMBER_FIELDS = ("name", "organisation", "member_type", "seat", "term_start", "term_end")


def _committee_errors(committee: Committee) -> dict:
    errors = {}
    if blank(committee.name_nl):
        errors["name_nl"] = _("The name in the official language is required.")
    if not committee.established_on:
        errors["established_on"] = _("Enter the date the committee was set up.")
    elif committee.established_on > clock.today():
        errors["established_on"] = _("The committee cannot be set up in the future.")
    numerator, denominator = committee.quorum_numerator, committee.quorum_denominator
    if not (isinstance(numerator, int) and isinstance(denominator, int) and 0 < numerator <= denominator):
        errors["quorum_numerator"] = _("The quorum is a fraction of the voting members between 0 and 1, e.g. 1/2.")
    if not isinstance(committee.written_procedure_min_days, int) or committee.written_procedure_min_days < 1:
        errors["written_procedure_min_days"] = _("Give members at least one day to answer a written procedure.")
    return errors


def committee_create(user, programme: Programme, **data) -> Committee:
    """Set up the programme's monitoring committee (one per programme, CPR art. 38(1))."""
    require(user, "committee.manage")
    unknown = set(data) - set(COMMITTEE_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be set here.") for k in unknown})
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        if Committee.objects.filter(programme=programme).exists():
            raise Conflict(
                _("This programme already has a monitoring committee (CPR art. 38(1): one per programme)."),
                code="committee_exists",
            )
        committee = Committee(programme=programme, created_at=clock.now(), **data)
        errors = _committee_errors(committee)
        if errors:
            raise RuleViolation(errors=errors)
        committee.save()
        audit.record(
            user,
            "committee.created",
            committee,
            after=audit.snapshot(committee, COMMITTEE_FIELDS),
            data={"programme": programme.cci},
        )
    return committee


def committee_update(user, committee: Committee, **changes) -> Committee:
    """Names, quorum and written-procedure period as the rules of procedure set them. Decisions already taken
    keep the quorum figures recorded with them."""
    require(user, "committee.manage", committee)
    unknown = set(changes) - set(COMMITTEE_FIELDS)
    if unknown:
        raise RuleViolation(errors={k: _("This field cannot be changed here.") for k in unknown})
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        before = audit.snapshot(committee, changes)
        for key, value in changes.items():
            setattr(committee, key, value)
        errors = _committee_errors(committee)
        if errors:
            raise RuleViolation(errors=errors)
        committee.save()
        audit.record(user, "committee.updated", committee, before=before, after=audit.snapshot(committee, changes))
    return committee


def _overlaps(start: dt.date, end: dt.date | None, other_start: dt.date, other_end: dt.date | None) -> bool:
    return start <= (other_end or dt.date.max) and other_start <= (end or dt.date.max)


def _member_errors(member: Member) -> dict:
    errors = {}
    if blank(member.name):
        errors["name"] = _("Enter the member's name.")
    if blank(member.organisation):
        errors["organisation"] = _("Enter the organisation the member represents.")
    if member.member_type not in MemberType.values:
        errors["member_type"] = _("Choose a member type.")
    if member.seat not in Seat.values:
        errors["seat"] = _("Choose a seat.")
    elif member.member_type == MemberType.COMMISSION and member.seat != Seat.ADVISORY:
        errors["seat"] = _("Representatives of the Commission take part in an advisory capacity (CPR art. 39(2)).")
    if member.language not in {code for code, _name in settings.LANGUAGES}:
        errors["language"] = _("Choose one of the languages of this site.")
    if not member.term_start:
        errors["term_start"] = _("Enter the start of the term.")
    elif member.term_end and member.term_end < member.term_start:
        errors["term_end"] = _("The term ends after it starts.")
    if errors:
        return errors
    others = Member.objects.filter(committee=member.committee).exclude(pk=member.pk)
    if member.substitute_for_id:
        holder = member.substitute_for
        if holder.committee_id != member.committee_id:
            errors["substitute_for"] = _("A substitute stands in for a member of the same committee.")
        elif holder.substitute_for_id:
            errors["substitute_for"] = _("A substitute stands in for a member, not for another substitute.")
        elif member.pk and holder.pk == member.pk:
            errors["substitute_for"] = _("A member cannot be their own substitute.")
        elif member.pk and member.substitutes.exists():
            errors["substitute_for"] = _("This member has substitutes of their own and cannot become one.")
    elif member.seat == Seat.CHAIR:
        for chair in others.filter(seat=Seat.CHAIR, substitute_for__isnull=True):
            if _overlaps(member.term_start, member.term_end, chair.term_start, chair.term_end):
                errors["seat"] = _("%(name)s chairs the committee during this term; a committee has one chair.") % {
                    "name": chair.name
                }
                break
    if member.user_id:
        if not has_role(member.user, COMMITTEE_MEMBER):
            errors["user"] = _("Link a user account that has the committee member role.")
        else:
            for seat in others.filter(user_id=member.user_id):
                if _overlaps(member.term_start, member.term_end, seat.term_start, seat.term_end):
                    errors["user"] = _("This account already holds a seat on the committee during this term.")
                    break
    return errors


def _apply_substitution(member: Member) -> None:
    # A substitute occupies the seat of the member they stand in for, so they share its kind of seat.
    if member.substitute_for_id:
        member.seat = member.substitute_for.seat
        if member.substitute_for.member_type == MemberType.COMMISSION:
            member.member_type = MemberType.COMMISSION


def _fields(data: dict) -> dict:
    """``account`` is the member's user account (``user`` is the person acting)."""
    data = dict(data)
    if "account" in data:
        data["user"] = data.pop("account")
    elif "user" in data:
        data["__user"] = data.pop("user")
    unknown = set(data) - set(MEMBER_FIELDS)
    if unknown:
        raise RuleViolation(errors={k.strip("_"): _("This field cannot be set here.") for k in unknown})
    return data


def member_add(user, committee: Committee, **data) -> Member:
    """Add a member (or, with ``substitute_for``, a substitute); ``account`` links a user account."""
    require(user, "committee.manage", committee)
    data = _fields(data)
    data.setdefault("language", settings.SUBSIDIA_OFFICIAL_LANGUAGE)
    if data.get("substitute_for") is not None and not data.get("seat"):
        data["seat"] = data["substitute_for"].seat
    with transaction.atomic():
        committee = Committee.objects.select_for_update().get(pk=committee.pk)
        member = Member(committee=committee, **data)
        _apply_substitution(member)
        errors = _member_errors(member)
        if errors:
            raise RuleViolation(errors=errors)
        if not member.position:
            member.position = committee.members.count() + 1
        member.save()
        audit.record(
            user,
            "committee_member.added",
            member,
            after=audit.snapshot(member, MEMBER_FIELDS),
            data={"committee": committee.pk},
        )
    return member


def member_update(user, member: Member, **changes) -> Member:
    """Change a member's details or end their term (``term_end``); the seat's past votes stay as they were."""
    require(user, "committee.manage", member)
    changes = _fields(changes)
    with transaction.atomic():
        Committee.objects.select_for_update().get(pk=member.committee_id)
        member = Member.objects.select_for_update().get(pk=member.pk)
        before = audit.snapshot(member, changes)
        for key, value in changes.items():
            setattr(member, key, value)
        _apply_substitution(member)
        errors = _member_errors(member)
        if errors:
            raise RuleViolation(errors=errors)
        member.save()
        if "seat" in changes and not member.substitute_for_id:
            member.substitutes.update(seat=member.seat)
        audit.record(user, "committee_member.updated", member, before=before, after=audit.snapshot(member, changes))
    return member
