"""Write validation results to the `audit` schema of the build database (published with it)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

import duckdb
import pandas as pd

from checks.marts import FLAGGED_WHERE
from checks.results import ValidationReport

AUDIT_CHECKS_DDL = """
create schema if not exists audit;
create table if not exists audit.validation_runs (
    run_id varchar not null,          -- audit.refresh_runs.run_id
    validated_at timestamptz not null,
    gx_version varchar not null,
    expectations_evaluated integer not null,
    expectations_passed integer not null,
    expectations_failed integer not null,
    values_flagged integer not null,  -- mentions whose dq_status is not ok
    max_out_of_range_share double not null,
    success boolean not null,
    data_docs varchar
);
create table if not exists audit.validation_results (
    run_id varchar not null,
    table_name varchar not null,
    expectation_id varchar not null,
    expectation_type varchar not null,
    description varchar,
    kwargs varchar,                    -- json
    success boolean not null,
    element_count bigint,
    unexpected_count bigint,
    unexpected_percent double,
    partial_unexpected_list varchar,  -- json
    observed_value varchar,           -- json
    exception_message varchar
);
create table if not exists audit.dq_flagged_values (
    run_id varchar not null,
    mention_id varchar not null,
    document_id varchar,
    file_name varchar,
    surface varchar,
    value double,
    unit varchar,
    kind varchar,
    metric_id varchar,
    dq_valid_min double,
    dq_valid_max double,
    dq_status varchar
);
"""

RESULT_COLUMNS = [
    "run_id", "table_name", "expectation_id", "expectation_type", "description", "kwargs", "success",
    "element_count", "unexpected_count", "unexpected_percent", "partial_unexpected_list", "observed_value",
    "exception_message",
]  # fmt: skip
# Every flagged value, copied inside DuckDB: as many as there are, none of them through Python.
INSERT_FLAGGED_SQL = f"""
    insert into audit.dq_flagged_values by name
    select ? as run_id, mention_id, document_id, file_name, surface, value, unit, kind, metric_id,
           dq_valid_min, dq_valid_max, dq_status
    {FLAGGED_WHERE}
"""


def store_report(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    report: ValidationReport,
    flagged_count: int,
    max_share: float,
    validated_at: datetime,
) -> None:
    """Every expectation's result and every flagged value, in one transaction."""
    con.execute(AUDIT_CHECKS_DDL)
    results = pd.DataFrame(
        [{"run_id": run_id, **_renamed(asdict(o))} for o in report.outcomes], columns=RESULT_COLUMNS
    )
    con.execute("begin transaction")
    try:
        con.execute(
            "insert into audit.validation_runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                validated_at,
                report.gx_version,
                report.evaluated,
                report.passed,
                report.failed,
                flagged_count,
                max_share,
                report.success,
                str(report.docs_index) if report.docs_index else None,
            ],
        )
        if len(results):
            con.register("validation_results_frame", results)
            con.execute("insert into audit.validation_results by name select * from validation_results_frame")
            con.unregister("validation_results_frame")
        con.execute(INSERT_FLAGGED_SQL, [run_id])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def _renamed(row: dict) -> dict:
    row["table_name"] = row.pop("table")
    return row
