"""Latency of the questions in analyses/ on a published warehouse (compiled by dbt, read-only)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import duckdb

from fazhi.dbt_build import run_dbt


def compile_analyses(build_db: Path) -> dict[str, str]:
    """name -> SQL, compiled by dbt against the build database (as tests/test_analyses.py does)."""
    result = run_dbt(["compile", "--select", "resource_type:analysis"], build_db)
    if not result.ok:
        raise RuntimeError(f"dbt compile failed: {result.failure_summary()}")
    folder = build_db.parent / "dbt" / "target" / "compiled" / "fazhi" / "analyses"
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.sql"))}


FIRST_ROWS = 1000  # what a BI tool shows first


def _median_seconds(run, repeats: int) -> float:
    run()  # warm-up: the first run reads the file's blocks
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def latencies(warehouse: Path, analyses: dict[str, str], repeats: int = 5) -> dict[str, dict[str, float]]:
    """name -> median seconds for the first 1,000 rows and for every row (fetched into Python),
    and the number of rows, over `repeats` runs after a warm-up, on one read-only connection."""
    results = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name, sql in analyses.items():
            rows = len(con.execute(sql).fetchall())
            first = _median_seconds(lambda sql=sql: con.execute(sql).fetchmany(FIRST_ROWS), repeats)
            every = _median_seconds(lambda sql=sql: con.execute(sql).fetchall(), repeats)
            results[name] = {"first_rows": first, "all_rows": every, "rows": rows}
    return results
