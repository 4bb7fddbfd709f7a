"""A short printed table of the published metrics, by jurisdiction and year."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import duckdb

SUMMARY_SQL = """
select
    d.jurisdiction_name,
    d.report_year,
    count(distinct d.document_id) as documents,
    count(m.mention_id) as quantities,
    count(m.metric_id) as metric_values
from marts.dim_documents d
left join marts.fct_quantity_mentions m on m.document_id = d.document_id
group by all
order by d.jurisdiction_name, d.report_year
"""

METRICS_SQL = """
select
    y.jurisdiction_name,
    y.report_year,
    dm.name_zh,
    y.value,
    y.unit,
    y.qualifier,
    y.n_supporting_mentions
from marts.metrics_by_jurisdiction_year y
join marts.dim_metric dm using (metric_id)
where y.metric_id in (select unnest(?))
order by y.jurisdiction_name, y.report_year, y.metric_id
"""

HEADLINE_METRICS = [
    "admin_reconsideration_applications_received",
    "admin_reconsideration_cases_handled",
    "admin_reconsideration_cases_accepted",
    "admin_litigation_cases",
    "head_appearance_rate",
    "admin_litigation_loss_rate",
    "hotline_12345_tickets_received",
    "dispute_resolution_rate",
]


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(header: list[str], rows: list[tuple]) -> str:
    cells = [[_cell(v) for v in row] for row in [tuple(header), *rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def show(warehouse: Path) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        summary = con.execute(SUMMARY_SQL).fetchall()
        metrics = con.execute(METRICS_SQL, [HEADLINE_METRICS]).fetchall()
    return "\n\n".join(
        [
            format_table(["jurisdiction", "year", "documents", "quantities", "metric values"], summary),
            format_table(
                ["jurisdiction", "year", "indicator", "value", "unit", "qualifier", "mentions"], metrics
            ),
        ]
    )
