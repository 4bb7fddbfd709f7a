"""Throughput of each per-document Python step of a build, one core, on the same reports.

dbt runs these as DuckDB Python UDFs, which hold the GIL: whatever dbt's thread count, they run
one at a time, so their summed time is the floor of a build. Measured by calling the UDF
functions (fazhi/udfs.py) directly, in the order the models call them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from fazhi import udfs
from hanzi import to_simplified
from hanzi.fingerprint import simplified_content_key

MAX_DOCUMENTS = 300


def _documents(warehouse: Path, limit: int) -> list[list[str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """select list(text order by paragraph_index) from raw.paragraphs
               group by document_id order by document_id limit ?""",
            [limit],
        ).fetchall()
    return [list(r[0]) for r in rows]


MENTION_KEYS = ("start", "end", "value", "unit", "kind", "subject", "scope", "subject_index")


def _mentions_in(extraction: dict[str, Any]) -> list[dict[str, Any]]:
    """The extraction's mentions as int_document_metric_mappings passes them to the mapper."""
    return [
        {"mention_id": f"{i}:{j}", "paragraph": i, **{k: m[k] for k in MENTION_KEYS}}
        for i, found in enumerate(extraction["mentions"])
        for j, m in enumerate(found)
    ]


def measure(warehouse: Path, limit: int = MAX_DOCUMENTS) -> dict[str, float]:
    """step -> characters per second (of the reports' paragraphs)."""
    documents = _documents(warehouse, limit)
    characters = sum(len(p) for doc in documents for p in doc)
    to_simplified("國")  # load the tables and compile the patterns before the clock starts
    simplified_content_key("x")
    udfs.extract_document_quantities(["共1件"])
    udfs.attribute_document("某县", "x", {})
    udfs.map_document_metrics(["共1件"], [])
    seconds: dict[str, float] = {}

    def clock(step: str, run: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = run()
        seconds[step] = time.perf_counter() - started
        return result

    simplified = clock(
        "to_simplified (stg_document_conversions)", lambda: [[to_simplified(p) for p in d] for d in documents]
    )
    clock(
        "content_key (int_document_content_keys)",
        lambda: [simplified_content_key("".join(s)) for s in simplified],
    )
    extractions = clock(
        "extract_document_quantities", lambda: [udfs.extract_document_quantities(s) for s in simplified]
    )
    clock(
        "attribute_document",
        lambda: [udfs.attribute_document("\n".join(s), "x", {}) for s in simplified],
    )
    mentions = [_mentions_in(e) for e in extractions]
    clock(
        "map_document_metrics",
        lambda: [udfs.map_document_metrics(s, m) for s, m in zip(simplified, mentions, strict=True)],
    )
    rates = {step: characters / s for step, s in seconds.items()}
    rates["all steps, one after another"] = characters / sum(seconds.values())
    return rates
