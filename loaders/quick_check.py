"""The quick check, as rsync and make do it: a file is not read again when its path, byte size
and modification time (st_mtime_ns) are what they were when it was last read, and the document
it was then is still in raw.documents; it counts as already landed.

Reading and hashing every file to learn that it is already landed was most of a nightly load
(100,000 reports: 20 s in `read`); a stat is a few microseconds. What the check trusts is the
path, the size and the mtime, nothing else: a file rewritten with the same size and its old
mtime kept (`cp -p`, `rsync -t`, `touch -r`) is not read again; `touch` it to make the next
load read it.

Each file to read is stat'ed before it is read, so a file changed while being read has a newer
mtime than the one recorded and is read again next time. A file modified less than
SETTLE_SECONDS before its stat is read again next time too (it is not recorded): another change
within the same clock tick would keep its mtime (git's "racily clean" files). Rejected files are
not recorded; they are read again by every load. A document that has left raw.documents
(superseded by new content at its path: fazhi/supersede.py) makes the files recorded with it be
read again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from loaders.discover import FoundFile
from loaders.display import display_path

SETTLE_SECONDS = 2  # FAT's mtime is to 2 s; ext4, xfs and btrfs tick by a few milliseconds

_RECORDED = "select source_path, byte_size, modified_ns, document_id from raw.seen_files"


@dataclass(frozen=True, slots=True)
class FileStat:
    """What a file was just before it was read."""

    byte_size: int
    modified_ns: int
    taken_ns: int  # the wall clock when the stat was taken

    @property
    def settled(self) -> bool:
        """Modified long enough before the stat that a later change shows in the mtime."""
        return self.modified_ns <= self.taken_ns - SETTLE_SECONDS * 1_000_000_000

    @property
    def taken_at(self) -> datetime:
        return datetime.fromtimestamp(self.taken_ns / 1e9, UTC)


def file_stat(path: Path) -> FileStat | None:
    """The file's size and mtime now, or None when it cannot be stat'ed (reading it will say why)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return FileStat(stat.st_size, stat.st_mtime_ns, time.time_ns())


class QuickCheck:
    """Which found files need reading; the stat each one had before it was read."""

    def __init__(self, recorded: dict[str, tuple[int, int]]) -> None:
        self._recorded = recorded  # source path -> (byte size, mtime in ns) when last read
        self.stats: dict[str, FileStat] = {}  # source path -> its stat, for every file to read

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection, landed: Collection[str]) -> QuickCheck:
        """The files recorded with a document still landed (`landed`: the ids in raw.documents,
        which the load has read already): only those may be skipped."""
        rows = con.execute(_RECORDED).fetchall()
        return cls({path: (size, modified) for path, size, modified, document in rows if document in landed})

    def files_to_read(self, found: Iterable[FoundFile]) -> tuple[list[FoundFile], int]:
        """The found files to read, in order (entries with a problem among them, as found), and
        how many are unchanged since they were last read (not read: already landed)."""
        to_read: list[FoundFile] = []
        unchanged = 0
        for item in found:
            if item.problem is None:
                source_path = display_path(item.path)
                stat = file_stat(item.path)
                if stat is not None:
                    if self._recorded.get(source_path) == (stat.byte_size, stat.modified_ns):
                        unchanged += 1
                        continue
                    self.stats[source_path] = stat
            to_read.append(item)
        return to_read, unchanged
