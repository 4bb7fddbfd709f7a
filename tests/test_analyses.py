"""Every analysis in analyses/ compiles with dbt and runs on the published warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fazhi.dbt_build import run_dbt
from fazhi.paths import project_dir
from tests.conftest import BuiltWarehouse

ANALYSES = sorted(path.stem for path in (project_dir() / "analyses").glob("*.sql"))


@pytest.fixture(scope="module")
def compiled(sample_warehouse: BuiltWarehouse) -> dict[str, str]:
    result = run_dbt(["compile", "--select", "resource_type:analysis"], sample_warehouse.build_db)
    assert result.ok, result.failure_summary()
    folder = sample_warehouse.build_db.parent / "dbt" / "target" / "compiled" / "fazhi" / "analyses"
    return {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.sql")}


def run_analysis(warehouse: Path, sql: str) -> list[dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def test_there_are_at_least_nine_analyses():
    assert len(ANALYSES) >= 9


@pytest.mark.parametrize("name", ANALYSES)
def test_each_analysis_runs_on_the_published_warehouse(name, compiled, sample_warehouse):
    assert name in compiled, f"{name} did not compile"
    run_analysis(sample_warehouse.warehouse, compiled[name])


def test_source_sentences_lead_back_to_the_text(compiled, sample_warehouse):
    rows = run_analysis(sample_warehouse.warehouse, compiled["value_with_source_sentence"])
    assert rows
    assert all(row["surface"] in row["source_paragraph"] for row in rows)


def test_indicator_coverage_counts_what_each_jurisdiction_reports(compiled, sample_warehouse):
    rows = run_analysis(sample_warehouse.warehouse, compiled["indicator_coverage_by_jurisdiction"])
    pingluo = [row for row in rows if row["jurisdiction_name"] == "平罗县"]
    assert len(pingluo) == 1 and pingluo[0]["report_year"] == 2023
    assert pingluo[0]["indicators_reported"] == len(pingluo[0]["metric_ids"]) > 5
