"""The ranking as XLSX for officers, and decision letters as PDF rendered from the letter's frozen content.

A letter's ``content`` (canonical JSON, hashed when issued) holds the facts: who, which call, the outcome, the
scores per criterion, the reasons, the time limits. The PDF adds the fixed wording around them in the language
asked for; the binding language's rendering is the notified letter, the others are translations.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from subsidia.core import clock
from subsidia.core.exports import Column, xlsx_response
from subsidia.core.pdf import pdf_response, render_pdf

from . import pages
from .constants import LetterKind, Outcome


def ranking_xlsx(call, criteria, rows):
    columns = [
        Column("rank", _("Rank")),
        Column("reference", _("Reference")),
        Column("organisation", _("Organisation")),
        Column("title", _("Project title")),
        *[Column(f"c_{c.pk}", f"{c.position}. {c.title}") for c in criteria],
        Column("total", _("Total score")),
        Column("assessments", _("Assessments")),
        Column("flagged", _("Assessors differ")),
        Column("requested", _("EU grant counted (EUR)")),
        Column("cumulative", _("Cumulative (EUR)")),
        Column("granted", _("EU grant on the funding line (EUR)")),
        Column("outcome", _("Outcome")),
        Column("reserve", _("Place on the reserve list")),
    ]
    labels = dict(Outcome.choices)
    labels["incomplete"] = _("Assessment not complete")

    def lines():
        for r in rows:
            scores = r.scores
            yield {
                "rank": r.rank,
                "reference": r.application.reference,
                "organisation": r.application.organisation.legal_name,
                "title": r.application.title,
                **{f"c_{c.pk}": scores.get(c.pk) for c in criteria},
                "total": r.total,
                "assessments": r.assessments,
                "flagged": _("yes") if r.flagged else "",
                "requested": r.grant_basis,
                "cumulative": r.cumulative,
                "granted": r.granted,
                "outcome": str(labels.get(r.outcome, r.outcome)),
                "reserve": r.reserve_position,
            }

    title = _("Ranking")
    header = {
        title: [
            [f"{call.reference}: {call.title}"],
            [_("Budget (EUR)"), call.budget],
            [_("Computed at (Brussels)"), clock.to_local(clock.now()).replace(tzinfo=None)],
        ]
    }
    return xlsx_response(f"ranking-{call.reference}.xlsx", [(title, columns, lines())], header_rows=header)


# --- Letters ------------------------------------------------------------------------------------------------


def _get(mapping, *keys, default=None):
    """The first of ``keys`` present in ``mapping`` (dotted keys walk nested dicts)."""
    for key in keys:
        value = mapping
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
            if value is None:
                break
        if value not in (None, ""):
            return value
    return default


def _text(value, language):
    """A text of the content: a plain string, or a {"nl": …, "fr": …, "en": …} mapping."""
    if isinstance(value, dict):
        return value.get(language) or value.get(settings.SUBSIDIA_OFFICIAL_LANGUAGE) or next(iter(value.values()), "")
    return value or ""


def letter_scores(content: dict, language: str | None = None) -> list[dict]:
    language = language or settings.SUBSIDIA_OFFICIAL_LANGUAGE
    rows = []
    for score in _get(content, "scores", default=[]) or []:
        if not isinstance(score, dict):
            continue
        rows.append(
            {
                "position": score.get("position"),
                "title": _text(_get(score, "title", "criterion_title", "name"), language),
                "points": _get(score, "points"),
                "max_points": _get(score, "max_points", "max"),
                "threshold": _get(score, "threshold"),
                "justification": _text(_get(score, "justification", "comments"), language),
            }
        )
    return rows


def _decimal(value):
    try:
        return None if value in (None, "") else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def letter_context(letter, language: str) -> dict:
    content = pages.letter_content(letter)
    kind = _get(content, "kind", default=letter.kind)
    return {
        "letter": letter,
        "content": content,
        "kind": kind,
        "selected": kind in (LetterKind.SELECTED, LetterKind.PARTIAL),
        "binding": language == letter.language,
        "binding_language": letter.language,
        "reference": _get(content, "reference", default=letter.reference),
        "issued_at": letter.issued_at,
        "application_reference": _get(content, "application.reference", "application_reference"),
        "application_title": _get(content, "application.title", "title"),
        "organisation": _get(content, "organisation.legal_name", "organisation.name", "beneficiary", "organisation"),
        "address": _get(content, "organisation.address"),
        "call_reference": _get(content, "call.reference", "call_reference"),
        "call_title": _text(_get(content, "call.title", "call_title"), language),
        "decision_reference": _get(content, "decision.reference", "decision_reference"),
        "decision_date": _get(content, "decision.approved_at", "decision.date", "decided_at"),
        "rank": _get(content, "rank", "line.rank"),
        "ranked": _get(content, "ranked", "applications_ranked"),
        "total_points": _get(content, "total_points", "total", "line.total_points"),
        "max_total": _get(content, "max_total", "maximum_total"),
        "scores": letter_scores(content, language),
        "eu_amount": _decimal(_get(content, "eu_amount", "grant.eu_amount", "line.eu_amount")),
        "requested_eu": _decimal(_get(content, "requested_eu", "grant.requested_eu")),
        "total_eligible_cost": _decimal(_get(content, "total_eligible_cost", "grant.total_eligible_cost")),
        "cofinancing_rate": _decimal(_get(content, "cofinancing_rate", "grant.cofinancing_rate")),
        "reserve_position": _get(content, "reserve_position", "line.reserve_position"),
        "reasons": _text(_get(content, "reasons", "reasoning"), language),
        "outcome_text": _text(_get(content, "outcome_text"), language),
        "refusals": [
            {"subject": _text(r.get("subject") or r.get("text"), language), "reason": _text(r.get("reason"), language)}
            for r in _get(content, "refusals", default=[]) or []
            if isinstance(r, dict)
        ],
        "complaint_days": _get(content, "complaint.days"),
        "complaint_address": _text(_get(content, "complaint.address"), language),
        "complaint_text": _text(_get(content, "complaint.text"), language),
        "appeal_days": _get(content, "appeal.days"),
        "appeal_body": _text(_get(content, "appeal.body"), language),
        "appeal_text": _text(_get(content, "appeal.text"), language),
        "conditions": [_text(c, language) for c in _get(content, "conditions", default=[]) or []],
        "publication_text": _text(_get(content, "publication.text"), language),
        "sha256": letter.sha256,
    }


def letter_filename(letter, language: str) -> str:
    return f"{letter.reference}-{language}.pdf"


def letter_pdf(letter, language: str) -> bytes:
    context = letter_context(letter, language)
    with override(language):
        title = _("Decision letter %(reference)s") % {"reference": letter.reference}
    return render_pdf("assessment/letter.html", context, language=language, title=title)


def letter_response(letter, language: str):
    return pdf_response(letter_filename(letter, language), letter_pdf(letter, language))
