"""Every analysis in analyses/ compiles with dbt and runs on the published warehouse: with the
defaults documented at its top, narrowed by dbt vars, and with every filter lifted."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from bench.queries import ASKED, FULL, analysis_vars, compile_with_vars
from fazhi.dbt_build import run_dbt
from fazhi.paths import project_dir
from tests.conftest import BuiltWarehouse, query

ANALYSES = sorted(path.stem for path in (project_dir() / "analyses").glob("*.sql"))

# The samples hold one report per jurisdiction: 平罗县 (a county of 宁夏, 2023), 武威市 (a city of
# 甘肃省, 2021), 高州市 (广东省, 2020), 巴音郭楞蒙古自治州 (新疆, 2021), 江苏省句容经济开发区 (2021).
NARROWED = {
    "province_name": "宁夏回族自治区",
    "jurisdiction_name": "平罗县",
    "jurisdiction_level": "county",
    "report_year": 2023,
    "first_year": 2023,
    "last_year": 2023,
    "top_n": 2,
}
# A value with a quote must be compared as a value, never read as SQL.
QUOTED = {
    "province_name": "甘肃省' or '1'='1",
    "jurisdiction_name": "武威市' or '1'='1",
    "metric_id": "x' or '1'='1",
}


def _compile(tmp_path_factory: pytest.TempPathFactory, dbt_vars: dict[str, object]) -> dict[str, str]:
    # dbt's artifacts go to a folder of this compile's own, not beside the shared sample warehouse
    return compile_with_vars(tmp_path_factory.mktemp("compile") / "fazhi.duckdb", dbt_vars)


@pytest.fixture(scope="module")
def compiled(sample_warehouse: BuiltWarehouse) -> dict[str, str]:
    """The analyses with their defaults, compiled against the warehouse's build database."""
    result = run_dbt(["compile", "--select", "resource_type:analysis"], sample_warehouse.build_db)
    assert result.ok, result.failure_summary()
    folder = sample_warehouse.build_db.parent / "dbt" / "target" / "compiled" / "fazhi" / "analyses"
    return {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.sql")}


@pytest.fixture(scope="module")
def narrowed(tmp_path_factory) -> dict[str, str]:
    return _compile(tmp_path_factory, NARROWED)


@pytest.fixture(scope="module")
def unfiltered(tmp_path_factory) -> dict[str, str]:
    return _compile(tmp_path_factory, FULL)


def run_analysis(warehouse: Path, sql: str) -> list[dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def reads(name: str) -> list[str]:
    return analysis_vars((project_dir() / "analyses" / f"{name}.sql").read_text(encoding="utf-8"))


def test_there_are_at_least_nine_analyses():
    assert len(ANALYSES) >= 9


@pytest.mark.parametrize("name", ANALYSES)
def test_each_analysis_runs_on_the_published_warehouse(
    name, compiled, narrowed, unfiltered, sample_warehouse
):
    for version in (compiled, narrowed, unfiltered):
        assert name in version, f"{name} did not compile"
        run_analysis(sample_warehouse.warehouse, version[name])


def test_every_analysis_documents_the_vars_it_reads():
    for name in ANALYSES:
        header = (project_dir() / "analyses" / f"{name}.sql").read_text(encoding="utf-8").split("{%")[0]
        for var in reads(name):
            assert var in header, f"{name} reads the dbt var {var} without documenting it at its top"


def test_the_benchmark_times_each_analysis_as_its_defaults_ask(compiled, tmp_path_factory):
    """bench/queries.py writes the defaults out (ASKED) to show them: they must be the defaults."""
    assert _compile(tmp_path_factory, ASKED) == compiled
    for name in ANALYSES:
        assert set(reads(name)) <= set(ASKED), f"{name} reads a var the benchmark does not know"


def test_source_sentences_lead_back_to_the_text(compiled, narrowed, unfiltered, sample_warehouse):
    rows = run_analysis(sample_warehouse.warehouse, compiled["value_with_source_sentence"])
    assert rows and {row["jurisdiction_name"] for row in rows} == {"武威市"}
    assert all(row["surface"] in row["source_paragraph"] for row in rows)

    rows = run_analysis(sample_warehouse.warehouse, narrowed["value_with_source_sentence"])
    assert rows and {(row["jurisdiction_name"], row["report_year"]) for row in rows} == {("平罗县", 2023)}
    assert all(row["surface"] in row["source_paragraph"] for row in rows)

    # unfiltered: every observation, each with its paragraph
    rows = run_analysis(sample_warehouse.warehouse, unfiltered["value_with_source_sentence"])
    counted = query(sample_warehouse.warehouse, "select count(*) from marts.fct_metric_observations")
    assert len(rows) == counted[0][0]
    assert {row["jurisdiction_name"] for row in rows} >= {"平罗县", "武威市", "高州市"}


def test_indicator_coverage_counts_what_each_jurisdiction_reports(narrowed, unfiltered, sample_warehouse):
    rows = run_analysis(sample_warehouse.warehouse, narrowed["indicator_coverage_by_jurisdiction"])
    assert [(row["jurisdiction_name"], row["report_year"]) for row in rows] == [("平罗县", 2023)]
    reported = query(
        sample_warehouse.warehouse,
        "select list(metric_id order by metric_id) from marts.metrics_by_jurisdiction_year"
        " where jurisdiction_name = ?",
        ["平罗县"],
    )[0][0]
    assert rows[0]["metric_ids"] == reported
    assert rows[0]["indicators_reported"] == len(reported) > 5

    rows = run_analysis(sample_warehouse.warehouse, unfiltered["indicator_coverage_by_jurisdiction"])
    assert {row["jurisdiction_name"] for row in rows} >= {"平罗县", "武威市", "高州市", "巴音郭楞蒙古自治州"}


def test_ranks_are_within_a_province_and_level(compiled, unfiltered, sample_warehouse):
    rows = run_analysis(sample_warehouse.warehouse, compiled["ranking_within_province"])
    assert rows
    assert {(row["province_name"], row["jurisdiction_level"]) for row in rows} == {("甘肃省", "prefecture")}

    rows = run_analysis(sample_warehouse.warehouse, unfiltered["ranking_within_province"])
    assert len({row["province_name"] for row in rows}) >= 4
    partitions = defaultdict(list)
    for row in rows:
        key = (row["province_name"], row["jurisdiction_level"], row["metric_id"], row["report_year"])
        partitions[key].append(row)
    for members in partitions.values():
        values = [row["value"] for row in members if row["value"] is not None]
        for row in members:
            # 1 + the values above it; a null value ranks after every value
            above = len(values) if row["value"] is None else sum(value > row["value"] for value in values)
            assert row["rank_in_province"] == 1 + above
            assert row["jurisdictions_reporting"] == len(members)


def test_top_disagreements_show_the_spread_of_what_the_reports_state(compiled, narrowed, sample_warehouse):
    rows = run_analysis(sample_warehouse.warehouse, compiled["top_disagreements"])
    assert 5 <= len(rows) <= 100
    spreads = [row["relative_spread"] for row in rows if row["relative_spread"] is not None]
    assert spreads == sorted(spreads, reverse=True) and spreads[0] > 0
    for row in rows:
        stated = query(
            sample_warehouse.warehouse,
            "select list(o.value), list(o.surface) from marts.fct_metric_observations o"
            " where o.jurisdiction_name = ? and o.report_year = ? and o.metric_id = ?",
            [row["jurisdiction_name"], row["report_year"], row["metric_id"]],
        )[0]
        assert (row["smallest_value"], row["largest_value"]) == (min(stated[0]), max(stated[0]))
        assert len(set(stated[0])) > 1
        assert sorted(row["surfaces"]) == sorted(stated[1])
        assert len(row["surfaces"]) == row["n_supporting_mentions"]
        if row["largest_value"] > 0:
            expected = (row["largest_value"] - row["smallest_value"]) / row["largest_value"]
            assert row["relative_spread"] == pytest.approx(round(expected, 3))

    rows = run_analysis(sample_warehouse.warehouse, narrowed["top_disagreements"])
    assert len(rows) == 2 and {row["report_year"] for row in rows} == {2023}


def test_reconsideration_values_name_the_paragraph_of_the_chosen_mention(unfiltered, sample_warehouse):
    name = "administrative_reconsideration_by_jurisdiction_year"
    rows = run_analysis(sample_warehouse.warehouse, unfiltered[name])
    assert rows
    expected = query(
        sample_warehouse.warehouse,
        "select y.jurisdiction_name, y.report_year, m.paragraph_id"
        " from marts.metrics_by_jurisdiction_year y"
        " join marts.fct_quantity_mentions m on m.mention_id = y.chosen_mention_id"
        " where y.metric_id like 'admin_reconsideration_%'",
    )
    found = [(row["jurisdiction_name"], row["report_year"], row["source_paragraph_id"]) for row in rows]
    assert sorted(found) == sorted(expected)


def test_province_and_years_narrow_the_answers(compiled, narrowed, sample_warehouse):
    rows = run_analysis(sample_warehouse.warehouse, compiled["reconsideration_caseloads_by_city_over_time"])
    assert [(row["city"], row["report_year"]) for row in rows] == [("武威市", 2021)]

    rows = run_analysis(sample_warehouse.warehouse, narrowed["partial_period_values"])
    assert rows and all(row["jurisdiction_name"] == "平罗县" and row["period"] != "year" for row in rows)
    rows = run_analysis(sample_warehouse.warehouse, compiled["partial_period_values"])
    assert all(row["jurisdiction_name"] == "武威市" for row in rows)

    rows = run_analysis(
        sample_warehouse.warehouse, compiled["administrative_reconsideration_by_jurisdiction_year"]
    )
    assert [(row["jurisdiction_name"], row["report_year"]) for row in rows] == [("武威市", 2021)]
    rows = run_analysis(
        sample_warehouse.warehouse, narrowed["administrative_reconsideration_by_jurisdiction_year"]
    )
    assert [(row["jurisdiction_name"], row["report_year"]) for row in rows] == [("平罗县", 2023)]


def test_a_quoted_value_is_compared_not_executed(tmp_path_factory, sample_warehouse):
    quoted = _compile(tmp_path_factory, QUOTED)
    narrowing = [name for name in ANALYSES if set(reads(name)) & set(QUOTED)]
    assert len(narrowing) >= 7
    for name in narrowing:
        # the value stands in the SQL as one literal, its quotes doubled: never as `'1'='1'`
        assert "'1'='1'" not in quoted[name], f"{name} pastes a var into its SQL unescaped"
        assert run_analysis(sample_warehouse.warehouse, quoted[name]) == [], name


def test_a_year_that_is_not_a_number_is_refused(tmp_path_factory):
    build_db = tmp_path_factory.mktemp("compile") / "fazhi.duckdb"
    command = ["compile", "--select", "ranking_within_province", "--vars", '{"report_year": "2023 or true"}']
    result = run_dbt(command, build_db)
    assert not result.ok
    assert "report_year must be a year" in result.output
