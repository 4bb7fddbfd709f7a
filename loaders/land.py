"""Land report files in the warehouse's `raw` schema, with lineage; reject what cannot be read.

Every file found either lands (raw.documents + raw.paragraphs, in one transaction) or is
rejected (raw.rejects) with a reason a person understands; nothing a reader raises stops the
load. Files are read, hashed and extracted in worker processes when the load is large
(loaders.pool); this process alone decides what lands and writes it, in batches (one insert per
table and one commit per batch: a statement per file was most of a load). A document and its
paragraphs always commit together. Values reach DuckDB only as bound parameters or registered
frames, never spliced into SQL.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from loaders.batch import DocumentBatch, loading_settings
from loaders.discover import FoundFile, discover_files
from loaders.limits import LoadLimits
from loaders.pool import PoolSettings, prepared_in_order
from loaders.prepare import Known, Prepared, Refused
from loaders.progress import LoadProgress, make_progress
from loaders.schema import ensure_raw_schema
from loaders.summary import LoadSummary

__all__ = ["LoadSummary", "ensure_raw_schema", "land_files", "paragraph_id"]

# documents per transaction at most: fewer commits cost more time (200: +7 %), more cost memory
# (1,000: +250 MB peak at 30,000 reports)
BATCH_FILES = 500
BATCH_BYTES = 32_000_000  # UTF-8 bytes held (texts and paragraphs) per transaction at most


def paragraph_id(document_id: str, index: int) -> str:
    """The id of a document's paragraph (loaders.batch builds the same in SQL)."""
    return f"{document_id}:{index}"


def land_files(
    con: duckdb.DuckDBPyConnection,
    inputs: Iterable[Path],
    limits: LoadLimits | None = None,
    progress: LoadProgress | None = None,
    pool: PoolSettings | None = None,
) -> LoadSummary:
    """Land every readable file under the inputs that is not landed yet; reject the rest with a reason.

    ``limits`` defaults to the environment's (FAZHI_MAX_FILE_MB …); ``progress`` to lines on
    stderr when the load is long or stderr is a terminal; ``pool`` (worker processes, and from
    how many files to use them) to the environment's (FAZHI_WORKERS …).
    """
    limits = limits or LoadLimits.from_env()
    pool = pool or PoolSettings.from_env()
    ensure_raw_schema(con)
    input_list = [str(Path(p).resolve()) for p in inputs]
    summary = LoadSummary(load_id=str(uuid.uuid4()))
    clock = time.monotonic()
    con.execute(
        "insert into raw.loads (load_id, started_at, inputs) values (?, ?, ?)",
        [summary.load_id, _now(), input_list],
    )
    found = list(discover_files(Path(p) for p in input_list))  # listed first: progress knows the total
    progress = progress or make_progress(len(found))
    # every id landed before, once: a query per file cost more than reading and hashing it
    known = {row[0] for row in con.execute("select document_id from raw.documents").fetchall()}
    # closed on the way out, so a failed load stops its workers at once
    with loading_settings(con), closing(prepared_in_order(found, limits, known, pool)) as prepared:
        _land_found(con, prepared, known, summary, progress, clock)
    summary.seconds = time.monotonic() - clock
    progress.finish(summary)
    con.execute(
        """update raw.loads set finished_at = ?, files_seen = ?, files_landed = ?,
           files_already_landed = ?, files_rejected = ?, files_identical_copies = ? where load_id = ?""",
        [
            _now(),
            summary.files_seen,
            summary.files_landed,
            summary.files_already_landed,
            summary.files_rejected,
            summary.files_identical_copies,
            summary.load_id,
        ],
    )
    return summary


def _land_found(
    con: duckdb.DuckDBPyConnection,
    prepared_files: Iterable[tuple[FoundFile, Prepared | None]],
    known: set[str],
    summary: LoadSummary,
    progress: LoadProgress,
    clock: float,
) -> None:
    """Land or reject each prepared file, in order, committing a batch at a time."""
    landed_now: set[str] = set()
    batch = DocumentBatch(con)
    try:
        for item, prepared in prepared_files:
            summary.files_seen += 1
            if prepared is None:
                _reject(con, summary, item.path, None, None, item.problem or "", item.code or "unreadable")
            else:
                _take(con, item.path, prepared, summary, landed_now, known, batch)
            if batch.documents >= BATCH_FILES or batch.bytes >= BATCH_BYTES:
                batch.commit()
            summary.seconds = time.monotonic() - clock
            progress.update(summary)
        batch.commit()
    except BaseException:
        batch.discard()  # the batch's documents land next time; earlier batches are committed
        raise


def _take(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    prepared: Prepared,
    summary: LoadSummary,
    landed_now: set[str],
    known: set[str],
    batch: DocumentBatch,
) -> None:
    """Count a prepared file and land it, reject it, or count it as a copy of a landed one."""
    if isinstance(prepared, Refused):
        summary.bytes_read += prepared.bytes_read
        _reject(con, summary, path, prepared.byte_size, prepared.content_hash, prepared.reason, prepared.code)
        return
    summary.bytes_read += prepared.byte_size
    # a worker extracts a copy of a file landed earlier in this load: it only knew the ids before
    if isinstance(prepared, Known) or prepared.document_id in known:
        if prepared.document_id in landed_now:
            summary.files_identical_copies += 1
        else:
            summary.files_already_landed += 1
        return
    batch.add(prepared, display_name(path), display_path(path), summary.load_id, _now())
    summary.files_landed += 1
    known.add(prepared.document_id)
    landed_now.add(prepared.document_id)


def display_path(path: Path) -> str:
    """The path as text that can be stored: bytes that are not UTF-8 are shown as \\x.. escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def display_name(path: Path) -> str:
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


def _reject(
    con: duckdb.DuckDBPyConnection,
    summary: LoadSummary,
    path: Path,
    byte_size: int | None,
    content_hash: str | None,
    reason: str,
    code: str,
) -> None:
    source_path = display_path(path)
    summary.files_rejected += 1
    summary.reject_codes[code] += 1
    summary.rejects.append((source_path, reason))
    already = con.execute(
        """select 1 from raw.rejects where source_path = ? and content_hash is not distinct from ?
           and reason = ?""",
        [source_path, content_hash, reason],
    ).fetchall()
    if already:
        return
    con.execute(
        """insert into raw.rejects (load_id, source_path, file_name, byte_size, content_hash, reason,
           rejected_at, reason_code) values (?, ?, ?, ?, ?, ?, ?, ?)""",
        [summary.load_id, source_path, display_name(path), byte_size, content_hash, reason, _now(), code],
    )


def _now() -> datetime:
    return datetime.now(UTC)
