"""Documents waiting to land: kept as columns, written by one insert per table and one commit.

An insert statement per document cost ~2.8 ms a document with its paragraphs (two thirds of a
load), `executemany` twice that; inserting a whole batch from a registered frame costs ~0.5 ms
a document, commit included. A document and its paragraphs always commit together. Values reach
DuckDB only in registered frames and bound parameters.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from datetime import datetime
from itertools import repeat

import duckdb
import pandas as pd

from loaders.prepare import Ready

_INSERT_DOCUMENTS = """
insert into raw.documents (document_id, file_name, source_path, media_type, encoding, byte_size,
                           text, load_id, loaded_at, metadata)
select document_id, file_name, source_path, media_type, encoding, byte_size, decode(text), load_id,
       loaded_at, cast(cast(metadata as json) as map(varchar, varchar))
from landing_documents
"""
# Frames hold strings in pandas' string dtype: a column of object values is typed by DuckDB from
# a sample of its rows, so a batch whose first thousand encodings are null would not be varchar.
# Page metadata travels as JSON text for the same reason (lists of keys would be typed by sample).
# Texts arrive as UTF-8 bytes (a blob column of objects, all bytes) and DuckDB decodes them.
_STRING = "str"
_BYTES = object
# paragraph_id is loaders.land.paragraph_id(document_id, paragraph_index), made here in SQL: one
# string fewer per paragraph through Python.
_INSERT_PARAGRAPHS = """
insert into raw.paragraphs (paragraph_id, document_id, paragraph_index, char_start, char_end, text)
select document_id || ':' || cast(paragraph_index as varchar), document_id, paragraph_index, char_start,
       char_end, decode(text)
from landing_paragraphs
"""


# DuckDB checkpoints at a commit once its log holds 16 MB (its default): during a load that was a
# checkpoint every 300 documents, each costing more as the tables grow (30,000 reports: the load
# took 1.7× as long) and leaving part-filled blocks (a file 1.4-1.7× larger). The log stays
# bounded, and a killed load replays it.
LOAD_CHECKPOINT_THRESHOLD = "256MiB"
# DuckDB's default memory limit is 80 % of the machine: it kept what it wrote, 3 GB for 100,000
# reports. Past this limit it evicts (indexes too) or spills instead, at no cost measured; a lower
# limit set on the connection is kept.
LOAD_MEMORY_LIMIT = "512MiB"
_AMOUNT = re.compile(r"(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[A-Za-z]+)")
_UNITS = {"bytes": 1, "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12}
_UNITS |= {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40, "PiB": 2**50}


@contextlib.contextmanager
def loading_settings(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Checkpoint less often and bound DuckDB's memory while loading; the database's own
    settings are restored after."""
    threshold, memory = con.execute(
        "select current_setting('checkpoint_threshold'), current_setting('memory_limit')"
    ).fetchone() or ("16MiB", "")
    con.execute("set checkpoint_threshold = ?", [LOAD_CHECKPOINT_THRESHOLD])
    lower = _lower(LOAD_MEMORY_LIMIT, memory)
    if lower:
        con.execute("set memory_limit = ?", [LOAD_MEMORY_LIMIT])
    try:
        yield
    finally:
        con.execute("set checkpoint_threshold = ?", [threshold])
        if lower:
            con.execute("set memory_limit = ?", [memory])


def _lower(limit: str, current: str) -> bool:
    wanted, now = memory_bytes(limit), memory_bytes(current)
    return wanted is not None and now is not None and wanted < now


def memory_bytes(setting: str) -> int | None:
    """An amount of memory as DuckDB shows it ('18.8 GiB') or takes it ('1GB'), in bytes."""
    match = _AMOUNT.fullmatch(setting.strip())
    if match is None or match["unit"] not in _UNITS:
        return None
    return int(float(match["number"]) * _UNITS[match["unit"]])


class DocumentBatch:
    """Documents not written yet; `commit` writes them all in one transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._clear()

    def _clear(self) -> None:
        self.documents = 0
        self.bytes = 0  # text and paragraph bytes held: the batch's memory
        self._documents: dict[str, list[object]] = {
            name: []
            for name in (
                "document_id",
                "file_name",
                "source_path",
                "media_type",
                "encoding",
                "byte_size",
                "text",
                "load_id",
                "loaded_at",
                "metadata",
            )
        }
        self._paragraphs: dict[str, list[object]] = {
            name: [] for name in ("document_id", "paragraph_index", "char_start", "char_end", "text")
        }

    def add(self, ready: Ready, file_name: str, source_path: str, load_id: str, loaded_at: datetime) -> None:
        row = (
            ready.document_id,
            file_name,
            source_path,
            ready.media_type,
            ready.encoding,
            ready.byte_size,
            ready.text,
            load_id,
            loaded_at,
            json.dumps(ready.metadata, ensure_ascii=False),
        )
        for column, value in zip(self._documents.values(), row, strict=True):
            column.append(value)
        paragraphs = self._paragraphs
        paragraphs["document_id"].extend(repeat(ready.document_id, len(ready.starts)))
        paragraphs["paragraph_index"].extend(range(len(ready.starts)))
        paragraphs["char_start"].extend(ready.starts)
        paragraphs["char_end"].extend(ready.ends)
        paragraphs["text"].extend(ready.paragraph_texts())
        self.documents += 1
        self.bytes += 2 * len(ready.text)

    def commit(self) -> None:
        if not self.documents:
            return
        documents = landing_frame(self._documents, kept={"byte_size", "loaded_at"})
        paragraphs = landing_frame(self._paragraphs, kept={"paragraph_index", "char_start", "char_end"})
        self.con.execute("begin transaction")
        try:
            self.con.register("landing_documents", documents)
            self.con.register("landing_paragraphs", paragraphs)
            self.con.execute(_INSERT_DOCUMENTS)
            self.con.execute(_INSERT_PARAGRAPHS)
            self.con.execute("commit")
        except BaseException:
            with contextlib.suppress(duckdb.Error):  # a failed commit has already rolled back
                self.con.execute("rollback")
            raise
        finally:
            self.con.unregister("landing_documents")
            self.con.unregister("landing_paragraphs")
        self._clear()

    def discard(self) -> None:
        """Forget what was not committed (it lands next time)."""
        self._clear()


def landing_frame(columns: dict[str, list[object]], kept: set[str]) -> pd.DataFrame:
    """A frame to insert from: the `kept` columns (numbers, times) as pandas types them; `text` as
    bytes; every other column as strings."""
    return pd.DataFrame(
        {
            name: values if name in kept else pd.Series(values, dtype=_BYTES if name == "text" else _STRING)
            for name, values in columns.items()
        }
    )
