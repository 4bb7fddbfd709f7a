"""dbt-duckdb plugin: registers the project's Python functions as DuckDB UDFs.

The pure packages (hanzi, extraction, attribution, indicators) know nothing of DuckDB; the
functions in fazhi/udfs.py adapt them one row at a time, and this module is the one place that
makes them UDFs. Each UDF is vectorized (Arrow): DuckDB hands it up to 2,048 rows at once, and
fazhi/row_pool.py spreads a large batch over worker processes, so the per-document steps use
every core although a Python UDF holds the GIL. Models calling these UDFs are materialized as
tables, so the published warehouse never needs Python to be read.
"""

from __future__ import annotations

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin

from fazhi import udfs
from fazhi.arrow_udf import POOL, RowFunction, vectorized
from fazhi.row_pool import RowPool
from hanzi.convert import conversion_candidates

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

FUNCTIONS = (
    RowFunction("to_simplified", udfs.to_simplified, ("VARCHAR",), "VARCHAR"),
    RowFunction("changed_characters", udfs.changed_characters, ("VARCHAR", "VARCHAR"), "INTEGER"),
    RowFunction(
        "extract_document_quantities", udfs.extract_document_quantities, ("VARCHAR[]",), EXTRACTION_TYPE
    ),
    RowFunction(
        "map_document_metrics",
        udfs.map_document_metrics,
        ("VARCHAR[]", f"struct({MAPPING_INPUT_FIELDS})[]"),
        MAPPING_TYPE,
    ),
    # of simplified text: the same for copies of one report in either script or any format
    RowFunction("simplified_content_key", udfs.simplified_content_key, ("VARCHAR",), "VARCHAR"),
    RowFunction(
        "attribute_document",
        udfs.attribute_document,
        ("VARCHAR", "VARCHAR", "MAP(VARCHAR, VARCHAR)"),
        ATTRIBUTION_TYPE,
    ),
)


def _re2_class(characters: str) -> str:
    return "[" + "".join(f"\\{c}" if c in "\\]^-[" else c for c in characters) + "]"


def register_macros(con: duckdb.DuckDBPyConnection) -> None:
    """SQL macros (temporary: a connection's own, never in the warehouse file).

    may_need_simplification(text): false when OpenCC t2s cannot change the text, tested in
    DuckDB's regex engine at hundreds of MB/s, so that only text with a candidate character
    goes to Python. The class is made of the characters of OpenCC's own dictionary (a pinned
    package), never of input, and holds no quote.
    """
    pattern = _re2_class(conversion_candidates())
    if "'" in pattern:
        raise ValueError("a quote in the t2s candidate class")
    con.execute(
        f"create or replace temp macro may_need_simplification(text) as regexp_matches(text, '{pattern}')"
    )


def register_functions(con: duckdb.DuckDBPyConnection, pool: RowPool = POOL) -> None:
    """Register every UDF and macro on a connection (dbt's, or a test's)."""
    register_macros(con)
    for spec in FUNCTIONS:
        con.create_function(
            spec.name,
            vectorized(spec, pool),
            [duckdb.sqltype(p) for p in spec.parameters],
            duckdb.sqltype(spec.returns),
            type="arrow",
            side_effects=False,
        )


class Plugin(BasePlugin):
    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        register_functions(conn)

    def configure_cursor(self, cursor: duckdb.DuckDBPyConnection) -> None:
        register_macros(cursor)  # a temporary macro lives in one connection; each cursor is one
