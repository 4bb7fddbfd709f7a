"""The whole path on the sample corpus: files → raw → dbt → published warehouse, through the CLI."""

from __future__ import annotations

import pytest

from tests.conftest import query, run_fazhi


@pytest.fixture()
def built(sample_warehouse):
    return sample_warehouse


def test_the_published_warehouse_holds_every_layer(built):
    warehouse = built.warehouse
    schemas = {row[0] for row in query(warehouse, "select distinct schema_name from duckdb_schemas()")}
    assert {"raw", "staging", "intermediate", "marts", "audit"} <= schemas
    assert (warehouse.parent / "build" / warehouse.name).exists()


def test_every_sample_is_attributed_to_its_jurisdiction_and_year(built):
    warehouse = built.warehouse
    rows = query(
        warehouse,
        "select jurisdiction_name, report_year, script from marts.dim_documents order by file_name",
    )
    names = [name for name, _, _ in rows]
    assert len(rows) == 5
    assert [year for _, year, _ in rows] == [2021, 2020, 2023, 2021, 2021]
    assert names[0] == "巴音郭楞蒙古自治州" and names[1] == "高州市" and names[2] == "平罗县"
    assert "句容经济开发区" in names[3] and names[4] == "武威市"
    assert [script for _, _, script in rows] == ["traditional"] + ["simplified"] * 4


def test_pingluo_2023_reports_79_administrative_reconsideration_cases(built):
    warehouse = built.warehouse
    rows = query(
        warehouse,
        """select value, unit from marts.metrics_by_jurisdiction_year
           where jurisdiction_name = '平罗县' and report_year = 2023
             and metric_id like 'admin_reconsideration_%' and value = 79""",
    )
    assert rows == [(79.0, "件")]


def test_every_mention_points_at_its_surface_in_the_landed_text(built):
    warehouse = built.warehouse
    mismatches = query(
        warehouse,
        """select m.mention_id from marts.fct_quantity_mentions m
           join raw.documents d using (document_id)
           where substr(d.text, m.char_start + 1, m.char_end - m.char_start) <> m.surface""",
    )
    assert mismatches == []
    assert query(warehouse, "select count(*) from marts.fct_quantity_mentions")[0][0] > 200


def test_traditional_report_keeps_its_surfaces_and_gives_normalized_values(built):
    warehouse = built.warehouse
    rows = query(
        warehouse,
        """select m.surface, m.value, m.unit from marts.fct_quantity_mentions m
           join marts.dim_documents d using (document_id)
           where d.script = 'traditional' and m.surface like '%萬%'""",
    )
    assert rows, "the traditional sample writes 萬"
    assert all(value >= 10_000 for _, value, _ in rows)


def test_the_rejected_file_is_recorded_and_the_load_went_on(built):
    warehouse, result = built.warehouse, built.refresh
    assert query(warehouse, "select file_name, reason from raw.rejects") == [
        ("broken.txt", "the file is empty")
    ]
    assert "broken.txt" in result.stderr
    assert query(warehouse, "select outcome from audit.refresh_runs") == [("published",)]


def test_a_second_refresh_with_nothing_new_changes_no_mart_row(built):
    inbox, warehouse = built.inbox, built.warehouse
    marts = [
        "dim_documents",
        "fct_quantity_mentions",
        "fct_metric_observations",
        "metrics_by_jurisdiction_year",
    ]

    def snapshot() -> dict[str, list[tuple]]:
        return {table: query(warehouse, f"select * from marts.{table} order by all") for table in marts}

    before = snapshot()
    result = run_fazhi("refresh", "--input", str(inbox), "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    assert snapshot() == before


def test_a_missing_input_fails_with_a_one_line_reason(tmp_path):
    result = run_fazhi(
        "refresh", "--input", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "w.duckdb")
    )
    assert result.returncode == 2
    assert "input not found" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "w.duckdb").exists()


def test_help_explains_every_command():
    result = run_fazhi("--help")
    assert result.returncode == 0
    assert "refresh" in result.stdout and "show" in result.stdout
    refresh_help = run_fazhi("refresh", "--help").stdout
    assert "exit codes" in refresh_help and "--warehouse" in refresh_help


def test_show_prints_metrics_by_jurisdiction_and_year(built):
    warehouse = built.warehouse
    result = run_fazhi("show", "--warehouse", str(warehouse))
    assert result.returncode == 0, result.stderr
    assert "平罗县" in result.stdout and "2023" in result.stdout
