"""Charts rendered as SVG on the server, so they need no script and also appear in PDF reports."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape

from . import formatting

# Colour-blind-safe palette (Okabe-Ito), dark enough for text contrast on white where used as labels.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]


@dataclass
class Series:
    label: str
    values: list[Decimal]
    colour: str = ""


@dataclass
class StackedBarChart:
    title: str
    categories: list[str]
    series: list[Series] = field(default_factory=list)
    width: int = 720
    height: int = 360
    value_format: str = "money"

    def _fmt(self, value) -> str:
        return formatting.money(value) if self.value_format == "money" else formatting.number(value)

    def render(self) -> str:
        """An accessible SVG: a title, a description listing every value, and a legend."""
        left, right, top, bottom = 110, 20, 40, 80
        plot_w = self.width - left - right
        plot_h = self.height - top - bottom
        totals = [sum((s.values[i] for s in self.series), Decimal(0)) for i in range(len(self.categories))]
        peak = max(totals, default=Decimal(0)) or Decimal(1)
        n = max(len(self.categories), 1)
        slot = plot_w / n
        bar_w = slot * 0.6
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" '
            f'width="100%" role="img" aria-labelledby="chart-title chart-desc" class="chart">',
            f'<title id="chart-title">{escape(self.title)}</title>',
            '<desc id="chart-desc">'
            + escape(
                "; ".join(
                    f"{cat}: "
                    + ", ".join(f"{s.label} {self._fmt(s.values[i])}" for s in self.series)
                    for i, cat in enumerate(self.categories)
                )
            )
            + "</desc>",
        ]
        # Horizontal grid with four steps.
        for step in range(5):
            value = peak * step / 4
            y = top + plot_h - float(value / peak) * plot_h
            parts.append(
                f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc" stroke-width="1"/>'
            )
            parts.append(
                f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#333">'
                f"{escape(formatting.number(value, decimals=0))}</text>"
            )
        for i, category in enumerate(self.categories):
            x = left + slot * i + (slot - bar_w) / 2
            y_base = top + plot_h
            for k, serie in enumerate(self.series):
                value = serie.values[i]
                if not value:
                    continue
                h = float(value / peak) * plot_h
                y_base -= h
                colour = serie.colour or PALETTE[k % len(PALETTE)]
                parts.append(
                    f'<rect x="{x:.1f}" y="{y_base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}">'
                    f"<title>{escape(category)} – {escape(serie.label)}: {escape(self._fmt(value))}</title></rect>"
                )
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="12" '
                f'fill="#222">{escape(category)}</text>'
            )
        # Legend below the axis, wrapping onto a second line when it does not fit.
        lx = left
        ly = self.height - 34
        for k, serie in enumerate(self.series):
            colour = serie.colour or PALETTE[k % len(PALETTE)]
            width = 22 + 7 * len(serie.label)
            if lx + width > self.width and lx > left:
                lx, ly = left, ly + 18
            parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{colour}"/>')
            parts.append(f'<text x="{lx + 16}" y="{ly}" font-size="12" fill="#222">{escape(serie.label)}</text>')
            lx += width
        parts.append("</svg>")
        return "".join(parts)


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """Break a label into at most ``lines`` lines of about ``width`` characters (the last one shortened)."""
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: max(width - 1, 1)].rstrip() + "…"
    return out or [""]


@dataclass
class HorizontalBarChart:
    """Horizontal bars, one per category and series (grouped when there are several series): long labels
    such as survey options fit on the left. Accessible like ``StackedBarChart``: a title, a description with
    every value, and the caller shows the same figures in a table next to it. ``chart_id`` keeps the ids
    unique when a page holds several charts."""

    title: str
    categories: list[str]
    series: list[Series] = field(default_factory=list)
    chart_id: str = "hbar"
    value_format: str = "number"  # "number", "percent" (values are fractions: 0.25) or "money"
    max_value: Decimal | None = None  # the scale's end (1 for shares); the largest value by default
    width: int = 720
    label_width: int = 250
    bar_height: int = 16
    decimals: int | None = None  # fixed decimals for "number" values (None: as they are)

    def _fmt(self, value) -> str:
        if value is None:
            return "–"
        if self.value_format == "percent":
            return formatting.percent(value, decimals=0)
        if self.value_format == "money":
            return formatting.money(value)
        return formatting.number(value, decimals=self.decimals)

    def _legend_rows(self, left: int) -> list[list[tuple[int, int, Series]]]:
        """Legend entries placed left to right, wrapping to a new row before the right edge."""
        rows, row, x = [], [], left
        for k, serie in enumerate(self.series):
            width = 30 + 7 * len(serie.label)
            if row and x + width > self.width:
                rows.append(row)
                row, x = [], left
            row.append((x, k, serie))
            x += width
        if row:
            rows.append(row)
        return rows

    def render(self) -> str:
        n_series = max(len(self.series), 1)
        # Room right of the longest bar for its value (about 6.5 px a character at font size 11).
        longest = max((len(self._fmt(v)) for s in self.series for v in s.values), default=0)
        left, right = self.label_width + 10, max(70, int(6.5 * longest) + 10)
        legend = self._legend_rows(20) if len(self.series) > 1 else []
        gap, pad_top, legend_h = 10, 10, 20 * len(legend)
        block = self.bar_height * n_series + gap
        label_lines = [_wrap(c, max(self.label_width // 7, 8), 3) for c in self.categories]
        blocks = [max(block, 14 * len(lines) + gap) for lines in label_lines]
        height = pad_top + sum(blocks) + legend_h + 14
        plot_w = self.width - left - right
        values = [v for s in self.series for v in s.values if v is not None]
        peak = Decimal(self.max_value) if self.max_value else max(values, default=Decimal(0))
        peak = peak or Decimal(1)
        title_id, desc_id = f"{self.chart_id}-title", f"{self.chart_id}-desc"
        description = "; ".join(
            f"{cat}: " + ", ".join(
                (f"{s.label} " if len(self.series) > 1 else "") + self._fmt(s.values[i]) for s in self.series)
            for i, cat in enumerate(self.categories)
        )
        parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {height}" width="100%" '
            f'role="img" aria-labelledby="{title_id} {desc_id}" class="chart" id="{escape(self.chart_id)}">',
            f'<title id="{title_id}">{escape(self.title)}</title>',
            f'<desc id="{desc_id}">{escape(description)}</desc>',
            f'<line x1="{left}" x2="{left}" y1="{pad_top - 4}" y2="{pad_top + sum(blocks) - gap + 4}" '
            'stroke="#555" stroke-width="1"/>',
        ]
        y = pad_top
        for i, category in enumerate(self.categories):
            lines = label_lines[i]
            bars_h = self.bar_height * n_series
            content_h = blocks[i] - gap
            bars_top = y + (content_h - bars_h) / 2  # bars and label centred on each other
            text_y = y + content_h / 2 - (len(lines) - 1) * 7 + 4
            parts.append(f'<text x="{left - 8}" y="{text_y:.1f}" text-anchor="end" font-size="12" fill="#222">')
            for k, line in enumerate(lines):
                parts.append(f'<tspan x="{left - 8}" dy="{0 if k == 0 else 14}">{escape(line)}</tspan>')
            parts.append("</text>")
            for k, serie in enumerate(self.series):
                value = serie.values[i]
                colour = serie.colour or PALETTE[k % len(PALETTE)]
                bar_y = bars_top + k * self.bar_height
                w = float(Decimal(value or 0) / peak) * plot_w if value else 0
                label = f"{category} – {serie.label}: " if len(self.series) > 1 else f"{category}: "
                parts.append(
                    f'<rect x="{left}" y="{bar_y + 1:.1f}" width="{max(w, 0):.1f}" '
                    f'height="{self.bar_height - 2}" fill="{colour}">'
                    f"<title>{escape(label + self._fmt(value))}</title></rect>"
                )
                parts.append(
                    f'<text x="{left + w + 4:.1f}" y="{bar_y + self.bar_height - 4:.1f}" font-size="11" '
                    f'fill="#222">{escape(self._fmt(value))}</text>'
                )
            y += blocks[i]
        for row_index, row in enumerate(legend):
            ly = y + 4 + 20 * row_index
            for lx, k, serie in row:
                colour = serie.colour or PALETTE[k % len(PALETTE)]
                parts.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{colour}"/>')
                parts.append(
                    f'<text x="{lx + 16}" y="{ly + 10}" font-size="12" fill="#222">'
                    f"{escape(serie.label)}</text>"
                )
        parts.append("</svg>")
        return "".join(parts)
