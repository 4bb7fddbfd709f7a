"""Assemble the report page: data quality, the coverage heat map, one chart per indicator."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from report.data import Indicator, PlottedValue, Quality, ReportData
from report.svg import CELL_FILL, Bar, Cell, bar_chart, heat_map, number

MAX_BARS = 60  # per indicator chart; the rest are counted under the chart
MAX_HEATMAP_COLUMNS = 80  # jurisdiction-years, the most complete first
HEATMAP_TITLE = "Indicator coverage by jurisdiction and year"

STYLE = """
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif;
       margin: 2em auto; max-width: 1100px; color: #222; line-height: 1.45; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
h3 { margin-bottom: .2em; } .en { color: #555; } .muted { color: #666; font-size: .9em; }
table { border-collapse: collapse; font-size: .9em; margin: .5em 0; }
td, th { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; } tr:target { background: #fff3c4; }
.status { display: inline-block; padding: .2em .7em; border-radius: .3em; color: #fff; font-weight: bold; }
.ok { background: #2e7d32; } .bad { background: #c62828; } .unknown { background: #757575; }
.legend span { display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin: 0 .3em 0 1em; }
.scroll { overflow-x: auto; } mark { background: #ffe082; } nav a { margin-right: 1em; }
section.indicator { margin-bottom: 2.5em; } .row { display: flex; flex-wrap: wrap; gap: 1.5em; }
.row table { align-self: flex-start; }
"""


def render_page(data: ReportData, warehouse: Path) -> str:
    by_metric: dict[str, list[PlottedValue]] = defaultdict(list)
    for value in data.values:
        by_metric[value.metric_id].append(value)
    plotted = [indicator for indicator in data.indicators if by_metric.get(indicator.metric_id)]
    jurisdictions = {value.jurisdiction_id for value in data.values}
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<header><h1>法治政府建设年度报告指标 "
        "<span class='en'>· Rule-of-law government report metrics</span></h1>",
        f"<p class='muted'>Warehouse <code>{escape(str(warehouse))}</code> · generated {generated} · "
        f"{len(data.values)} values of {len(plotted)} indicators for {len(jurisdictions)} jurisdictions. "
        "Hover a bar or a cell for its source sentence; click it to jump to the value's row.</p></header>",
        "<nav><a href='#quality'>Data quality</a><a href='#coverage'>Coverage</a>"
        "<a href='#indicators'>Indicators</a></nav>",
        quality_section(data.quality),
        coverage_section(plotted, by_metric),
        "<h2 id='indicators'>Indicators by jurisdiction and year <span class='en'>指标</span></h2>",
        *(indicator_section(indicator, by_metric[indicator.metric_id]) for indicator in plotted),
    ]
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>fazhi report</title><style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n"
    )


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %Z")
    if isinstance(value, float):
        return number(value)
    return str(value)


def quality_section(quality: Quality) -> str:
    validation = quality.last_validation
    if validation is None:
        badge = "<span class='status unknown'>no validation recorded</span>"
    elif validation["success"]:
        badge = "<span class='status ok'>checks passed</span>"
    else:
        badge = "<span class='status bad'>checks failed</span>"
    tables = []
    for title, record in (("Last published refresh", quality.last_run), ("Last validation", validation)):
        if record:
            cells = [(escape(k), escape(_cell(v))) for k, v in record.items()]
            rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in cells)
            tables.append(f"<table><tr><th colspan='2'>{escape(title)}</th></tr>{rows}</table>")
    counts = "".join(
        f"<tr><td>{escape(status)}</td><td class='num'>{count:,}</td></tr>"
        for status, count in quality.dq_status_counts.items()
    )
    return (
        "<h2 id='quality'>Data quality of the last refresh <span class='en'>数据质量</span></h2>"
        f"<p>{badge} <span class='muted'>audit.refresh_runs, audit.validation_runs (Great Expectations) and "
        "fct_quantity_mentions.dq_status</span></p>"
        f"<div class='row'>{''.join(tables)}"
        "<table><tr><th>dq_status of the quantity mentions</th><th>mentions</th></tr>"
        f"{counts}</table></div>"
    )


def _tooltip(indicator: Indicator, value: PlottedValue) -> str:
    lines = [
        f"{value.jurisdiction_name} {value.report_year} · {indicator.name_zh}: "
        f"{number(value.value)} {value.unit}",
        f"「{value.sentence}」" if value.sentence else "(no source sentence)",
        f"{value.file_name or ''} · {value.surface or ''}",
    ]
    if value.has_disagreement:
        lines.append(f"{value.n_supporting_mentions} mentions state different values")
    return "\n".join(lines)


def coverage_section(indicators: list[Indicator], by_metric: dict[str, list[PlottedValue]]) -> str:
    columns_count: dict[tuple[str, int], int] = defaultdict(int)
    names: dict[str, str] = {}
    for values in by_metric.values():
        for value in values:
            columns_count[(value.jurisdiction_id, value.report_year)] += 1
            names[value.jurisdiction_id] = value.jurisdiction_name
    chosen = sorted(columns_count, key=lambda key: (-columns_count[key], names[key[0]], key[1]))
    shown = sorted(chosen[:MAX_HEATMAP_COLUMNS], key=lambda key: (names[key[0]], key[1]))
    column_index = {key: j for j, key in enumerate(shown)}
    cells = []
    for i, indicator in enumerate(indicators):
        for value in by_metric[indicator.metric_id]:
            j = column_index.get((value.jurisdiction_id, value.report_year))
            if j is None:
                continue
            state = "flagged" if value.dq_status not in (None, "ok") else (
                "disagreement" if value.has_disagreement else "reported")  # fmt: skip
            cells.append(Cell(i, j, state, _tooltip(indicator, value), f"#{value.anchor}"))
    labels = [f"{ind.name_zh[:22]}" for ind in indicators]
    columns = [f"{names[j]} {y}" for j, y in shown]
    legend = "".join(f"<span style='background:{fill}'></span>{escape(k)}" for k, fill in CELL_FILL.items())
    omitted = len(chosen) - len(shown)
    note = f" {omitted} less complete jurisdiction-years are not shown." if omitted else ""
    return (
        "<h2 id='coverage'>Which indicators each jurisdiction reports <span class='en'>指标覆盖</span></h2>"
        f"<p class='legend muted'>{legend}<span style='background:#f2f2f2'></span>not reported.{note}</p>"
        f"<div class='scroll'>{heat_map(labels, columns, cells, HEATMAP_TITLE)}</div>"
    )


def _highlighted(sentence: str, surface: str | None) -> str:
    at = sentence.find(surface) if surface else -1
    if at < 0:
        return escape(sentence)
    end = at + len(surface or "")
    return f"{escape(sentence[:at])}<mark>{escape(sentence[at:end])}</mark>{escape(sentence[end:])}"


def indicator_section(indicator: Indicator, values: list[PlottedValue]) -> str:
    shown = values[:MAX_BARS]
    bars = [Bar(v.jurisdiction_name, v.report_year, v.value, _tooltip(indicator, v), f"#{v.anchor}")
            for v in shown]  # fmt: skip
    omitted = len(values) - len(shown)
    note = f"<p class='muted'>{omitted} more values are not drawn; see the table.</p>" if omitted else ""
    rows = "".join(_value_row(v) for v in values)
    title = f"{indicator.name_zh} ({indicator.unit}) by jurisdiction and year"
    return (
        f"<section class='indicator' id='m-{escape(indicator.metric_id)}'>"
        f"<h3>{escape(indicator.name_zh)} <span class='en'>· {escape(indicator.name_en)}</span></h3>"
        f"<p class='muted'><code>{escape(indicator.metric_id)}</code> · {escape(indicator.unit)} · "
        f"{escape(indicator.kind)}<br>{escape(indicator.description_zh)}<br>{escape(indicator.description_en)}</p>"
        f"<div class='scroll'>{bar_chart(bars, indicator.unit, title)}</div>{note}"
        "<table><tr><th>jurisdiction</th><th>year</th><th>value</th><th>qualifier · period · scope</th>"
        f"<th>source sentence</th></tr>{rows}</table></section>"
    )


def _value_row(v: PlottedValue) -> str:
    notes = [v.qualifier or ""]
    if v.period and v.period != "year":
        notes.append(v.period)  # a partial period (1-11月): not comparable with a full year
    if v.scope:
        notes.append(v.scope)
    if v.has_disagreement:
        notes.append(f"disagreement ({v.n_supporting_mentions} mentions)")
    return (
        f"<tr id='{escape(v.anchor)}'><td>{escape(v.jurisdiction_name)}</td><td>{v.report_year}</td>"
        f"<td class='num'>{escape(number(v.value))} {escape(v.unit)}</td>"
        f"<td>{escape(' · '.join(n for n in notes if n))}</td>"
        f"<td>{_highlighted(v.sentence, v.surface)}<br>"
        f"<span class='muted'>{escape(v.file_name or '')}</span></td></tr>"
    )
