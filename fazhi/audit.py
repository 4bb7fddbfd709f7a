"""The `audit` schema: a record of every refresh run, kept in the build database."""

from __future__ import annotations

import duckdb

AUDIT_DDL = """
create schema if not exists audit;
create table if not exists audit.refresh_runs (
    run_id varchar primary key,
    started_at timestamptz not null,
    finished_at timestamptz,
    inputs varchar[] not null,
    files_seen integer,
    files_landed integer,
    files_rejected integer,
    outcome varchar,          -- published | failed
    failed_stage varchar,     -- load | build | publish
    message varchar,
    fazhi_version varchar
);
"""


def ensure_audit_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(AUDIT_DDL)
