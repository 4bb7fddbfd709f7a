"""The expectation suite is generated from the catalog and the seeds, and gates on the failure share."""

from __future__ import annotations

import duckdb
import pytest

from checks.results import ValidationReport
from checks.suite import MAX_OUT_OF_RANGE_SHARE, UNIQUE_KEYS, Clause, KeyCount, Range, Reference, build_specs


def reference(**overrides) -> Reference:
    values = {
        "catalog_ranges": {
            "a_rate": Range(0.0, 100.0),
            "b_rate": Range(0.0, 100.0),
            "wide": Range(0.0, 300.0),
        },
        "kind_ranges": {("rate", "%"): Range(0.0, 100.0), ("count", "*"): Range(0.0, None)},
        "allowed_units": ["%", "件"],
        "last_sane_year": 2027,
    }
    values.update(overrides)
    return Reference(**values)


def test_one_range_expectation_per_distinct_catalog_range():
    specs = [s for s in build_specs(reference()) if s.expectation_id.startswith("catalog_range_")]
    assert {s.expectation_id for s in specs} == {"catalog_range_0_100", "catalog_range_0_300"}
    shared = next(s for s in specs if s.expectation_id == "catalog_range_0_100")
    assert shared.kwargs["max_value"] == 100.0
    assert shared.row_condition == (
        Clause("metric_key", "in", ("a_rate", "b_rate")),
        Clause("dq_status", "==", "ok"),
    )


def test_unmapped_rates_are_held_to_0_to_100_and_counts_to_non_negative():
    specs = {s.expectation_id: s for s in build_specs(reference())}
    rate = specs["kind_range_rate_%"].kwargs
    assert (rate["min_value"], rate["max_value"]) == (0.0, 100.0)
    assert Clause("metric_key", "==", "") in specs["kind_range_rate_%"].row_condition
    assert Clause("unit_key", "==", "%") in specs["kind_range_rate_%"].row_condition
    count = specs["kind_range_count_any"].kwargs
    assert count["min_value"] == 0.0 and "max_value" not in count


def test_a_kind_with_unit_specific_ranges_holds_its_other_units_to_the_any_range():
    ref = reference(kind_ranges={("rate", "%"): Range(0.0, 100.0), ("rate", "*"): Range(0.0, None)})
    specs = {s.expectation_id: s for s in build_specs(ref)}
    assert Clause("unit_key", "not_in", ("%",)) in specs["kind_range_rate_any"].row_condition


def test_the_gate_is_the_share_of_unreviewed_out_of_range_mentions():
    spec = next(
        s for s in build_specs(reference()) if s.expectation_id == "out_of_range_share_below_threshold"
    )
    assert spec.kwargs["value_set"] == ["ok", "reviewed_exception"]
    assert spec.kwargs["mostly"] == pytest.approx(1 - MAX_OUT_OF_RANGE_SHARE)


def test_structural_expectations_cover_keys_units_years_and_lineage():
    ids = {s.expectation_id for s in build_specs(reference(catalog_ranges={}, kind_ranges={}))}
    assert {"mention_id_unique", "metric_year_key_unique", "mention_unit_allowed", "report_year_sane"} <= ids
    assert {"mention_traceable", "observation_traceable"} <= ids


def test_a_metric_id_that_is_not_an_identifier_is_not_pasted_into_a_condition():
    ref = reference(catalog_ranges={'x" or True or "': Range(0.0, 1.0)})
    specs = build_specs(ref)
    assert not [s for s in specs if s.expectation_id.startswith("catalog_range_")]
    assert ref.notes


def test_a_suite_that_evaluates_nothing_fails():
    assert not ValidationReport(gx_version="x").success


def test_gx_validates_a_query_in_duckdb_and_reports_the_out_of_range_share(tmp_path):
    from checks.gx_runner import validate
    from checks.suite import ExpectationSpec

    db = tmp_path / "t.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("create table t (dq_status varchar, value double)")
        con.execute(
            "insert into t select case when i < 8 then 'ok' else 'out_of_range' end, i from range(10) r(i)"
        )
    specs = [
        ExpectationSpec(
            "t",
            "share",
            "ExpectColumnValuesToBeInSet",
            {"column": "dq_status", "value_set": ["ok"], "mostly": 0.95},
            "share",
        ),
        ExpectationSpec(
            "t",
            "ok_values",
            "ExpectColumnValuesToBeBetween",
            {"column": "value", "min_value": 0, "max_value": 7},
            "r",
            (Clause("dq_status", "==", "ok"),),
        ),
    ]
    report = validate(db, {"t": "select * from t"}, specs, tmp_path / "docs", run_name="unit")
    outcomes = {o.expectation_id: o for o in report.outcomes}
    assert not outcomes["share"].success and outcomes["share"].unexpected_count == 2
    assert outcomes["ok_values"].success and outcomes["ok_values"].element_count == 8
    assert not report.success and report.evaluated == 2
    assert (tmp_path / "docs" / "index.html").exists()
    with duckdb.connect(str(db)) as con:  # GX's read-only connection is closed again
        con.execute("drop table t")


def test_a_counted_key_is_held_to_as_many_distinct_values_as_rows_with_a_key():
    mentions = next(k for k in UNIQUE_KEYS if k.expectation_id == "mention_id_unique")
    ref = reference(key_counts={mentions: KeyCount(rows=12, non_null=10)})
    specs = {s.expectation_id: s for s in build_specs(ref)}
    unique = specs["mention_id_unique"]
    assert unique.gx_type == "ExpectColumnUniqueValueCountToBeBetween"
    assert unique.kwargs == {"column": "mention_id", "min_value": 10, "max_value": 10}
    # a mart that could not be counted: the row-by-row expectation, which reports why
    assert specs["document_id_unique"].gx_type == "ExpectColumnValuesToBeUnique"
    assert {s.expectation_id for s in build_specs(ref)} >= {k.expectation_id for k in UNIQUE_KEYS}
