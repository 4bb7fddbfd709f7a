"""The expectations the marts must meet, as plain specs: generated from the catalog where it can.

Range rules are applied by dbt (fct_quantity_mentions.dq_status, from seeds/metric_catalog.csv,
seeds/dq_kind_ranges.csv and seeds/dq_reviewed_exceptions.csv). The suite re-derives the same
ranges here independently: every mention dbt calls `ok` must be in range (so a bug in the flagging
cannot hide a bad value), and the share of unreviewed out-of-range mentions is the gate.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

# A batch fails the gate when more than this share of its mentions is out of range and not reviewed.
MAX_OUT_OF_RANGE_SHARE = 0.05
# Reports on 法治政府建设 exist from the 2000s on; a year outside this window is a misreading.
FIRST_SANE_YEAR = 2000

DQ_STATUSES = ["ok", "out_of_range", "reviewed_exception"]
KINDS = ["count", "amount", "rate", "duration", "change", "other"]
QUALIFIERS = ["exact", "approx", "at_least", "at_most"]
JURISDICTION_LEVELS = ["province", "prefecture", "county", "township", "dev_zone", "department"]
_SAFE_ID = re.compile(r"^[A-Za-z0-9_]+$")


@dataclass(frozen=True, slots=True)
class Clause:
    """`column op value`: one part of a row condition; the values reach SQL as bound parameters."""

    column: str
    op: Literal["==", "in", "not_in"]
    value: str | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ExpectationSpec:
    """One expectation on one mart: `gx_type` names a class in great_expectations.expectations.

    `row_condition`: the rows it applies to (all its clauses hold); empty means every row.
    """

    table: str
    expectation_id: str
    gx_type: str
    kwargs: dict[str, Any]
    description: str
    row_condition: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class Range:
    valid_min: float | None
    valid_max: float | None


@dataclass(frozen=True, slots=True)
class Key:
    """A mart's one-column key, held unique by its expectation `expectation_id`."""

    table: str
    column: str
    expectation_id: str


# Each is checked by one aggregate GX bundles with the mart's other whole-table metrics:
# count(distinct key) must equal the key's non-null rows (read first, `Reference.key_counts`).
# ExpectColumnValuesToBeUnique would run two window queries over the whole mart instead.
UNIQUE_KEYS = (
    Key("dim_documents", "document_id", "document_id_unique"),
    Key("fct_quantity_mentions", "mention_id", "mention_id_unique"),
    Key("fct_metric_observations", "mention_id", "observation_id_unique"),
    Key("dim_metric", "metric_id", "metric_id_unique"),
    Key("dim_jurisdiction", "jurisdiction_id", "jurisdiction_id_unique"),
)


@dataclass(frozen=True, slots=True)
class KeyCount:
    rows: int
    non_null: int  # rows whose key is not null: as many distinct values as these, or a duplicate


@dataclass
class Reference:
    """What the suite is generated from: read from the build database's seeds (and key counts)."""

    catalog_ranges: dict[str, Range]  # metric_id -> range
    kind_ranges: dict[tuple[str, str], Range]  # (kind, unit or "*") -> range
    allowed_units: list[str]
    last_sane_year: int
    max_out_of_range_share: float = MAX_OUT_OF_RANGE_SHARE
    notes: list[str] = field(default_factory=list)
    key_counts: dict[Key, KeyCount] = field(default_factory=dict)  # a mart that could not be read: absent


def _fmt(bound: float | None) -> str:
    return "none" if bound is None else f"{bound:g}"


def _bounds(rng: Range) -> dict[str, float]:
    bounds: dict[str, float] = {}
    if rng.valid_min is not None and not math.isnan(rng.valid_min):
        bounds["min_value"] = rng.valid_min
    if rng.valid_max is not None and not math.isnan(rng.valid_max):
        bounds["max_value"] = rng.valid_max
    return bounds


def _between(
    table: str, ident: str, column: str, rng: Range, condition: tuple[Clause, ...], text: str
) -> ExpectationSpec | None:
    bounds = _bounds(rng)
    if not bounds:
        return None
    kwargs = {"column": column, **bounds}
    return ExpectationSpec(table, ident, "ExpectColumnValuesToBeBetween", kwargs, text, condition)


def _catalog_range_specs(ref: Reference) -> list[ExpectationSpec]:
    """One expectation per distinct catalog range, over the mentions of the indicators that share it."""
    by_range: dict[Range, list[str]] = defaultdict(list)
    for metric_id, rng in sorted(ref.catalog_ranges.items()):
        if not _SAFE_ID.match(metric_id):
            ref.notes.append(f"metric_id {metric_id!r} is not an identifier; its range is not checked")
            continue
        by_range[rng].append(metric_id)
    specs = []
    ordered = sorted(
        by_range.items(), key=lambda item: (item[0].valid_min or 0, item[0].valid_max or math.inf)
    )
    for rng, metric_ids in ordered:
        condition = (Clause("metric_key", "in", tuple(metric_ids)), Clause("dq_status", "==", "ok"))
        ident = f"catalog_range_{_fmt(rng.valid_min)}_{_fmt(rng.valid_max)}"
        text = (
            f"ok mentions of {len(metric_ids)} indicators lie in their catalog range "
            f"{_fmt(rng.valid_min)}–{_fmt(rng.valid_max)}"
        )
        spec = _between("fct_quantity_mentions", ident, "value", rng, condition, text)
        if spec:
            specs.append(spec)
    return specs


def _kind_range_specs(ref: Reference) -> list[ExpectationSpec]:
    """Mentions not mapped to an indicator: their kind's range (rates 0–100 %, counts ≥ 0 ...)."""
    specs = []
    specific_units = defaultdict(list)
    for kind, unit in ref.kind_ranges:
        if unit != "*":
            specific_units[kind].append(unit)
    for (kind, unit), rng in sorted(ref.kind_ranges.items()):
        # unit_key: unit or '', so a mention without a unit falls under its kind's "*" range
        condition = (
            Clause("metric_key", "==", ""),
            Clause("kind", "==", kind),
            Clause("dq_status", "==", "ok"),
        )
        if unit == "*":
            others = specific_units.get(kind, [])
            if others:
                condition += (Clause("unit_key", "not_in", tuple(sorted(others))),)
        else:
            condition += (Clause("unit_key", "==", unit),)
        ident = f"kind_range_{kind}_{'any' if unit == '*' else unit}"
        spec = _between(
            "fct_quantity_mentions",
            ident,
            "value",
            rng,
            condition,
            f"ok {kind} mentions in {unit} lie in range",
        )
        if spec:
            specs.append(spec)
    return specs


def _spec(table: str, ident: str, gx_type: str, text: str, **kwargs: Any) -> ExpectationSpec:
    return ExpectationSpec(table, ident, gx_type, kwargs, text)


def _unique(ref: Reference, expectation_id: str) -> ExpectationSpec:
    """A key unique over the whole mart: as many distinct values as non-null rows (one aggregate).
    A mart that could not be counted gets the row-by-row expectation, whose query then reports why."""
    key = next(k for k in UNIQUE_KEYS if k.expectation_id == expectation_id)
    counted = ref.key_counts.get(key)
    if counted is None:
        return _spec(
            key.table, key.expectation_id, "ExpectColumnValuesToBeUnique", "key unique", column=key.column
        )
    return _spec(
        key.table,
        key.expectation_id,
        "ExpectColumnUniqueValueCountToBeBetween",
        "key unique: as many distinct values as rows with a key",
        column=key.column,
        min_value=counted.non_null,
        max_value=counted.non_null,
    )


def _structural_specs(ref: Reference) -> list[ExpectationSpec]:
    years = {"min_value": FIRST_SANE_YEAR, "max_value": ref.last_sane_year}
    fqm, fmo, mby = "fct_quantity_mentions", "fct_metric_observations", "metrics_by_jurisdiction_year"
    docs, dmet, djur = "dim_documents", "dim_metric", "dim_jurisdiction"
    s = _spec
    return [
        # keys complete and unique
        s(docs, "documents_exist", "ExpectTableRowCountToBeBetween", "a batch has documents", min_value=1),
        s(
            docs,
            "document_id_not_null",
            "ExpectColumnValuesToNotBeNull",
            "key complete",
            column="document_id",
        ),
        _unique(ref, "document_id_unique"),
        s(
            docs,
            "report_year_sane",
            "ExpectColumnValuesToBeBetween",
            "years in a sane window",
            column="report_year",
            **years,
        ),
        s(
            docs,
            "jurisdiction_level_known",
            "ExpectColumnValuesToBeInSet",
            "levels from the fixed set",
            column="jurisdiction_level",
            value_set=JURISDICTION_LEVELS,
        ),
        s(fqm, "mention_id_not_null", "ExpectColumnValuesToNotBeNull", "key complete", column="mention_id"),
        _unique(ref, "mention_id_unique"),
        s(
            fqm,
            "mention_document_not_null",
            "ExpectColumnValuesToNotBeNull",
            "document complete",
            column="document_id",
        ),
        s(fqm, "mention_value_not_null", "ExpectColumnValuesToNotBeNull", "value complete", column="value"),
        s(
            fqm,
            "mention_traceable",
            "ExpectColumnValuesToBeInSet",
            "every mention lies inside its paragraph of its document",
            column="traceable",
            value_set=[True],
        ),
        s(
            fqm,
            "mention_unit_allowed",
            "ExpectColumnValuesToBeInSet",
            "units from the allowed set (seeds)",
            column="unit",
            value_set=ref.allowed_units,
        ),
        s(
            fqm,
            "mention_kind_known",
            "ExpectColumnValuesToBeInSet",
            "kinds from the fixed set",
            column="kind",
            value_set=KINDS,
        ),
        s(
            fqm,
            "mention_qualifier_known",
            "ExpectColumnValuesToBeInSet",
            "qualifiers from the fixed set",
            column="qualifier",
            value_set=QUALIFIERS,
        ),
        s(
            fqm,
            "dq_status_known",
            "ExpectColumnValuesToBeInSet",
            "dq_status is set",
            column="dq_status",
            value_set=DQ_STATUSES,
        ),
        s(fqm, "dq_status_not_null", "ExpectColumnValuesToNotBeNull", "dq_status is set", column="dq_status"),
        # the gate: the share of unreviewed out-of-range mentions
        s(
            fqm,
            "out_of_range_share_below_threshold",
            "ExpectColumnValuesToBeInSet",
            f"at most {ref.max_out_of_range_share:.0%} of mentions out of range and not reviewed",
            column="dq_status",
            value_set=["ok", "reviewed_exception"],
            mostly=1 - ref.max_out_of_range_share,
        ),
        _unique(ref, "observation_id_unique"),
        s(
            fmo,
            "observation_id_not_null",
            "ExpectColumnValuesToNotBeNull",
            "key complete",
            column="mention_id",
        ),
        s(
            fmo,
            "observation_metric_known",
            "ExpectColumnValuesToBeInSet",
            "indicators from the catalog",
            column="metric_id",
            value_set=sorted(ref.catalog_ranges),
        ),
        s(
            fmo,
            "observation_traceable",
            "ExpectColumnValuesToBeInSet",
            "every observation traceable to a paragraph",
            column="traceable",
            value_set=[True],
        ),
        s(
            fmo,
            "observation_year_sane",
            "ExpectColumnValuesToBeBetween",
            "years in a sane window",
            column="report_year",
            **years,
        ),
        s(
            mby,
            "metric_year_key_unique",
            "ExpectCompoundColumnsToBeUnique",
            "one row per jurisdiction, year, indicator",
            column_list=["jurisdiction_id", "report_year", "metric_id"],
        ),
        s(
            mby,
            "metric_year_jurisdiction_not_null",
            "ExpectColumnValuesToNotBeNull",
            "key complete",
            column="jurisdiction_id",
        ),
        s(
            mby,
            "metric_year_year_not_null",
            "ExpectColumnValuesToNotBeNull",
            "key complete",
            column="report_year",
        ),
        s(
            mby,
            "metric_year_metric_not_null",
            "ExpectColumnValuesToNotBeNull",
            "key complete",
            column="metric_id",
        ),
        s(
            mby,
            "metric_year_year_sane",
            "ExpectColumnValuesToBeBetween",
            "years in a sane window",
            column="report_year",
            **years,
        ),
        s(dmet, "catalog_not_empty", "ExpectTableRowCountToBeBetween", "the catalog is loaded", min_value=1),
        _unique(ref, "metric_id_unique"),
        s(
            dmet,
            "metric_range_ordered",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            "valid_max ≥ valid_min",
            column_A="valid_max",
            column_B="valid_min",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
        s(
            djur,
            "jurisdiction_id_not_null",
            "ExpectColumnValuesToNotBeNull",
            "key complete",
            column="jurisdiction_id",
        ),
        _unique(ref, "jurisdiction_id_unique"),
    ]


def build_specs(ref: Reference) -> list[ExpectationSpec]:
    """The whole suite: structural expectations, then the ranges generated from the catalog and seeds."""
    return [*_structural_specs(ref), *_catalog_range_specs(ref), *_kind_range_specs(ref)]
