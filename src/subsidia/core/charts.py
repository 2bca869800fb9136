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
        left, right, top, bottom = 110, 20, 40, 70
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
        # Legend below the axis.
        lx = left
        ly = self.height - 24
        for k, serie in enumerate(self.series):
            colour = serie.colour or PALETTE[k % len(PALETTE)]
            parts.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{colour}"/>')
            parts.append(f'<text x="{lx + 16}" y="{ly}" font-size="12" fill="#222">{escape(serie.label)}</text>')
            lx += 22 + 7 * len(serie.label)
        parts.append("</svg>")
        return "".join(parts)
