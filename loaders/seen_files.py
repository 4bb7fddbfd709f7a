"""raw.seen_files rows waiting to be written: one per file read by this load that is a landed
document or a copy of one, with the stat it had before it was read (loaders.quick_check).

Written like loaders.batch writes documents: the rows are kept as columns and upserted from a
registered frame, one statement per batch (a first load of 100,000 files spent 1.1 s in them on
a busy machine); values reach DuckDB only in that frame.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import pandas as pd

from loaders.quick_check import FileStat

_UPSERT = """
insert or replace into raw.seen_files (source_path, byte_size, modified_ns, document_id, load_id, seen_at)
select source_path, byte_size, modified_ns, document_id, load_id, seen_at from landing_seen_files
"""
_STRING = "str"  # a column of object values would be typed by DuckDB from a sample of its rows


class SeenFiles:
    """Rows for raw.seen_files; `commit` upserts them all in one statement."""

    def __init__(self, con: duckdb.DuckDBPyConnection, load_id: str, stats: Mapping[str, FileStat]) -> None:
        self.con = con
        self.load_id = load_id
        self.stats = stats  # source path -> the stat taken before the file was read (QuickCheck.stats)
        self._clear()

    def _clear(self) -> None:
        self._paths: list[str] = []
        self._sizes: list[int] = []
        self._modified: list[int] = []
        self._documents: list[str] = []
        self._taken: list[object] = []

    def __len__(self) -> int:
        return len(self._paths)

    def add(self, source_path: str, document_id: str) -> None:
        """Record that the file at `source_path`, as its stat found it, is `document_id`; a file
        without a stat, or modified just before it (loaders.quick_check), is read again next time."""
        stat = self.stats.get(source_path)
        if stat is None or not stat.settled:
            return
        self._paths.append(source_path)
        self._sizes.append(stat.byte_size)
        self._modified.append(stat.modified_ns)
        self._documents.append(document_id)
        self._taken.append(stat.taken_at)

    def commit(self) -> None:
        if not self._paths:
            return
        frame = pd.DataFrame(
            {
                "source_path": pd.Series(self._paths, dtype=_STRING),
                "byte_size": pd.Series(self._sizes, dtype="int64"),
                "modified_ns": pd.Series(self._modified, dtype="int64"),
                "document_id": pd.Series(self._documents, dtype=_STRING),
                "load_id": pd.Series([self.load_id] * len(self._paths), dtype=_STRING),
                "seen_at": self._taken,
            }
        )
        self.con.register("landing_seen_files", frame)
        try:
            self.con.execute(_UPSERT)
        finally:
            self.con.unregister("landing_seen_files")
        self._clear()
