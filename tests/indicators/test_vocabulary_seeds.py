"""The mapping's seeds are consistent with the catalog, and their words do what their notes say."""

from __future__ import annotations

import csv

from indicators import default_seeds_dir
from indicators.vocabulary import ALL

ROLES = {"topic", "off_topic", "require", "exclude", "counted"}


def _rows(name: str) -> list[dict[str, str]]:
    with (default_seeds_dir() / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_metric_id_named_by_a_mapping_seed_is_in_the_catalog(project_vocabulary):
    catalog = {i.metric_id for i in project_vocabulary.indicators}
    for seed in ("metric_context_terms.csv", "metric_scope_rules.csv", "metric_unit_compatibility.csv"):
        named = {r["metric_id"] for r in _rows(seed)} - {ALL, ""}
        assert named <= catalog, (seed, named - catalog)


def test_context_roles_are_known_and_counted_is_global():
    for row in _rows("metric_context_terms.csv"):
        assert row["role"] in ROLES, row
        assert row["role"] != "counted" or row["metric_id"] == ALL, row
        assert row["terms"].strip(), row


def test_every_catalog_unit_accepts_itself_exactly(project_vocabulary):
    for indicator in project_vocabulary.indicators:
        assert project_vocabulary.unit_factor(indicator, indicator.unit) == (True, 1.0), indicator.metric_id


def test_exact_factors_only_where_the_units_are_the_same_measure(project_vocabulary):
    for row in _rows("metric_unit_compatibility.csv"):
        if row["factor"]:
            assert float(row["factor"]) == 1.0, row  # values are already scaled; no unit here needs more
    people = next(i for i in project_vocabulary.indicators if i.unit == "人")
    assert project_vocabulary.unit_factor(people, "名") == (True, 1.0)
    assert project_vocabulary.unit_factor(people, "次") == (False, None)
