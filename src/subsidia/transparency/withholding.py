"""What the public may not see, decided at the moment of asking (never by a job that must have run).

Two rules withhold data from every public output:

- a **publication restriction** in force (confirmed under four eyes) withholds the beneficiary and the location;
- the **name of a natural person** is published only for two years after its first publication (CPR art.
  49(3)(b), figure ``personal_name_publication_years``). An operation is first published when it is selected:
  the live list shows every supported operation from that moment.
"""

import datetime as dt

from django.db.models import BooleanField, Exists, ExpressionWrapper, FilteredRelation, OuterRef, Q

from subsidia.core import clock
from subsidia.reference.figures import figure

from .constants import IN_FORCE
from .models import PublicationRestriction

RESTRICTED = "lo_restricted"


def name_years() -> int:
    return int(figure("personal_name_publication_years").value)


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def first_published_on(selected_at: dt.datetime) -> dt.date:
    return clock.to_local(selected_at).date()


def name_visible_on(first_published: dt.date, today: dt.date | None = None, years: int | None = None) -> bool:
    """A natural person's name is shown while its first publication is less than ``years`` years ago."""
    today = today or clock.today()
    years = name_years() if years is None else years
    return first_published > years_before(today, years)


def name_cutoff(today: dt.date | None = None, years: int | None = None) -> dt.datetime:
    """Operations selected at or after this instant still show a natural person's name."""
    today = today or clock.today()
    years = name_years() if years is None else years
    first_visible = years_before(today, years) + dt.timedelta(days=1)
    return clock.make_aware_local(dt.datetime.combine(first_visible, dt.time.min))


def restricted_expression():
    return Exists(PublicationRestriction.objects.filter(operation=OuterRef("pk"), status__in=IN_FORCE))


def with_restriction_flag(queryset):
    """Annotate the restriction flag through one LEFT JOIN (at most one restriction per operation is open, a
    database constraint), so that the many fields that test it do not each run a subquery."""
    in_force = FilteredRelation("publication_restrictions", condition=Q(publication_restrictions__status__in=IN_FORCE))
    return queryset.annotate(lo_restriction=in_force).annotate(
        **{RESTRICTED: ExpressionWrapper(Q(lo_restriction__id__isnull=False), output_field=BooleanField())}
    )


def name_visible_q(cutoff: dt.datetime) -> Q:
    """Rows whose natural person's name may still be published (use on a queryset of operations)."""
    return Q(beneficiary_is_natural_person=True, selected_at__gte=cutoff)


def beneficiary_public_q(cutoff: dt.datetime) -> Q:
    """Rows whose beneficiary (legal entity, or natural person within the period) is public."""
    return Q(**{RESTRICTED: False}) & (Q(beneficiary_is_natural_person=False) | name_visible_q(cutoff))
