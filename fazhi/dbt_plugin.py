"""dbt-duckdb plugin: registers the project's Python functions as DuckDB UDFs.

The pure packages (hanzi, extraction, attribution) know nothing of DuckDB; this module is
the one place that adapts them. Models calling these UDFs are materialized as tables, so the
published warehouse never needs Python to be read.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import lru_cache
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin

from hanzi import changed_characters, to_simplified

MENTION_TYPE = (
    'struct(start integer, "end" integer, value double, unit varchar, qualifier varchar, kind varchar, '
    "subject varchar, period varchar, scope varchar, chinese_numeral boolean, subject_index integer)[]"
)
ATTRIBUTION_TYPE = (
    "struct(title varchar, jurisdiction_id varchar, jurisdiction_name varchar, jurisdiction_level varchar, "
    "parent varchar, parent_id varchar, admin_code varchar, report_year integer, publish_date date, "
    "issuer varchar)"
)


@lru_cache(maxsize=1)
def _lexicon() -> Any:
    from extraction import default_seeds_dir, load_lexicon

    return load_lexicon(default_seeds_dir())


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    from attribution import default_seeds_dir, load_gazetteer

    return load_gazetteer(default_seeds_dir())


def extract_quantities(text: str) -> list[dict[str, Any]]:
    from extraction import extract_mentions

    return [asdict(mention) for mention in extract_mentions(text, _lexicon())]


def attribute_document(text: str, file_name: str) -> dict[str, Any]:
    from attribution import attribute_document as attribute

    return asdict(attribute(text, file_name, _gazetteer()))


def register_functions(con: duckdb.DuckDBPyConnection) -> None:
    """Register every UDF on a connection (dbt's, or a test's)."""
    con.create_function("to_simplified", to_simplified, ["VARCHAR"], "VARCHAR", side_effects=False)
    con.create_function(
        "changed_characters", changed_characters, ["VARCHAR", "VARCHAR"], "INTEGER", side_effects=False
    )
    con.create_function(
        "extract_quantities",
        extract_quantities,
        ["VARCHAR"],
        duckdb.sqltype(MENTION_TYPE),
        side_effects=False,
    )
    con.create_function(
        "attribute_document",
        attribute_document,
        ["VARCHAR", "VARCHAR"],
        duckdb.sqltype(ATTRIBUTION_TYPE),
        side_effects=False,
    )


class Plugin(BasePlugin):
    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        register_functions(conn)
