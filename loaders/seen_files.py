"""raw.seen_files rows waiting to be written: one per file read by this load that is a landed
document or a copy of one, with the stat it had before it was read (loaders.quick_check).

Written like loaders.batch writes documents: the rows are kept as columns and upserted from a
registered frame, one statement per batch (a first load of 100,000 files spent 1.1 s in them on
a busy machine); values reach DuckDB only in that frame.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb

from loaders.batch import landing_frame
from loaders.quick_check import FileStat

_UPSERT = """
insert or replace into raw.seen_files (source_path, byte_size, modified_ns, document_id, load_id, seen_at)
select source_path, byte_size, modified_ns, document_id, load_id, seen_at from landing_seen_files
"""

_COLUMNS = ("source_path", "byte_size", "modified_ns", "document_id", "load_id", "seen_at")


class SeenFiles:
    """Rows for raw.seen_files; `commit` upserts them all in one statement."""

    def __init__(self, con: duckdb.DuckDBPyConnection, load_id: str, stats: Mapping[str, FileStat]) -> None:
        self.con = con
        self.load_id = load_id
        self.stats = stats  # source path -> the stat taken before the file was read (QuickCheck.stats)
        self._clear()

    def _clear(self) -> None:
        self._rows: dict[str, list[object]] = {name: [] for name in _COLUMNS}

    def __len__(self) -> int:
        return len(self._rows["source_path"])

    def add(self, source_path: str, document_id: str) -> None:
        """Record that the file at `source_path`, as its stat found it, is `document_id`; a file
        without a stat, or modified just before it (loaders.quick_check), is read again next time."""
        stat = self.stats.get(source_path)
        if stat is None or not stat.settled:
            return
        row = (source_path, stat.byte_size, stat.modified_ns, document_id, self.load_id, stat.taken_at)
        for column, value in zip(self._rows.values(), row, strict=True):
            column.append(value)

    def commit(self) -> None:
        if not len(self):
            return
        frame = landing_frame(self._rows, kept={"byte_size", "modified_ns", "seen_at"})
        self.con.register("landing_seen_files", frame)
        try:
            self.con.execute(_UPSERT)
        finally:
            self.con.unregister("landing_seen_files")
        self._clear()
