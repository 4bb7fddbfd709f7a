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


def latencies(warehouse: Path, analyses: dict[str, str], repeats: int = 5) -> dict[str, float]:
    """name -> median seconds over `repeats` runs after one warm-up, on one read-only connection."""
    medians = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name, sql in analyses.items():
            con.execute(sql).fetchall()
            runs = []
            for _ in range(repeats):
                started = time.perf_counter()
                con.execute(sql).fetchall()
                runs.append(time.perf_counter() - started)
            medians[name] = statistics.median(runs)
    return medians
