"""Survey results as XLSX and PDF, from the same selectors as the page, in the requested language."""

from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.core import formatting
from subsidia.core.exports import Column, xlsx_response
from subsidia.core.pdf import pdf_response, render_pdf

from .charts import question_chart
from .constants import CHOICE_KINDS, QuestionKind
from .selectors import survey_results


def _pct(share):
    return None if share is None else (share * 100).quantize(Decimal("0.01"))


def summary_columns():
    return [
        Column("group", _("Group of respondents")),
        Column("types", _("Stakeholder types")),
        Column("respondents", _("Respondents")),
    ]


def summary_rows(results):
    yield {"group": _("All respondents"), "types": "", "respondents": results.respondents}
    for group in results.groups:
        yield {"group": group.label, "types": ", ".join(group.types), "respondents": group.respondents}


def result_columns():
    return [
        Column("position", _("No.")),
        Column("question", _("Question")),
        Column("kind", _("Kind")),
        Column("group", _("Group of respondents")),
        Column("answer", _("Answer")),
        Column("count", _("Count")),
        Column("share", _("Share (%)")),
        Column("points", _("Borda points")),
        Column("first_places", _("First places")),
        Column("mean_rank", _("Mean rank")),
        Column("answered", _("Answered")),
        Column("respondents", _("Respondents")),
    ]


def _figure_rows(question, label, figures):
    base = {
        "position": question.position,
        "question": question.text,
        "kind": question.get_kind_display(),
        "group": label,
        "answered": figures.answered,
        "respondents": figures.respondents,
    }
    if question.kind in CHOICE_KINDS:
        for o in figures.options:
            yield {
                **base,
                "answer": o.option.text,
                "count": o.count,
                "share": _pct(o.share),
                "points": o.points,
                "first_places": o.first_places,
                "mean_rank": o.mean_rank,
            }
    elif question.kind == QuestionKind.SCALE:
        for v in figures.distribution:
            yield {**base, "answer": str(v.value), "count": v.count, "share": _pct(v.share)}
        yield {**base, "answer": _("Mean"), "count": figures.mean}
        yield {**base, "answer": _("Median"), "count": figures.median}
    elif question.kind == QuestionKind.NUMBER:
        for label_, value in (
            (_("Mean"), figures.mean),
            (_("Median"), figures.median),
            (_("Lowest"), figures.minimum),
            (_("Highest"), figures.maximum),
        ):
            yield {**base, "answer": label_, "count": value}
    else:
        yield {**base, "answer": _("Written answers"), "count": len(figures.texts)}


def result_rows(results):
    for result in results.questions:
        yield from _figure_rows(result.question, _("All respondents"), result.overall)
        for group, figures in result.by_group:
            yield from _figure_rows(result.question, group.label, figures)


def text_columns():
    return [
        Column("position", _("No.")),
        Column("question", _("Question")),
        Column("group", _("Group of respondents")),
        Column("text", _("Answer")),
    ]


def text_rows(results):
    for result in results.questions:
        if result.question.kind != QuestionKind.FREE_TEXT:
            continue
        sources = result.by_group or [(None, result.overall)]
        for group, figures in sources:
            for text in figures.texts:
                yield {
                    "position": result.question.position,
                    "question": result.question.text,
                    "group": group.label if group else _("All respondents"),
                    "text": text,
                }


def filename(survey, extension: str, language: str) -> str:
    return f"survey-{survey.pk}-results-{language}.{extension}"


def results_xlsx(survey, *, language: str):
    with translation.override(language):
        results = survey_results(survey)
        heading = [
            [survey.title],
            [_("Programme"), f"{survey.programme.cci} {survey.programme.title}"],
            [
                _("Open from"),
                formatting.datetime(survey.opens_at),
                _("until"),
                formatting.datetime(survey.closes_at),
            ],
            [_("Data as of"), formatting.datetime(results.data_date)],
            [_("Respondents"), results.respondents, _("Invited"), results.invited],
            [_("Groups of fewer than five respondents are merged: no organisation can be identified.")],
        ]
        if survey.programme.is_demo:
            heading.append([_("Demo data: the answers are made up for demonstration.")])
        summary, details, texts = _("Summary"), _("Results"), _("Written answers")
        sheets = [
            (summary, summary_columns(), list(summary_rows(results))),
            (details, result_columns(), list(result_rows(results))),
            (texts, text_columns(), list(text_rows(results))),
        ]
        return xlsx_response(filename(survey, "xlsx", language), sheets, header_rows={summary: heading})


def group_table(result) -> dict | None:
    """The breakdown of one question as a table: one column per group, cells already formatted."""
    if not result.by_group:
        return None
    question = result.question
    headers = [f"{g.label} (n = {f.respondents})" for g, f in result.by_group]
    rows = []

    def pct(share):
        return formatting.percent(share, decimals=0) if share is not None else "–"

    if question.kind in CHOICE_KINDS:
        order = [o.option.pk for o in result.overall.options]
        by_group = [{o.option.pk: o for o in f.options} for _g, f in result.by_group]
        for option_id, overall in zip(order, result.overall.options, strict=True):
            if question.kind == QuestionKind.RANKING:
                cells = [f"{g[option_id].points} ({_('place')} {g[option_id].place})" for g in by_group]
            else:
                cells = [f"{g[option_id].count} ({pct(g[option_id].share)})" for g in by_group]
            rows.append((overall.option.text, cells))
    elif question.kind == QuestionKind.SCALE:
        for index, value in enumerate(result.overall.distribution):
            rows.append(
                (
                    str(value.value),
                    [
                        f"{f.distribution[index].count} ({pct(f.distribution[index].share)})"
                        for _g, f in result.by_group
                    ],
                )
            )
        rows.append((_("Mean"), [formatting.number(f.mean, decimals=2) for _g, f in result.by_group]))
        rows.append((_("Median"), [formatting.number(f.median) for _g, f in result.by_group]))
    elif question.kind == QuestionKind.NUMBER:
        rows.append((_("Mean"), [formatting.number(f.mean, decimals=2) for _g, f in result.by_group]))
        rows.append((_("Median"), [formatting.number(f.median) for _g, f in result.by_group]))
    else:
        return None
    rows.append((_("Answered"), [str(f.answered) for _g, f in result.by_group]))
    return {"headers": headers, "rows": rows}


def results_context(survey, *, breakdown: bool = True) -> dict:
    results = survey_results(survey, breakdown=breakdown)
    items = []
    for index, result in enumerate(results.questions, start=1):
        items.append(
            {
                "result": result,
                "chart": question_chart(result, chart_id=f"chart-q{index}"),
                "group_chart": question_chart(result, chart_id=f"chart-q{index}-groups", breakdown=True)
                if result.by_group
                else None,
                "group_table": group_table(result),
            }
        )
    return {
        "survey": survey,
        "results": results,
        "items": items,
        "data_date": results.data_date,
        "breakdown": breakdown,
    }


def results_pdf(survey, *, language: str):
    with translation.override(language):
        context = results_context(survey)
        title = _("Survey results: %(title)s") % {"title": survey.title}
        content = render_pdf("consultations/results_pdf.html", context, language=language, title=title)
    return pdf_response(filename(survey, "pdf", language), content)
