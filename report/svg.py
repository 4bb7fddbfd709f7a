"""Inline SVG charts, drawn in Python: no JavaScript, no CDN, readable offline and in print.

Every mark carries a <title> (the browser's tooltip) and links to its source sentence. All text is
escaped here, at the point it enters the markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "font-family=\"'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif\""
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" role="img"'
YEAR_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#e45756", "#72b7b2", "#9d755d", "#eeca3b")


def number(value: float | None) -> str:
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def year_colour(year: int) -> str:
    """The same colour for a year in every chart."""
    return YEAR_COLOURS[year % len(YEAR_COLOURS)]


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # jurisdiction
    year: int
    value: float | None
    tooltip: str
    href: str


def bar_chart(bars: Sequence[Bar], unit: str, title: str) -> str:
    """Horizontal bars, one per jurisdiction and year (long Chinese names fit as row labels)."""
    row, label_width, plot_width, top = 22, 210, 420, 8
    values = [b.value for b in bars if b.value is not None]
    # a rate is drawn against 100 %, so 21.6 % never fills the axis
    low, high = min([0.0, *values]), max([100.0 if unit == "%" else 0.0, *values])
    span = (high - low) or 1.0

    def x(v: float) -> float:
        return label_width + (v - low) / span * plot_width

    height = top + row * len(bars) + 24
    parts = [
        f'{SVG_OPEN} class="chart" width="{label_width + plot_width + 110}" height="{height}" '
        f'{FONT} font-size="12"><title>{escape(title)}</title>',
        f'<line x1="{x(0):.1f}" y1="{top}" x2="{x(0):.1f}" y2="{height - 20}" stroke="#999"/>',
    ]
    previous = None
    for i, bar in enumerate(bars):
        y = top + i * row
        name = escape(bar.label) if bar.label != previous else ""
        previous = bar.label
        parts.append(
            f'<text x="{label_width - 48}" y="{y + 15}" text-anchor="end">{name}</text>'
            f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end" fill="#555">{bar.year}</text>'
        )
        link = f'<a href="{escape(bar.href)}"><title>{escape(bar.tooltip)}</title>'
        if bar.value is None:
            parts.append(f'{link}<text x="{x(0) + 4:.1f}" y="{y + 15}" fill="#888">n/a</text></a>')
            continue
        x0, x1 = sorted((x(0), x(bar.value)))
        parts.append(
            f'{link}<rect class="bar" x="{x0:.1f}" y="{y + 3}" width="{max(x1 - x0, 1):.1f}" '
            f'height="{row - 6}" fill="{year_colour(bar.year)}"/>'
            f'<text x="{x1 + 4:.1f}" y="{y + 15}">{escape(number(bar.value))}</text></a>'
        )
    parts.append(
        f'<text x="{label_width}" y="{height - 4}" fill="#555">{escape(number(low))}</text>'
        f'<text x="{label_width + plot_width}" y="{height - 4}" text-anchor="end" fill="#555">'
        f"{escape(number(high))} {escape(unit)}</text></svg>"
    )
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    column: int
    state: str  # reported | disagreement | flagged
    tooltip: str
    href: str


CELL_FILL = {"reported": "#4c78a8", "disagreement": "#f58518", "flagged": "#e45756"}


def heat_map(rows: Sequence[str], columns: Sequence[str], cells: Sequence[Cell], title: str) -> str:
    """Indicators (rows) by jurisdiction and year (columns): a filled cell is a reported value."""
    size, label_width = 16, 300
    header = 12 + 11 * max((len(c) for c in columns), default=4)  # vertical labels, ~11 px per character
    width = label_width + size * len(columns) + 10
    height = header + size * len(rows) + 10
    parts = [
        f'{SVG_OPEN} class="heatmap" width="{width}" height="{height}" {FONT} font-size="11">'
        f"<title>{escape(title)}</title>",
        f'<rect x="{label_width}" y="{header}" width="{size * len(columns)}" height="{size * len(rows)}" '
        'fill="#f2f2f2"/>',
    ]
    for j, column in enumerate(columns):
        cx = label_width + j * size + size / 2
        parts.append(
            f'<text transform="translate({cx + 4:.1f},{header - 4}) rotate(-90)">{escape(column)}</text>'
        )
    for i, label in enumerate(rows):
        parts.append(f'<text x="{label_width - 6}" y="{header + i * size + 12}" text-anchor="end">'
                     f"{escape(label)}</text>")  # fmt: skip
    for cell in cells:
        parts.append(
            f'<a href="{escape(cell.href)}"><title>{escape(cell.tooltip)}</title>'
            f'<rect class="cell" x="{label_width + cell.column * size + 1}" '
            f'y="{header + cell.row * size + 1}" width="{size - 2}" height="{size - 2}" '
            f'fill="{CELL_FILL[cell.state]}"/></a>'
        )
    parts.append("</svg>")
    return "".join(parts)
