"""What a BI user sees: comments in the DuckDB catalog, the dbt docs site, the Parquet export, and
the connection paths the README documents (SQLAlchemy + duckdb-engine read-only, plain duckdb)."""

from __future__ import annotations

import json

import duckdb
import sqlalchemy

from fazhi import refresh
from fazhi.audit import MARTS
from fazhi.dbt_build import DbtResult
from fazhi.paths import warehouse_paths
from fazhi.publish import PARTITIONED_MARTS, PARTS_FOLDER
from tests.conftest import BuiltWarehouse, query


def test_table_and_column_comments_reach_the_published_catalog(sample_warehouse: BuiltWarehouse):
    sql = "select table_name, comment from duckdb_tables() where schema_name = 'marts'"
    tables = dict(query(sample_warehouse.warehouse, sql))
    assert all(tables.get(mart) for mart in MARTS), tables
    uncommented = query(
        sample_warehouse.warehouse,
        """select table_name, column_name from duckdb_columns()
           where schema_name = 'marts' and table_name in (select unnest(?)) and coalesce(comment, '') = ''""",
        [list(MARTS)],
    )
    assert uncommented == []
    [(comment,)] = query(
        sample_warehouse.warehouse,
        """select comment from duckdb_columns()
           where schema_name = 'marts' and table_name = 'dim_metric' and column_name = 'description_zh'""",
    )
    assert "中文说明" in comment


def test_every_indicator_has_a_description_in_both_languages(sample_warehouse: BuiltWarehouse):
    rows = query(
        sample_warehouse.warehouse, "select metric_id, description_zh, description_en from marts.dim_metric"
    )
    assert len(rows) == 116
    for metric_id, zh, en in rows:
        assert zh and "单位" in zh, metric_id
        assert en and en.count(" ") >= 4 and en.rstrip().endswith("."), metric_id


def test_the_dbt_docs_site_is_generated_beside_the_warehouse(sample_warehouse: BuiltWarehouse):
    site = sample_warehouse.warehouse.parent / "docs" / "dbt"
    assert (site / "index.html").stat().st_size > 100_000  # static: manifest and catalog inlined
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    assert "model.fazhi.dim_metric" in manifest["child_map"]["seed.fazhi.metric_catalog"]  # lineage
    assert any(key.startswith("exposure.fazhi.") for key in manifest["exposures"])
    [(state,)] = query(sample_warehouse.warehouse,
                       "select dbt_docs from audit.refresh_runs where outcome = 'published'")  # fmt: skip
    assert state == "generated"


def test_a_docs_failure_is_recorded_not_raised(monkeypatch, tmp_path):
    def failing_dbt(command: list[str], build_db, on_started=None) -> DbtResult:
        return DbtResult(ok=False, output="12:00:00  Compilation Error in model x\n")

    monkeypatch.setattr(refresh, "run_dbt", failing_dbt)
    monkeypatch.setenv("FAZHI_DBT_DOCS", "on")
    note = refresh._generate_dbt_docs(warehouse_paths(tmp_path / "fazhi.duckdb"))
    assert note.startswith("dbt docs generate: Compilation Error")
    monkeypatch.setenv("FAZHI_DBT_DOCS", "off")
    assert refresh._generate_dbt_docs(warehouse_paths(tmp_path / "fazhi.duckdb")).startswith("skipped")


def test_parquet_files_match_the_marts(sample_warehouse: BuiltWarehouse):
    folder = sample_warehouse.warehouse.parent / "parquet"
    expected = [mart if mart in PARTITIONED_MARTS else f"{mart}.parquet" for mart in MARTS]
    assert sorted(p.name for p in folder.iterdir() if p.name != PARTS_FOLDER) == sorted(expected)
    with duckdb.connect(str(sample_warehouse.warehouse), read_only=True) as con:
        for mart, name in zip(MARTS, expected, strict=True):  # fixed names
            in_warehouse = con.execute(f"select count(*) from marts.{mart}").fetchall()[0][0]
            path = folder / name / "*.parquet" if mart in PARTITIONED_MARTS else folder / name
            in_parquet = con.execute("select count(*) from read_parquet(?)", [str(path)])
            assert in_parquet.fetchall()[0][0] == in_warehouse, mart


def test_superset_style_connection_reads_the_warehouse_read_only(sample_warehouse: BuiltWarehouse):
    # the URL the README gives for Superset (duckdb-engine): read-only, so a refresh is never blocked
    url = f"duckdb:///{sample_warehouse.warehouse}?access_mode=read_only"
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as connection:
            names = sqlalchemy.inspect(connection).get_table_names(schema="marts")
            assert set(MARTS) <= set(names)
            count = connection.execute(
                sqlalchemy.text("select count(*) from marts.metrics_by_jurisdiction_year")
            )
            assert count.scalar_one() > 0
    finally:
        engine.dispose()
