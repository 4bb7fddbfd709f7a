"""dbt-duckdb plugin: registers the project's Python functions as DuckDB UDFs.

The pure packages (hanzi, extraction, attribution, indicators) know nothing of DuckDB; this module is
the one place that adapts them. Models calling these UDFs are materialized as tables, so the
published warehouse never needs Python to be read.

A Python error on one document must not stop a refresh of thousands: each UDF returns the
error message beside its result (`error`), and the models carry it to a column that is tested.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from functools import lru_cache
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin

from hanzi import changed_characters, to_simplified
from hanzi.fingerprint import content_key

MENTION_FIELDS = (
    'start integer, "end" integer, value double, unit varchar, qualifier varchar, kind varchar, '
    "subject varchar, period varchar, scope varchar, chinese_numeral boolean, subject_index integer"
)
EXTRACTION_TYPE = f"struct(mentions struct({MENTION_FIELDS})[][], error varchar)"
MAPPING_INPUT_FIELDS = (
    'mention_id varchar, paragraph integer, start integer, "end" integer, value double, unit varchar, '
    "kind varchar, subject varchar, scope varchar, subject_index integer"
)
MAPPING_TYPE = (
    "struct(matches struct(mention_id varchar, metric_id varchar, metric_value double, metric_unit varchar, "
    "unit_factor double, matched_alias varchar, evidence varchar, distance_to_value double)[], error varchar)"
)
ATTRIBUTION_TYPE = (
    "struct(title varchar, jurisdiction_id varchar, jurisdiction_name varchar, jurisdiction_level varchar, "
    "parent varchar, parent_id varchar, admin_code varchar, report_year integer, publish_date date, "
    "issuer varchar, error varchar)"
)


@lru_cache(maxsize=1)
def _lexicon() -> Any:
    from extraction import default_seeds_dir, load_lexicon

    return load_lexicon(default_seeds_dir())


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    from attribution import default_seeds_dir, load_gazetteer

    return load_gazetteer(default_seeds_dir())


@lru_cache(maxsize=1)
def _vocabulary() -> Any:
    from indicators import load_vocabulary

    return load_vocabulary()


def _fields(item: Any) -> dict[str, Any]:
    """A flat dataclass as a dict: dataclasses.asdict deep-copies every value, which cost the
    extraction UDF a third of its time; these hold only numbers and strings."""
    return {name: getattr(item, name) for name in _field_names(type(item))}


@lru_cache(maxsize=8)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def extract_document_quantities(paragraphs: list[str]) -> dict[str, Any]:
    """The mentions of every paragraph of one document, in order (a table's unit carries over)."""
    from extraction import extract_document

    try:
        found = extract_document(paragraphs, _lexicon())
    except Exception as error:  # one bad document must not stop the build; the error is kept
        return {"mentions": [[] for _ in paragraphs], "error": _describe(error)}
    return {"mentions": [[_fields(m) for m in mentions] for mentions in found], "error": None}


def attribute_document(text: str, file_name: str, metadata: dict[str, str] | None = None) -> dict[str, Any]:
    """``metadata``: the page's fields as landed (标题, 发布机构, 发布日期, 成文日期 …), or empty."""
    from attribution import attribute_document as attribute

    try:
        # the text arrives simplified; a traditional page's fields are simplified the same way
        fields = {key: to_simplified(value) for key, value in (metadata or {}).items() if value}
        return {**asdict(attribute(text, file_name, _gazetteer(), fields)), "error": None}
    except Exception as error:  # as above: the document stays, unattributed, with the reason
        return {"error": _describe(error)}


def map_document_metrics(paragraphs: list[str], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """The catalog indicator of every mention of one document that is a value of one."""
    from indicators import MentionIn, map_document

    try:
        found = map_document(_vocabulary(), list(paragraphs), [MentionIn(**m) for m in mentions or []])
    except Exception as error:  # as above: the document keeps its mentions, unmapped, with the reason
        return {"matches": [], "error": _describe(error)}
    return {"matches": [_fields(m) for m in found], "error": None}


def register_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Register every UDF on a connection (dbt's, or a test's)."""
    con.create_function("to_simplified", to_simplified, ["VARCHAR"], "VARCHAR", side_effects=False)
    con.create_function(
        "changed_characters", changed_characters, ["VARCHAR", "VARCHAR"], "INTEGER", side_effects=False
    )
    con.create_function(
        "extract_document_quantities",
        extract_document_quantities,
        ["VARCHAR[]"],
        duckdb.sqltype(EXTRACTION_TYPE),
        side_effects=False,
    )
    con.create_function(
        "map_document_metrics",
        map_document_metrics,
        ["VARCHAR[]", duckdb.sqltype(f"struct({MAPPING_INPUT_FIELDS})[]")],
        duckdb.sqltype(MAPPING_TYPE),
        side_effects=False,
    )
    con.create_function(
        "content_key", content_key, ["VARCHAR"], "VARCHAR", side_effects=False
    )  # the same for copies of one report in either script or any format (hanzi.fingerprint)
    con.create_function(
        "attribute_document",
        attribute_document,
        ["VARCHAR", "VARCHAR", "MAP(VARCHAR, VARCHAR)"],
        duckdb.sqltype(ATTRIBUTION_TYPE),
        side_effects=False,
    )


class Plugin(BasePlugin):
    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        register_functions(conn)
