"""The co-financing plan as exact arithmetic: the EU grant follows from the total and the rate; the plan adds
up to the total; the grant fits the call's minimum and maximum; the rate never exceeds the call's."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from subsidia.core.formatting import money
from subsidia.core.money import eu_share


@dataclass(frozen=True)
class Plan:
    total: Decimal
    rate: Decimal
    eu_grant: Decimal
    own: Decimal
    other_public: Decimal

    @property
    def gap(self) -> Decimal:
        """What the plan still has to cover (negative: it covers too much)."""
        return self.total - self.eu_grant - self.own - self.other_public

    @property
    def balanced(self) -> bool:
        return self.gap == 0


def plan(total: Decimal, rate: Decimal, own: Decimal, other_public: Decimal) -> Plan:
    return Plan(total=total, rate=rate, eu_grant=eu_share(total, rate), own=own, other_public=other_public)


def problems(p: Plan, *, call_rate: Decimal, min_grant: Decimal, max_grant: Decimal) -> dict[str, str]:
    found = {}
    if p.rate > call_rate:
        found["cofinancing_rate"] = _("The rate requested (%(rate)s %%) exceeds the call's %(max)s %%.") % {
            "rate": (p.rate * 100).normalize(),
            "max": (call_rate * 100).normalize(),
        }
    if p.total <= 0:
        found["total_eligible_cost"] = _("The budget has no costs yet.")
        return found
    if p.eu_grant < min_grant:
        found["eu_grant_requested"] = _(
            "The EU grant requested (%(grant)s) is below the call's minimum of %(min)s."
        ) % {"grant": money(p.eu_grant), "min": money(min_grant)}
    elif p.eu_grant > max_grant:
        found["eu_grant_requested"] = _("The EU grant requested (%(grant)s) exceeds the call's maximum of %(max)s.") % {
            "grant": money(p.eu_grant),
            "max": money(max_grant),
        }
    if p.gap > 0:
        found["own_contribution"] = _(
            "The co-financing plan does not add up: %(gap)s of the total eligible cost is not covered "
            "by the EU "
            "grant, the own contribution and other public funding."
        ) % {"gap": money(p.gap)}
    elif p.gap < 0:
        found["own_contribution"] = _(
            "The co-financing plan does not add up: the EU grant, own contribution and other public funding "
            "exceed "
            "the total eligible cost by %(gap)s."
        ) % {"gap": money(-p.gap)}
    return found
