"""The `audit` schema: a record of every refresh run, kept in the build database.

The published warehouse is a copy of the build database, so it carries the record of every
run up to and including the one that published it. Runs that failed are kept in the build
database (`<warehouse folder>/build/<name>`), which is never shown to readers.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

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
    outcome varchar,          -- running | published | unchanged | failed | interrupted
    failed_stage varchar,     -- load | build | checks | publish
    message varchar,
    fazhi_version varchar
);
"""

# Columns added after the first release: added in place to an existing build database.
AUDIT_COLUMNS = {
    "files_already_landed": "integer",
    "files_replaced": "integer",  # landed files whose path held other content before (fazhi/supersede.py)
    "full_refresh": "boolean",
    "rows_per_mart": "varchar",  # json object: mart -> rows
    "checks_evaluated": "integer",
    "checks_passed": "integer",
    "checks_failed": "integer",
    "values_flagged": "integer",  # mentions whose dq_status is not ok
    "versions": "varchar",  # json object: package -> version
    "project_fingerprint": "varchar",  # what the build was made of (see fazhi/fingerprint.py)
    "code_fingerprint": "varchar",  # the project and code part of it (a change forces a full rebuild)
    "build_state": "varchar",  # building | built | failed: how far this run's dbt build got
    "published_file": "varchar",  # size:mtime of the file this run published
    "dbt_docs": "varchar",  # `generated`, or why the dbt docs site could not be (it never blocks a publish)
}

VERSIONED_PACKAGES = ("fazhi", "duckdb", "dbt-core", "dbt-duckdb", "great-expectations", "pandas")

MARTS = (
    "dim_documents",
    "dim_jurisdiction",
    "dim_metric",
    "fct_quantity_mentions",
    "fct_metric_observations",
    "metrics_by_jurisdiction_year",
)


def ensure_audit_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(AUDIT_DDL)
    for column, column_type in AUDIT_COLUMNS.items():  # fixed names, not input
        con.execute(f"alter table audit.refresh_runs add column if not exists {column} {column_type}")


def package_versions() -> dict[str, str]:
    found = {}
    for package in VERSIONED_PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "not installed"
    return found


def mark_interrupted(con: duckdb.DuckDBPyConnection) -> int:
    """Runs still `running` were killed (the caller holds the refresh lock): say so."""
    # `published` without the identity of the file it published: killed during or right after
    # the publish (the published file is whole either way: old or new)
    rows = con.execute(
        """update audit.refresh_runs set outcome = 'interrupted', message = 'the process stopped mid-run'
           where outcome = 'running'
              or (outcome = 'published' and published_file is null and project_fingerprint is not null)
           returning run_id"""
    ).fetchall()
    return len(rows)


def mart_row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    counts = {}
    for mart in MARTS:  # fixed names, not input
        counts[mart] = con.execute(f"select count(*) from marts.{mart}").fetchall()[0][0]
    return counts


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, inputs: list[str], full: bool) -> None:
    con.execute(
        """insert into audit.refresh_runs (run_id, started_at, inputs, outcome, full_refresh,
           fazhi_version, versions) values (?, ?, ?, 'running', ?, ?, ?)""",
        [
            run_id,
            datetime.now(UTC),
            inputs,
            full,
            package_versions()["fazhi"],
            json.dumps(package_versions()),
        ],
    )


def update_run(con: duckdb.DuckDBPyConnection, run_id: str, **fields: object) -> None:
    """Set some columns of a run's row; names come from the fixed lists above, never from input."""
    allowed = {
        "finished_at",
        "files_seen",
        "files_landed",
        "files_rejected",
        "outcome",
        "failed_stage",
        "message",
    }
    allowed |= set(AUDIT_COLUMNS)
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not audit columns: {sorted(unknown)}")
    if not fields:
        return
    assignments = ", ".join(f"{name} = ?" for name in fields)
    con.execute(f"update audit.refresh_runs set {assignments} where run_id = ?", [*fields.values(), run_id])


def last_published(con: duckdb.DuckDBPyConnection) -> tuple[str | None, str | None]:
    """(project_fingerprint, published_file) of the last run that put its build in place."""
    rows = con.execute(
        """select project_fingerprint, published_file from audit.refresh_runs
           where outcome = 'published' and published_file is not null
           order by started_at desc limit 1"""
    ).fetchall()
    return rows[0] if rows else (None, None)


def last_build(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[str | None, str | None, str | None]:
    """(build_state, project_fingerprint, code_fingerprint) of the last other run that started a
    dbt build: `built` if it finished, `building` if it was killed mid-build, else `failed`."""
    rows = con.execute(
        """select build_state, project_fingerprint, code_fingerprint from audit.refresh_runs
           where build_state is not null and run_id <> ? order by started_at desc limit 1""",
        [run_id],
    ).fetchall()
    return rows[0] if rows else (None, None, None)


def now() -> datetime:
    return datetime.now(UTC)
