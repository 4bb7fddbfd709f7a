"""Latency of the questions in analyses/ on a published warehouse (compiled by dbt, read-only).

Each analysis is timed the way a researcher runs it, with the dbt vars in ASKED (each file's
defaults, written out so the report can say which question was timed), and unfiltered, with
every filter lifted (FULL), so that a narrow question never hides what the whole result costs.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import duckdb

from fazhi.dbt_build import run_dbt
from fazhi.paths import project_dir

# The questions as asked: the defaults documented at the top of each analysis (one set serves
# them all: a var means the same in every file that reads it, with the same default).
ASKED: dict[str, object] = {
    "province_name": "甘肃省",
    "jurisdiction_name": "武威市",
    "jurisdiction_level": "prefecture",
    "report_year": None,
    "first_year": 2020,
    "last_year": 2024,
    "metric_id": None,
    "top_n": 100,
    "loss_rate_threshold": 10,
    "tolerance": 0.5,
}

# The same questions with every filter lifted: every province, jurisdiction and year, all rows.
FULL: dict[str, object] = {
    **ASKED,
    "province_name": None,
    "jurisdiction_name": None,
    "jurisdiction_level": None,
    "first_year": None,
    "last_year": None,
    "top_n": None,
}

FIRST_ROWS = 1000  # what a BI tool shows first

_VAR_NAME = re.compile(r"""\bvar\(\s*["'](\w+)["']""")


@dataclass(frozen=True)
class CompiledAnalysis:
    asked: str  # the SQL compiled with ASKED
    full: str  # the SQL compiled with FULL
    vars: dict[str, object]  # the vars of ASKED this analysis reads


def analysis_vars(source: str) -> list[str]:
    """The dbt vars an analysis reads, in the order its source names them."""
    return list(dict.fromkeys(_VAR_NAME.findall(source)))


def compile_with_vars(build_db: Path, dbt_vars: dict[str, object]) -> dict[str, str]:
    """name -> SQL of every analysis, compiled by dbt with these vars against `build_db`
    (tests/test_analyses.py compiles them the same way). dbt's artifacts go to a temporary folder
    of their own, not to the build's (beside `build_db`): a compile with other vars there would
    void dbt's partial parse, and the next refresh would parse the whole project again."""
    with tempfile.TemporaryDirectory(prefix="fazhi-analyses-") as folder:
        artifacts = Path(folder)
        command = [
            "compile",
            "--select",
            "resource_type:analysis",
            "--vars",
            json.dumps(dbt_vars, ensure_ascii=False),
        ]
        result = run_dbt(command, build_db, artifacts=artifacts)
        if not result.ok:
            raise RuntimeError(f"dbt compile failed: {result.failure_summary()}")
        compiled = artifacts / "target" / "compiled" / "fazhi" / "analyses"
        return {path.stem: path.read_text(encoding="utf-8") for path in sorted(compiled.glob("*.sql"))}


def compile_analyses(build_db: Path) -> dict[str, CompiledAnalysis]:
    """Every analysis compiled twice: as asked (ASKED) and unfiltered (FULL)."""
    asked = compile_with_vars(build_db, ASKED)
    full = compile_with_vars(build_db, FULL)
    compiled = {}
    for name in asked:
        source = (project_dir() / "analyses" / f"{name}.sql").read_text(encoding="utf-8")
        read = {var: ASKED[var] for var in analysis_vars(source) if var in ASKED}
        compiled[name] = CompiledAnalysis(asked[name], full[name], read)
    return compiled


class Latency(TypedDict):
    vars: dict[str, object]  # the vars as asked
    asked: float  # median seconds to fetch the whole answer as asked
    asked_rows: int
    full_first_rows: float  # unfiltered: median seconds to the first 1,000 rows
    full_all_rows: float  # unfiltered: median seconds to every row
    full_rows: int


def _median_seconds(run: Callable[[], int], repeats: int) -> tuple[float, int]:
    """Median seconds of `repeats` runs after a warm-up (the first run reads the file's blocks),
    and the rows the last run fetched."""
    rows = run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def latencies(warehouse: Path, analyses: dict[str, CompiledAnalysis], repeats: int = 5) -> dict[str, Latency]:
    """name -> the vars as asked; the median seconds to fetch the whole answer as asked into
    Python, with its rows; and, unfiltered, the median seconds to the first 1,000 rows and to
    every row, with their count. One read-only connection."""
    results: dict[str, Latency] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:

        def every_row(sql: str) -> Callable[[], int]:
            return lambda: len(con.execute(sql).fetchall())

        def first_rows(sql: str) -> Callable[[], int]:
            return lambda: len(con.execute(sql).fetchmany(FIRST_ROWS))

        for name, analysis in analyses.items():
            asked, asked_rows = _median_seconds(every_row(analysis.asked), repeats)
            full_first, _ = _median_seconds(first_rows(analysis.full), repeats)
            full_all, full_rows = _median_seconds(every_row(analysis.full), repeats)
            results[name] = Latency(
                vars=analysis.vars,
                asked=asked,
                asked_rows=asked_rows,
                full_first_rows=full_first,
                full_all_rows=full_all,
                full_rows=full_rows,
            )
    return results


def describe_vars(dbt_vars: dict[str, object]) -> str:
    """`province_name: 甘肃省, report_year: null`, or `none` for an analysis without vars."""
    if not dbt_vars:
        return "none"
    return ", ".join(f"{name}: {'null' if value is None else value}" for name, value in dbt_vars.items())


def main(argv: list[str] | None = None) -> int:
    """Time the analyses on a published warehouse: python -m bench.queries WAREHOUSE BUILD_DB."""
    parser = argparse.ArgumentParser(prog="python -m bench.queries", description=main.__doc__)
    parser.add_argument("warehouse", type=Path, help="the published file, opened read-only")
    parser.add_argument("build_db", type=Path, help="a build database dbt compiles against")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    results = latencies(args.warehouse, compile_analyses(args.build_db), args.repeats)
    for name, r in results.items():
        print(
            f"{name} [{describe_vars(r['vars'])}]: "
            f"as asked {r['asked'] * 1000:,.1f} ms ({r['asked_rows']:,} rows); "
            f"unfiltered {r['full_first_rows'] * 1000:,.1f} / {r['full_all_rows'] * 1000:,.1f} ms "
            f"({r['full_rows']:,} rows)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
