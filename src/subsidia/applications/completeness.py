"""What each section of the form still lacks. The form shows it per section while the applicant works;
submission refuses while anything is listed (full validation)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from subsidia.calls.constants import CostOptionKind
from subsidia.core.formatting import money
from subsidia.reference.figures import figure

from . import budgeting, cofinancing
from .constants import Section
from .models import Application


@dataclass
class SectionState:
    section: str
    problems: list[str] = field(default_factory=list)
    optional: bool = False

    @property
    def label(self) -> str:
        return str(Section(self.section).label)

    @property
    def complete(self) -> bool:
        return not self.problems


def _general(app: Application, first, last) -> list[str]:
    found = []
    for name, message in (
        ("title", _("Write the title.")),
        ("summary", _("Write the summary.")),
        ("objectives", _("Write the objectives.")),
    ):
        if not getattr(app, name).strip():
            found.append(message)
    if not app.start_date or not app.end_date:
        found.append(_("Give the start and end dates."))
    else:
        if first and app.start_date < first:
            found.append(_("The project starts before the eligibility period (%(date)s).") % {"date": first})
        if last and app.end_date > last:
            found.append(_("The project ends after the eligibility period (%(date)s).") % {"date": last})
    return found


def _activities(app: Application) -> list[str]:
    activities = list(app.activities.all())
    if not activities:
        return [_("Describe at least one activity with its dates.")]
    found = []
    for a in activities:
        if (app.start_date and a.start_date < app.start_date) or (app.end_date and a.end_date > app.end_date):
            found.append(_("Activity “%(title)s” lies outside the project's dates.") % {"title": a.title})
    return found


def _target_groups(app: Application) -> list[str]:
    found = []
    if not app.target_groups.exists():
        found.append(_("Name at least one target group."))
    if not app.locations.exists():
        found.append(_("Give at least one place where the project takes place."))
    area = list(app.call.eligible_area.all())
    if area:
        codes = [a.code for a in area]
        for location in app.locations.select_related("nuts"):
            if not any(location.nuts.code.startswith(c) for c in codes):
                found.append(_("%(place)s lies outside the call's eligible area.") % {"place": location})
        org_nuts = app.organisation.nuts
        if app.organisation.country == "BE" and org_nuts and not any(org_nuts.code.startswith(c) for c in codes):
            found.append(
                _("The organisation is established in %(nuts)s, outside the call's eligible area.")
                % {"nuts": org_nuts.name}
            )
    return found


def _indicators(app: Application) -> list[str]:
    targets = list(app.indicator_targets.select_related("indicator"))
    if not targets:
        return [_("Set a target for at least one indicator of the call's specific objective.")]
    return [
        _("Indicator %(code)s is not one of the call's specific objective.") % {"code": t.indicator.code}
        for t in targets
        if t.indicator.objective_id != app.call.specific_objective_id
    ]


def _budget(app: Application) -> list[str]:
    from .services.budget import applied_rates, entered_lines

    lines = entered_lines(app)
    if not lines:
        return [_("Enter the budget: at least one line.")]
    found = []
    offered = {(o.kind, o.pk) for o in app.call.cost_options.all()}
    for line in app.budget_lines.exclude(cost_option=CostOptionKind.FLAT_RATE):
        if (line.cost_option, line.call_option_id) not in offered:
            found.append(_("A budget line uses a cost option the call does not offer: %(line)s.") % {"line": line})
    keys = {r.key for r in applied_rates(app)}
    offered_rates = set(app.call.cost_options.filter(kind=CostOptionKind.FLAT_RATE).values_list("flat_rate", flat=True))
    if keys - offered_rates:
        found.append(_("A flat rate is applied that the call does not offer."))
    found += [p.message for p in budgeting.combination_problems(keys)]
    for line in lines:
        if budgeting.covered_by_flat_rate(line.category, keys):
            found.append(_("A line is already calculated by a flat rate: %(line)s.") % {"line": line.label})
    if app.start_date and app.end_date:
        outside = sorted({x.year for x in lines if not app.start_date.year <= x.year <= app.end_date.year})
        if outside:
            found.append(
                _("Budget lines fall in years outside the project: %(years)s.")
                % {"years": ", ".join(map(str, outside))}
            )
    if app.draft_budget and not app.call.draft_budget_allowed:
        found.append(_("This call does not accept a draft budget (CPR art. 53(3)(b))."))
    rule = figure("sco_mandatory_total_cost")
    budget = budgeting.compute(lines, applied_rates(app))
    if app.draft_budget and budget.total > rule.value:
        found.append(
            _("A draft budget is only for operations with a total cost up to %(threshold)s (%(basis)s).")
            % {"threshold": money(rule.value), "basis": rule.legal_basis}
        )
    found += [
        p.message
        for p in budgeting.sco_problems(
            budget, keys, threshold=rule.value, legal_basis=rule.legal_basis, draft_budget=app.draft_budget
        )
    ]
    return found


def _cofinancing(app: Application) -> list[str]:
    call = app.call
    p = cofinancing.plan(app.total_eligible_cost, app.cofinancing_rate, app.own_contribution, app.other_public_funding)
    found = list(
        cofinancing.problems(
            p, call_rate=call.cofinancing_rate, min_grant=call.min_grant, max_grant=call.max_grant
        ).values()
    )
    if p.eu_grant != app.eu_grant_requested:  # pragma: no cover - kept in step by the budget service
        found.append(_("The EU grant is out of date; save the budget again."))
    if app.other_public_funding > 0 and not app.other_public_funding_source.strip():
        found.append(_("Say where the other public funding comes from."))
    return found


def _attachments(app: Application) -> list[str]:
    present = set(app.attachments.exclude(requirement=None).values_list("requirement_id", flat=True))
    return [
        _("Attach “%(title)s”.") % {"title": r.title}
        for r in app.call.required_attachments.filter(is_mandatory=True)
        if r.pk not in present
    ]


def _declarations(app: Application) -> list[str]:
    if app.declared_on_honour and app.declared_no_double_funding and app.declared_not_completed:
        return []
    return [_("A signatory of the organisation makes the three declarations.")]


def sections(app: Application) -> list[SectionState]:
    from .services.drafts import eligibility_period

    first, last = eligibility_period(app.call)
    return [
        SectionState(Section.GENERAL, _general(app, first, last)),
        SectionState(Section.ACTIVITIES, _activities(app)),
        SectionState(Section.TARGET_GROUPS, _target_groups(app)),
        SectionState(Section.INDICATORS, _indicators(app)),
        SectionState(Section.PARTNERS, [], optional=True),
        SectionState(Section.BUDGET, _budget(app)),
        SectionState(Section.COFINANCING, _cofinancing(app)),
        SectionState(Section.ATTACHMENTS, _attachments(app)),
        SectionState(Section.DECLARATIONS, _declarations(app)),
    ]


def problems(app: Application) -> dict[str, list[str]]:
    """Only the sections that are not complete, for the submission's error message."""
    return {s.section: s.problems for s in sections(app) if s.problems}
