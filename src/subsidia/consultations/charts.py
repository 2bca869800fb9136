"""Server-rendered SVG charts of survey results (they appear on the page and in the PDF alike)."""

from decimal import Decimal

from django.utils.translation import gettext as _

from subsidia.core.charts import HorizontalBarChart, Series

from . import stats
from .constants import QuestionKind


def _per_respondent(points, answered):
    return stats.ratio(points or 0, answered) if answered else None


def question_chart(result, *, chart_id: str, breakdown: bool = False) -> str | None:
    """The chart of one question's results; ``None`` for numbers and free text (a table says it better)."""
    question, overall = result.question, result.overall
    if not overall.answered:
        return None
    groups = result.by_group if breakdown and result.by_group else []
    if question.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE):
        categories = [o.option.text for o in overall.options]
        if groups:
            series = [Series(g.label, [o.share for o in f.options]) for g, f in groups]
        else:
            series = [Series(_("All respondents"), [o.share for o in overall.options])]
        title = _("Share of respondents choosing each option: %(q)s") % {"q": question.text}
        return HorizontalBarChart(
            title, categories, series, chart_id=chart_id, value_format="percent", max_value=Decimal(1)
        ).render()
    if question.kind == QuestionKind.RANKING:
        order = [o.option.pk for o in overall.options]  # by Borda points, highest first
        categories = [o.option.text for o in overall.options]
        if groups:
            series = []
            for group, figures in groups:
                by_id = {o.option.pk: o for o in figures.options}
                series.append(Series(group.label, [_per_respondent(by_id[i].points, figures.answered) for i in order]))
            title = _("Borda points per respondent: %(q)s") % {"q": question.text}
        else:
            series = [Series(_("Borda points"), [Decimal(o.points) for o in overall.options])]
            title = _("Borda count (first place = most points): %(q)s") % {"q": question.text}
        decimals = 2 if groups else None
        return HorizontalBarChart(title, categories, series, chart_id=chart_id, decimals=decimals).render()
    if question.kind == QuestionKind.SCALE:
        categories = [str(v.value) for v in overall.distribution]
        if groups:
            series = [Series(g.label, [v.share for v in f.distribution]) for g, f in groups]
            fmt, top = "percent", Decimal(1)
        else:
            series = [Series(_("Respondents"), [Decimal(v.count) for v in overall.distribution])]
            fmt, top = "number", None
        title = _("Answers on the scale from 1 to 5: %(q)s") % {"q": question.text}
        return HorizontalBarChart(
            title, categories, series, chart_id=chart_id, value_format=fmt, max_value=top, label_width=60
        ).render()
    return None
