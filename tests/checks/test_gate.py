"""The gate on a small build database: GX computes in DuckDB over whole tables, and any bad row fails it."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa

from checks.gate import GateResult, validate_gate
from checks.marts import FLAGGED_SAMPLE_ROWS
from tests.checks.build_db import MENTIONS, make_build_db


def run_gate(build_db: Path, docs_dir: Path, run_id: str) -> GateResult:
    """The gate as a refresh has it: validated on read-only connections, then stored in the build."""
    gate = validate_gate(build_db, docs_dir, run_id)
    with duckdb.connect(str(build_db)) as con:
        gate.store(con)
    return gate


def outcomes(gate: GateResult) -> dict[str, object]:
    return {o.expectation_id: o for o in gate.report.outcomes}


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def change(db: Path, *statements: str) -> None:
    with duckdb.connect(str(db)) as con:
        for statement in statements:
            con.execute(statement)


@contextmanager
def gx_statements() -> Iterator[list[str]]:
    """Every SQL statement GX sends (through SQLAlchemy) while the block runs."""
    seen: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        seen.append(" ".join(statement.split()))

    sa.event.listen(sa.engine.Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", record)


def suite_runs(statements: list[str]) -> int:
    """How many times the suite ran: dim_documents' rows are counted once per run."""
    counted = 'SELECT count(*) AS "table.row_count" FROM (select * from marts.dim_documents'
    return sum(statement.startswith(counted) for statement in statements)


@pytest.fixture()
def build_db(tmp_path: Path) -> Path:
    # a folder name that a database URL would have to escape: the path must reach DuckDB as it is
    return make_build_db(tmp_path / "a b#c%41" / "fazhi.duckdb")


def test_a_sound_build_passes_with_counts_over_every_row(build_db: Path, tmp_path: Path):
    gate = run_gate(build_db, tmp_path / "docs", "run-ok")
    assert gate.passed, gate.failure_lines()
    by_id = outcomes(gate)
    assert by_id["mention_id_unique"].element_count == MENTIONS
    assert by_id["mention_traceable"].element_count == MENTIONS
    assert by_id["observation_traceable"].element_count == MENTIONS // 3
    # the rates of a_rate (one in three mentions) and only those are held to its catalog range
    assert by_id["catalog_range_0_100"].element_count == MENTIONS // 3
    assert by_id["kind_range_count_any"].element_count == MENTIONS // 3
    # a range no mention falls under: nothing of nothing is unexpected
    empty = by_id["kind_range_count_个"]
    assert (empty.element_count, empty.unexpected_count, empty.success) == (0, 0, True)
    assert gate.flagged_count == 0 and gate.flagged.empty
    stored = rows(build_db, "select count(*), bool_and(success) from audit.validation_results")
    assert stored == [(gate.report.evaluated, True)]
    assert rows(build_db, "select success, values_flagged from audit.validation_runs") == [(True, 0)]
    assert (tmp_path / "docs" / "index.html").exists()


def test_a_violation_anywhere_fails_its_expectation_and_the_gate(build_db: Path, tmp_path: Path):
    change(
        build_db,
        # the last document: a mention outside its paragraph, a copied id, an impossible ok rate
        "update marts.fct_quantity_mentions set char_end = 150 where mention_id = 'doc9-p0-m0'",
        """insert into marts.fct_quantity_mentions select * replace ('doc9-p1-m1' as mention_id)
           from marts.fct_quantity_mentions where mention_id = 'doc9-p2-m1'""",
        """update marts.fct_quantity_mentions set metric_id = null, value = 250
           where mention_id = 'doc9-p3-m0'""",
        # a count without a unit falls under the counts' "*" range (not 个's), as in pandas
        "update marts.fct_quantity_mentions set unit = null, value = -4 where mention_id = 'doc9-p4-m1'",
        "update marts.fct_metric_observations set document_id = 'doc8' where mention_id = 'doc9-p5-m0'",
        "insert into marts.metrics_by_jurisdiction_year values ('j9', 2024, 'a_rate', 51)",
    )
    gate = run_gate(build_db, tmp_path / "docs", "run-bad")
    assert not gate.passed
    failed = {o.expectation_id: o for o in gate.report.failures()}
    assert set(failed) == {
        "mention_traceable",
        "mention_id_unique",
        "kind_range_rate_%",
        "kind_range_count_any",
        "observation_traceable",
        "metric_year_key_unique",
    }, gate.failure_lines()
    assert (failed["mention_traceable"].unexpected_count, failed["mention_traceable"].element_count) == (
        1,
        MENTIONS + 1,
    )
    assert failed["mention_id_unique"].unexpected_count == 2
    assert '"doc9-p1-m1"' in (failed["mention_id_unique"].partial_unexpected_list or "")
    assert failed["kind_range_rate_%"].unexpected_count == 1
    assert json.loads(failed["kind_range_rate_%"].partial_unexpected_list or "[]") == [250.0]
    assert failed["kind_range_count_any"].unexpected_count == 1
    assert failed["observation_traceable"].unexpected_count == 1
    assert failed["metric_year_key_unique"].unexpected_count == 2
    assert all(o.exception_message is None for o in gate.report.outcomes)
    assert rows(build_db, "select count(*) from audit.validation_results where not success") == [(6,)]
    assert rows(build_db, "select success from audit.validation_runs") == [(False,)]


@pytest.mark.parametrize(("out_of_range", "passes"), [(14, True), (16, False)])
def test_the_share_of_unreviewed_out_of_range_mentions_is_the_gate(
    build_db: Path, tmp_path: Path, out_of_range: int, passes: bool
):
    # 5 % of 300 mentions is 15; reviewed exceptions never count
    change(
        build_db,
        f"""update marts.fct_quantity_mentions set dq_status = 'out_of_range', value = 900
            where mention_id in (select mention_id from marts.fct_quantity_mentions
                                 where kind = 'count' order by mention_id limit {out_of_range})""",
        """update marts.fct_quantity_mentions set dq_status = 'reviewed_exception', value = 218.36
           where mention_id in (select mention_id from marts.fct_quantity_mentions
                                where kind = 'amount' order by mention_id limit 60)""",
    )
    gate = run_gate(build_db, tmp_path / "docs", "run-share")
    share = outcomes(gate)["out_of_range_share_below_threshold"]
    assert (share.unexpected_count, share.element_count) == (out_of_range, MENTIONS)
    assert gate.passed is passes and share.success is passes
    # every flagged value is on record; Python holds the count and the first few
    assert gate.flagged_count == out_of_range + 60
    assert len(gate.flagged) == FLAGGED_SAMPLE_ROWS
    assert rows(
        build_db, "select count(*), min(value) from audit.dq_flagged_values where run_id = 'run-share'"
    ) == [(out_of_range + 60, 218.36)]
    assert rows(build_db, "select values_flagged from audit.validation_runs") == [(out_of_range + 60,)]


def test_a_mart_that_cannot_be_read_fails_the_gate_and_leaves_the_build_writable(
    build_db: Path, tmp_path: Path
):
    change(build_db, "drop table marts.dim_jurisdiction")
    gate = run_gate(build_db, tmp_path / "docs", "run-missing")
    assert not gate.passed
    failed = [o for o in gate.report.failures() if o.table == "dim_jurisdiction"]
    assert failed and all("dim_jurisdiction" in (o.exception_message or "") for o in failed)
    # GX's read-only connection is closed again: the build can be written in the same process
    change(build_db, "create table marts.after_the_gate (x integer)")


def test_keys_are_held_unique_by_one_aggregate_over_the_whole_mart(build_db: Path, tmp_path: Path):
    with gx_statements() as statements:
        gate = run_gate(build_db, tmp_path / "docs", "run-sql")
    assert gate.passed, gate.failure_lines()
    # no window over a mart (GX's row-by-row uniqueness runs two); one count(distinct) per key
    assert not [s for s in statements if "PARTITION BY" in s.upper()]
    distinct = [s for s in statements if s.startswith("SELECT count(DISTINCT mention_id)")]
    assert len(distinct) == 2 and not [s for s in distinct if "anon_1 WHERE" in s]
    unique = outcomes(gate)["observation_id_unique"]
    assert unique.expectation_type == "expect_column_unique_value_count_to_be_between"
    assert (unique.element_count, unique.unexpected_count, unique.observed_value) == (
        MENTIONS // 3,
        0,
        str(MENTIONS // 3),
    )
    # a passing suite runs once, listing nothing; a failing one runs again to list what failed
    assert suite_runs(statements) == 1
    change(build_db, "update marts.fct_quantity_mentions set kind = 'weight' where mention_id = 'doc1-p1-m1'")
    with gx_statements() as statements:
        gate = run_gate(build_db, tmp_path / "docs", "run-sql-bad")
    assert suite_runs(statements) == 2
    assert json.loads(outcomes(gate)["mention_kind_known"].partial_unexpected_list or "[]") == ["weight"]


def test_duplicated_keys_are_named_and_missing_keys_are_not_duplicates(build_db: Path, tmp_path: Path):
    change(
        build_db,
        """insert into marts.fct_metric_observations
           select * from marts.fct_metric_observations where mention_id = 'doc3-p3-m0'""",
        "insert into marts.dim_documents values (null, 2024, 'county'), (null, 2024, 'county')",
    )
    gate = run_gate(build_db, tmp_path / "docs", "run-keys")
    failed = {o.expectation_id: o for o in gate.report.failures()}
    assert set(failed) == {"observation_id_unique", "document_id_not_null"}, gate.failure_lines()
    duplicated = failed["observation_id_unique"]
    assert (duplicated.unexpected_count, duplicated.element_count) == (2, MENTIONS // 3 + 1)
    assert json.loads(duplicated.partial_unexpected_list or "[]") == ["doc3-p3-m0", "doc3-p3-m0"]
    assert "2 of 101 unexpected" in " ".join(gate.failure_lines())
    documents = outcomes(gate)["document_id_unique"]
    assert documents.success and (documents.element_count, documents.unexpected_count) == (12, 0)


def test_an_empty_mart_has_unique_keys(build_db: Path, tmp_path: Path):
    change(build_db, "delete from marts.fct_metric_observations")
    gate = run_gate(build_db, tmp_path / "docs", "run-empty")
    assert gate.passed, gate.failure_lines()
    assert outcomes(gate)["observation_id_unique"].element_count == 0


def test_the_validation_writes_nothing_and_stores_the_same_rows_in_a_copy(build_db: Path, tmp_path: Path):
    change(
        build_db,
        """update marts.fct_quantity_mentions set dq_status = 'out_of_range', value = 900
           where mention_id in (select mention_id from marts.fct_quantity_mentions
                                where kind = 'count' order by mention_id limit 3)""",
    )
    before = hashlib.sha256(build_db.read_bytes()).hexdigest()
    gate = validate_gate(build_db, tmp_path / "docs", "run-apart")
    # a refresh copies the build while it is validated: not one byte of it may change
    assert hashlib.sha256(build_db.read_bytes()).hexdigest() == before
    assert rows(build_db, "select count(*) from duckdb_tables() where schema_name = 'audit'") == [(0,)]
    copy = tmp_path / "copy" / build_db.name
    copy.parent.mkdir()
    shutil.copyfile(build_db, copy)
    for database in (build_db, copy):
        with duckdb.connect(str(database)) as con:
            gate.store(con)
    for table in ("validation_runs", "validation_results", "dq_flagged_values"):  # fixed names
        stored = rows(build_db, f"select * from audit.{table} order by all")
        assert stored and stored == rows(copy, f"select * from audit.{table} order by all"), table
    assert rows(copy, "select count(*) from audit.dq_flagged_values") == [(3,)]
