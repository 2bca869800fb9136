"""The answer pack as an XLSX workbook: one sheet per part, each opening with the data date. The per-project
sheet uses the field map's keys as its column names, exactly as the open-data export of the list does."""

from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.core import clock
from subsidia.core.exports import Column, xlsx_bytes

from . import texts
from .projects import COLUMNS


def _local(value):
    return clock.to_local(value) if value else None


def _summary(pack) -> list[dict]:
    q, env, totals = pack.question, pack.envelope, pack.projects.totals
    rows = [
        (_("Question"), texts.question_line(q)),
        (_("Title"), q.title),
        (_("Minister"), ", ".join(x for x in (q.minister_name, q.minister_portfolio) if x)),
        (_("Status of the question"), str(q.get_status_display())),
        (_("Programme"), f"{pack.programme.cci} {pack.programme.title}"),
        (_("Status of the programme"), texts.status_line(env)),
        (_("Region or delegated body"), texts.region_name(pack)),
        (_("EU contribution (envelope)"), env.total["eu_contribution"]),
        (_("National contribution (envelope)"), env.total["national_contribution"]),
        (_("Total (envelope)"), env.total["total"]),
        (_("Share of the programme's EU contribution (%)"), env.share_of_programme),
        (_("Calls for proposals"), len(pack.calls)),
        (_("Budget of the approved calls (EU contribution)"), pack.calls_budget),
        (_("Operations selected"), totals["operations"]),
        (_("Total cost of the operations"), totals["total_cost"]),
        (_("Total eligible cost"), totals["total_eligible_cost"]),
        (_("EU contribution to the operations"), totals["eu_contribution"]),
        (_("Co-financing (own and other public funding)"), pack.projects.cofinancing),
        (_("Operations with restricted publication"), pack.projects.restricted),
        (_("Data"), texts.data_line(pack)),
    ]
    return [{"item": str(label), "value": value} for label, value in rows]


def _envelope(pack) -> list[dict]:
    env, total_label = pack.envelope, _("Total")
    rows = []
    for row in env.rows:
        for year, cell in zip(env.years, row.cells, strict=True):
            rows.append({"objective": row.objective.label, "year": year, **cell})
        rows.append({"objective": row.objective.label, "year": total_label, **row.total})
    rows.append({"objective": total_label, "year": total_label, **env.total})
    return rows


def _versions(pack) -> list[dict]:
    return [
        {
            "version": v.number,
            "status": str(v.get_status_display()),
            "submitted_on": v.submitted_on,
            "decision_number": v.commission_decision_number,
            "decision_date": v.commission_decision_date,
            "reason": v.amendment_reason,
        }
        for v in pack.envelope.versions
    ]


def _objectives(pack) -> list[dict]:
    return [
        {
            "objective": o.objective.label,
            "allocated_eu": o.allocated_eu,
            "in_calls": o.in_calls,
            "committed_eu": o.committed_eu,
            "operations": o.operations,
        }
        for o in pack.usage.objectives
    ]


def _priorities(pack) -> list[dict]:
    rows = []
    for p in pack.usage.priorities:
        consultation = p.consultation
        rows.append(
            {
                "code": p.priority.code,
                "title": p.priority.title,
                "description": p.priority.description,
                "adopted_on": p.priority.adopted_on,
                "survey": consultation.survey.title if consultation else "",
                "respondents": consultation.respondents if consultation else None,
                "by_type": "; ".join(f"{label}: {n}" for label, n in consultation.by_type) if consultation else "",
                "evidence": " | ".join(f"{e.question.text}: {e.summary}" for e in p.evidence),
                "calls": ", ".join(p.calls),
            }
        )
    return rows


def _measures(pack) -> list[dict]:
    rows = [
        {
            "kind": _("Implementation measure"),
            "code": str(m.measure),
            "text": m.measure.text,
            "calls": ", ".join(m.calls),
        }
        for m in pack.usage.measures
    ]
    rows += [
        {
            "kind": _("Type of intervention"),
            "code": i.intervention_field.code if i.intervention_field else "",
            "text": i.intervention_field.title if i.intervention_field else _("not given"),
            "operations": i.operations,
            "total_cost": i.total_cost,
            "eu_contribution": i.eu_contribution,
        }
        for i in pack.usage.interventions
    ]
    return rows


def _calls(pack) -> list[dict]:
    rows = []
    for c in pack.calls:
        call, approving = c.call, c.approving_decision
        rows.append(
            {
                "reference": call.reference,
                "title": call.title,
                "status": c.status_label,
                "objective": call.specific_objective.label,
                "modality": call.implementation_modality.name,
                "budget": call.budget,
                "rate": call.cofinancing_rate,
                "total_eligible_cost": call.total_eligible_cost,
                "min_grant": call.min_grant,
                "max_grant": call.max_grant,
                "opens_at": _local(call.opens_at),
                "closes_at": _local(call.closes_at),
                "max_score": c.max_score,
                "overall_threshold": call.overall_threshold,
                "decision": approving.reference if approving else "",
                "decision_date": approving.decision_date if approving else None,
                "operations": c.operations["operations"],
                "operations_total_cost": c.operations["total_cost"],
                "operations_eu": c.operations["eu_contribution"],
            }
        )
    return rows


def _criteria(pack) -> list[dict]:
    rows = []
    for c in pack.calls:
        for a in c.award_criteria:
            rows.append(
                {
                    "call": c.call.reference,
                    "kind": _("Award criterion"),
                    "position": a.position,
                    "text": a.title,
                    "max_points": a.max_points,
                    "weight": a.weight,
                    "weighted_max": (a.max_points * a.weight).quantize(a.max_points),
                    "threshold": a.threshold,
                }
            )
        for e in c.eligibility_criteria:
            rows.append(
                {"call": c.call.reference, "kind": _("Eligibility criterion"), "position": e.position, "text": e.text}
            )
    return rows


def _decisions(pack) -> list[dict]:
    return [
        {
            "call": c.call.reference,
            "reference": d.reference,
            "decision_date": d.decision_date,
            "outcome": d.outcome_label,
            "votes_for": d.votes_for,
            "votes_against": d.votes_against,
            "abstentions": d.abstentions,
            "taken_in": d.taken_in,
            "conditions": d.conditions,
            "applies": _("no: the content changed afterwards") if d.lapsed else _("yes"),
        }
        for c in pack.calls
        for d in c.decisions
    ]


def _fields() -> list[dict]:
    return [
        {"key": f.key, "label": str(f.label), "meaning": str(f.meaning), "legal_basis": f.legal_basis} for f in COLUMNS
    ]


def _c(*pairs) -> list[Column]:
    return [Column(key, str(label)) for key, label in pairs]


def sheets(pack) -> list[tuple]:
    """``(title, columns, rows)`` for each sheet, in the pack's language."""
    money = _("EU contribution"), _("National contribution"), _("Total")
    return [
        (_("Summary"), _c(("item", _("Item")), ("value", _("Value"))), _summary(pack)),
        (
            _("Envelope"),
            _c(
                ("objective", _("Specific objective")),
                ("year", _("Year")),
                ("eu_contribution", money[0]),
                ("national_contribution", money[1]),
                ("total", money[2]),
            ),
            _envelope(pack),
        ),
        (
            _("Programme versions"),
            _c(
                ("version", _("Version")),
                ("status", _("Status")),
                ("submitted_on", _("Submitted to the Commission on")),
                ("decision_number", _("Commission decision")),
                ("decision_date", _("Decision date")),
                ("reason", _("Reason for the amendment")),
            ),
            _versions(pack),
        ),
        (
            _("Use by objective"),
            _c(
                ("objective", _("Specific objective")),
                ("allocated_eu", _("Allocated (EU)")),
                ("in_calls", _("In approved calls (EU)")),
                ("committed_eu", _("Committed to operations (EU)")),
                ("operations", _("Operations")),
            ),
            _objectives(pack),
        ),
        (
            _("Priorities"),
            _c(
                ("code", _("Code")),
                ("title", _("Priority")),
                ("description", _("Description")),
                ("adopted_on", _("Adopted on")),
                ("survey", _("Stakeholder survey")),
                ("respondents", _("Respondents")),
                ("by_type", _("Respondents by type")),
                ("evidence", _("Findings")),
                ("calls", _("Calls serving it")),
            ),
            _priorities(pack),
        ),
        (
            _("Measures funded"),
            _c(
                ("kind", _("Kind")),
                ("code", _("Code")),
                ("text", _("Description")),
                ("calls", _("Calls")),
                ("operations", _("Operations")),
                ("total_cost", _("Total cost")),
                ("eu_contribution", money[0]),
            ),
            _measures(pack),
        ),
        (
            _("Calls"),
            _c(
                ("reference", _("Reference")),
                ("title", _("Title")),
                ("status", _("Status")),
                ("objective", _("Specific objective")),
                ("modality", _("Implementation modality")),
                ("budget", _("Budget (EU contribution)")),
                ("rate", _("Co-financing rate")),
                ("total_eligible_cost", _("Total eligible cost")),
                ("min_grant", _("Minimum grant")),
                ("max_grant", _("Maximum grant")),
                ("opens_at", _("Opens")),
                ("closes_at", _("Closes")),
                ("max_score", _("Maximum weighted score")),
                ("overall_threshold", _("Overall threshold")),
                ("decision", _("Committee decision")),
                ("decision_date", _("Decision date")),
                ("operations", _("Operations")),
                ("operations_total_cost", _("Total cost of the operations")),
                ("operations_eu", _("EU contribution to the operations")),
            ),
            _calls(pack),
        ),
        (
            _("Criteria"),
            _c(
                ("call", _("Call")),
                ("kind", _("Kind")),
                ("position", _("No.")),
                ("text", _("Criterion")),
                ("max_points", _("Maximum points")),
                ("weight", _("Weight")),
                ("weighted_max", _("Weighted maximum")),
                ("threshold", _("Threshold")),
            ),
            _criteria(pack),
        ),
        (
            _("Committee decisions"),
            _c(
                ("call", _("Call")),
                ("reference", _("Reference")),
                ("decision_date", _("Date")),
                ("outcome", _("Outcome")),
                ("votes_for", _("For")),
                ("votes_against", _("Against")),
                ("abstentions", _("Abstentions")),
                ("taken_in", _("Taken in")),
                ("conditions", _("Conditions")),
                ("applies", _("Still applies")),
            ),
            _decisions(pack),
        ),
        # Column names are the field map's keys, as in every other output of the list of operations.
        (_("Projects"), [Column(f.key, f.key) for f in COLUMNS], pack.projects.rows),
        (
            _("Fields"),
            _c(
                ("key", _("Column")), ("label", _("Name")), ("meaning", _("Meaning")), ("legal_basis", _("Legal basis"))
            ),
            _fields(),
        ),
    ]


def render(pack) -> bytes:
    with translation.override(pack.language):
        parts = [(str(title)[:31], columns, rows) for title, columns, rows in sheets(pack)]
        header = [texts.data_line(pack), texts.question_line(pack.question)]
        return xlsx_bytes(parts, header_rows={title: [header] for title, _columns, _rows in parts})
