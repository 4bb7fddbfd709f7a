"""Text throughput on one core: the project's extractor against two floors on the same text.

The floor is what a regex engine alone costs: DuckDB `regexp_matches` over the paragraphs,
and Python `re` finding number + measure word. The extractor does far more (exclusions,
qualifiers, subjects, periods), so the ratios say what that grammar costs per character.
"""

from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from extraction import extract_document, load_lexicon

PROBE_CHARS = 5_000_000  # enough text for a stable rate, small enough to take seconds


@dataclass(frozen=True)
class Throughput:
    characters: int
    documents: int
    extractor: float  # characters per second
    duckdb_floor: float  # characters per second, one thread
    python_re: float  # characters per second
    matches_re: int


def quantity_pattern(seeds_dir: Path) -> str:
    """number + measure word, with the project's measure words (longest first)."""
    with (seeds_dir / "units.csv").open(encoding="utf-8-sig", newline="") as f:
        units = sorted({row["written"] for row in csv.DictReader(f) if row["written"]}, key=len, reverse=True)
    alternation = "|".join(re.escape(u) for u in units)
    return rf"[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿千百]?(?:{alternation})"


def simplified_documents(warehouse: Path, max_chars: int = PROBE_CHARS) -> list[list[str]]:
    """The simplified paragraphs of the first documents of the warehouse, up to `max_chars`."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            """with docs as (
                   select document_id, list(paragraph_text_simplified order by paragraph_index) as texts,
                          sum(paragraph_length) as chars
                   from staging.stg_paragraphs group by document_id),
               running as (
                   select texts, document_id, sum(chars) over (order by document_id) as total from docs)
               select texts from running where total <= ? order by document_id""",
            [max_chars],
        ).fetchall()
    return [list(r[0]) for r in rows]


def measure(warehouse: Path, seeds_dir: Path) -> Throughput:
    documents = simplified_documents(warehouse)
    paragraphs = [p for doc in documents for p in doc]
    characters = sum(map(len, paragraphs))
    lexicon = load_lexicon(seeds_dir)
    extract_document(documents[0], lexicon)  # compile the grammar before the clock starts

    started = time.perf_counter()
    for doc in documents:
        extract_document(doc, lexicon)
    extractor = characters / (time.perf_counter() - started)

    pattern = quantity_pattern(seeds_dir)
    compiled = re.compile(pattern)
    started = time.perf_counter()
    matches = sum(1 for p in paragraphs for _ in compiled.finditer(p))
    python_re = characters / (time.perf_counter() - started)

    with duckdb.connect() as con:
        con.execute("set threads = 1")
        con.register("frame", pd.DataFrame({"t": paragraphs}))
        con.execute("create table p as select t from frame")
        con.execute("select count(*) from p where regexp_matches(t, ?)", [pattern]).fetchall()  # warm
        started = time.perf_counter()
        con.execute("select count(*) from p where regexp_matches(t, ?)", [pattern]).fetchall()
        floor = characters / (time.perf_counter() - started)
    return Throughput(characters, len(documents), extractor, floor, python_re, matches)
