"""Read what the report shows from the published warehouse (read-only; every query is fixed SQL)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

# One row per plotted value: the chosen value of metrics_by_jurisdiction_year, with the paragraph
# its mention stands in (staging.stg_paragraphs) and where the surface lies in that paragraph.
VALUES_SQL = """
select
    v.metric_id,
    v.jurisdiction_id,
    v.jurisdiction_name,
    coalesce(j.jurisdiction_level, '') as jurisdiction_level,
    coalesce(j.province_name, '') as province_name,
    v.report_year,
    coalesce(v.value, v.stated_value) as value,
    coalesce(v.unit, v.stated_unit, '') as unit,
    v.qualifier,
    v.period,
    v.scope,
    v.has_disagreement,
    v.n_supporting_mentions,
    v.chosen_mention_id,
    v.chosen_surface,
    o.file_name,
    o.dq_status,
    p.paragraph_text,
    o.char_start - p.char_start as surface_offset
from marts.metrics_by_jurisdiction_year v
left join marts.dim_jurisdiction j on j.jurisdiction_id = v.jurisdiction_id
left join marts.fct_metric_observations o on o.mention_id = v.chosen_mention_id
left join staging.stg_paragraphs p on p.paragraph_id = o.paragraph_id
order by v.metric_id, j.province_name, v.jurisdiction_name, v.report_year
"""

INDICATORS_SQL = """
select metric_id, category, name_zh, name_en, kind, unit, description_zh, description_en
from marts.dim_metric order by category, metric_id
"""

LAST_RUN_SQL = """
select run_id, started_at, finished_at, outcome, files_seen, files_landed, files_rejected,
       checks_evaluated, checks_passed, checks_failed, values_flagged, dbt_docs
from audit.refresh_runs where outcome = 'published' order by started_at desc limit 1
"""

LAST_VALIDATION_SQL = """
select validated_at, gx_version, expectations_evaluated, expectations_passed, expectations_failed,
       values_flagged, max_out_of_range_share, success
from audit.validation_runs order by validated_at desc limit 1
"""

DQ_STATUS_SQL = "select dq_status, count(*) from marts.fct_quantity_mentions group by dq_status order by 1"

SENTENCE_END = re.compile(r"[。;;!!??\n]")


@dataclass(frozen=True, slots=True)
class Indicator:
    metric_id: str
    category: str
    name_zh: str
    name_en: str
    kind: str
    unit: str
    description_zh: str
    description_en: str


@dataclass(frozen=True, slots=True)
class PlottedValue:
    metric_id: str
    jurisdiction_id: str
    jurisdiction_name: str
    jurisdiction_level: str
    province_name: str
    report_year: int
    value: float | None
    unit: str
    qualifier: str | None
    period: str | None
    scope: str | None
    has_disagreement: bool
    n_supporting_mentions: int
    mention_id: str
    surface: str | None
    file_name: str | None
    dq_status: str | None
    sentence: str  # the source sentence, or the paragraph when no sentence boundary is found

    @property
    def anchor(self) -> str:
        """An HTML id for the value's source entry (mention ids hold ':' and '-', both valid in ids)."""
        return f"src-{self.mention_id}"


@dataclass(frozen=True, slots=True)
class Quality:
    last_run: dict[str, object] | None
    last_validation: dict[str, object] | None
    dq_status_counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class ReportData:
    indicators: list[Indicator]
    values: list[PlottedValue]
    quality: Quality


def source_sentence(paragraph: str | None, offset: int | None, surface: str | None) -> str:
    """The sentence of `paragraph` holding the surface at `offset` (falls back to the paragraph)."""
    if not paragraph:
        return ""
    if offset is None or not 0 <= offset <= len(paragraph):
        found = paragraph.find(surface) if surface else -1
        if found < 0:
            return paragraph
        offset = found
    start = 0
    for match in SENTENCE_END.finditer(paragraph, 0, offset):
        start = match.end()
    end_match = SENTENCE_END.search(paragraph, offset + len(surface or ""))
    end = end_match.end() if end_match else len(paragraph)
    return paragraph[start:end].strip()


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, object] | None:
    try:
        rows = _dicts(con.execute(sql))
    except duckdb.CatalogException:  # a warehouse from before the audit tables existed
        return None
    return rows[0] if rows else None


def read_report_data(warehouse: Path) -> ReportData:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        indicators = [Indicator(**row) for row in _dicts(con.execute(INDICATORS_SQL))]  # type: ignore[arg-type]
        values = [_plotted(row) for row in _dicts(con.execute(VALUES_SQL))]
        quality = Quality(
            last_run=_one(con, LAST_RUN_SQL),
            last_validation=_one(con, LAST_VALIDATION_SQL),
            dq_status_counts={str(k): int(v) for k, v in con.execute(DQ_STATUS_SQL).fetchall()},
        )
    return ReportData(indicators, values, quality)


def _plotted(row: dict[str, object]) -> PlottedValue:
    paragraph = row.pop("paragraph_text")
    offset = row.pop("surface_offset")
    surface = row.pop("chosen_surface")
    return PlottedValue(
        metric_id=str(row["metric_id"]),
        jurisdiction_id=str(row["jurisdiction_id"]),
        jurisdiction_name=str(row["jurisdiction_name"] or row["jurisdiction_id"]),
        jurisdiction_level=str(row["jurisdiction_level"]),
        province_name=str(row["province_name"]),
        report_year=int(row["report_year"]),  # type: ignore[arg-type]
        value=None if row["value"] is None else float(row["value"]),  # type: ignore[arg-type]
        unit=str(row["unit"]),
        qualifier=row["qualifier"],  # type: ignore[arg-type]
        period=row["period"],  # type: ignore[arg-type]
        scope=row["scope"],  # type: ignore[arg-type]
        has_disagreement=bool(row["has_disagreement"]),
        n_supporting_mentions=int(row["n_supporting_mentions"]),  # type: ignore[arg-type]
        mention_id=str(row["chosen_mention_id"]),
        surface=surface,  # type: ignore[arg-type]
        file_name=row["file_name"],  # type: ignore[arg-type]
        dq_status=row["dq_status"],  # type: ignore[arg-type]
        sentence=source_sentence(paragraph, offset, surface),  # type: ignore[arg-type]
    )
