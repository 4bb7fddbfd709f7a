"""Read the marts and the reference data from the build database, read-only, into pandas."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from checks.suite import Range, Reference

# Fixed queries (no input is pasted into SQL). `traceable`: the mention lies inside a paragraph
# of its own document; `metric_key`: metric_id or '' (pandas row conditions cannot test nulls
# without the python engine).
_TRACEABLE = """
    coalesce(p.paragraph_id is not null and p.document_id = t.document_id
             and t.char_start >= p.char_start and t.char_end <= p.char_end
             and t.char_start < t.char_end, false) as traceable
"""
MART_QUERIES: dict[str, str] = {
    "dim_documents": "select * from marts.dim_documents",
    "fct_quantity_mentions": f"""
        select t.*, coalesce(t.metric_id, '') as metric_key, {_TRACEABLE}
        from marts.fct_quantity_mentions t
        left join staging.stg_paragraphs p on p.paragraph_id = t.paragraph_id
    """,
    "fct_metric_observations": f"""
        select t.*, {_TRACEABLE}
        from marts.fct_metric_observations t
        left join staging.stg_paragraphs p on p.paragraph_id = t.paragraph_id
    """,
    "metrics_by_jurisdiction_year": "select * from marts.metrics_by_jurisdiction_year",
    "dim_metric": "select * from marts.dim_metric",
    "dim_jurisdiction": "select * from marts.dim_jurisdiction",
}

ALLOWED_UNITS_SQL = """
    select unit from seeds.units where unit is not null
    union select unit from seeds.noun_units where unit is not null
    union select unit from seeds.metric_catalog where unit is not null
    order by unit
"""
FLAGGED_SQL = """
    select mention_id, document_id, file_name, surface, value, unit, kind, metric_id,
           dq_valid_min, dq_valid_max, dq_status
    from marts.fct_quantity_mentions where dq_status <> 'ok'
    order by document_id, char_start, mention_id
"""


@dataclass
class MartData:
    frames: dict[str, pd.DataFrame]
    reference: Reference
    flagged: pd.DataFrame  # mentions whose dq_status is not ok: kept, flagged and listed


def _bound(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)  # type: ignore[arg-type]


def read_marts(build_db: Path) -> MartData:
    """One read-only connection: it cannot change the build, and never blocks another reader."""
    with duckdb.connect(str(build_db), read_only=True) as con:
        frames = {table: con.sql(sql).df() for table, sql in MART_QUERIES.items()}
        catalog = con.sql("select metric_id, valid_min, valid_max from seeds.metric_catalog").fetchall()
        kinds = con.sql("select kind, unit, valid_min, valid_max from seeds.dq_kind_ranges").fetchall()
        units = [row[0] for row in con.sql(ALLOWED_UNITS_SQL).fetchall()]
        flagged = con.sql(FLAGGED_SQL).df()
    reference = Reference(
        catalog_ranges={m: Range(_bound(lo), _bound(hi)) for m, lo, hi in catalog},
        kind_ranges={(k, u): Range(_bound(lo), _bound(hi)) for k, u, lo, hi in kinds},
        allowed_units=units,
        last_sane_year=datetime.now(UTC).year + 1,
    )
    return MartData(frames, reference, flagged)
