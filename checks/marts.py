"""What the checks read from the build database: the fixed queries GX validates, and the reference.

Everything is computed in DuckDB; Python only sees the reference data, counts and a few sample
rows, so memory does not grow with the marts. No input is pasted into SQL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from checks.suite import UNIQUE_KEYS, Key, KeyCount, Range, Reference

# DuckDB spills to disk beyond this (into <build file>.tmp): the checks' peak stays bounded
# whatever the marts' size. Without insertion order, its aggregates and joins need less memory.
DUCKDB_CONFIG = {"memory_limit": "1GB", "preserve_insertion_order": False}

# `traceable`: the row lies inside a paragraph of its own document. The join that decides it runs
# once per validation, into a temp table of the rows that are not (normally none), instead of in
# every one of the dozens of queries GX sends to the mart; both facts in one join, so the
# paragraphs are read and hashed once. `rowid` names a row exactly, even when mention_id is not
# unique (which the suite checks too).
TRACEABLE_MARTS = ("fct_quantity_mentions", "fct_metric_observations")
_LOCATED = " union all ".join(
    f"select '{mart}' as mart, rowid as row_id, paragraph_id, document_id, char_start, char_end "
    f"from marts.{mart}"
    for mart in TRACEABLE_MARTS
)
# Run on GX's connection before it validates: temp tables live as long as that connection.
PREPARE_SQL: tuple[str, ...] = (
    f"""create or replace temp table checks_untraceable as
    select t.mart, t.row_id
    from ({_LOCATED}) t
    left join staging.stg_paragraphs p on p.paragraph_id = t.paragraph_id
    where not coalesce(p.paragraph_id is not null and p.document_id = t.document_id
                       and t.char_start >= p.char_start and t.char_end <= p.char_end
                       and t.char_start < t.char_end, false)
    """,
)

# One query per mart, the batch GX validates. `unit_key`: unit or '', so that `unit_key not in (...)`
# keeps the mentions without a unit (in SQL, `null not in (...)` is null); `metric_key`: metric_id
# or '' likewise.
MART_QUERIES: dict[str, str] = {
    "dim_documents": "select * from marts.dim_documents",
    "fct_quantity_mentions": """
        select t.*, coalesce(t.metric_id, '') as metric_key, coalesce(t.unit, '') as unit_key,
               t.rowid not in (select row_id from checks_untraceable
                               where mart = 'fct_quantity_mentions') as traceable
        from marts.fct_quantity_mentions t
    """,
    "fct_metric_observations": """
        select t.*,
               t.rowid not in (select row_id from checks_untraceable
                               where mart = 'fct_metric_observations') as traceable
        from marts.fct_metric_observations t
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
# The flagged values: kept, flagged and listed. All of them go to audit.dq_flagged_values in SQL
# (checks.store); Python holds their count and the first few for the refresh's output.
FLAGGED_WHERE = "from marts.fct_quantity_mentions where dq_status <> 'ok'"
FLAGGED_COUNT_SQL = f"select count(*) {FLAGGED_WHERE}"
FLAGGED_SAMPLE_SQL = f"""
    select mention_id, document_id, file_name, surface, value, unit, kind, metric_id,
           dq_valid_min, dq_valid_max, dq_status
    {FLAGGED_WHERE}
    order by document_id, char_start, mention_id
    limit ?
"""
FLAGGED_SAMPLE_ROWS = 50
# A key's rows and non-null values: the count its uniqueness expectation must meet in distinct values.
KEY_COUNT_SQL = "select count(*), count({column}) from marts.{table}"
# The keys that occur more than once, only read when that expectation failed, to name them.
DUPLICATED_KEYS_SQL = """
    select {column}, count(*) as copies from marts.{table}
    where {column} is not null group by {column} having count(*) > 1
"""


@dataclass
class MartFacts:
    reference: Reference
    flagged_count: int  # mentions whose dq_status is not ok
    flagged_sample: pd.DataFrame  # the first FLAGGED_SAMPLE_ROWS of them


def _bound(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)  # type: ignore[arg-type]


def read_facts(build_db: Path) -> MartFacts:
    """One read-only connection, closed on return: it cannot change the build, nor block a reader."""
    with duckdb.connect(str(build_db), read_only=True, config=dict(DUCKDB_CONFIG)) as con:
        catalog = con.sql("select metric_id, valid_min, valid_max from seeds.metric_catalog").fetchall()
        kinds = con.sql("select kind, unit, valid_min, valid_max from seeds.dq_kind_ranges").fetchall()
        units = [row[0] for row in con.sql(ALLOWED_UNITS_SQL).fetchall()]
        (flagged_count,) = con.execute(FLAGGED_COUNT_SQL).fetchall()[0]
        sample = con.execute(FLAGGED_SAMPLE_SQL, [FLAGGED_SAMPLE_ROWS]).df()
        key_counts = _key_counts(con)
    reference = Reference(
        catalog_ranges={m: Range(_bound(lo), _bound(hi)) for m, lo, hi in catalog},
        kind_ranges={(k, u): Range(_bound(lo), _bound(hi)) for k, u, lo, hi in kinds},
        allowed_units=units,
        last_sane_year=datetime.now(UTC).year + 1,
        key_counts=key_counts,
    )
    return MartFacts(reference, int(flagged_count), sample)


def _key_counts(con: duckdb.DuckDBPyConnection) -> dict[Key, KeyCount]:
    """Rows and non-null keys of each mart with a one-column key; a mart that cannot be read is left
    out (its expectations then report the error)."""
    counts = {}
    for key in UNIQUE_KEYS:  # fixed names, not input
        sql = KEY_COUNT_SQL.format(table=key.table, column=key.column)
        try:
            rows, non_null = con.execute(sql).fetchall()[0]
        except duckdb.Error:
            continue
        counts[key] = KeyCount(int(rows), int(non_null))
    return counts


@dataclass(frozen=True, slots=True)
class Duplicates:
    rows: int  # rows whose key occurs more than once
    sample: list[object]  # the first of those rows' keys, in key order, one entry per row


def duplicated_keys(build_db: Path, key: Key, limit: int) -> Duplicates:
    """What a failed uniqueness expectation found, named as GX's row-by-row expectation names it."""
    sql = DUPLICATED_KEYS_SQL.format(table=key.table, column=key.column)  # fixed names, not input
    with duckdb.connect(str(build_db), read_only=True, config=dict(DUCKDB_CONFIG)) as con:
        (rows,) = con.execute(f"select coalesce(sum(copies), 0) from ({sql})").fetchall()[0]
        first = con.execute(f"{sql} order by {key.column} limit ?", [limit]).fetchall()
    sample = [value for value, copies in first for _ in range(copies)][:limit]
    return Duplicates(int(rows), sample)
