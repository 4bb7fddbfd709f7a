"""Land report files in the warehouse's `raw` schema, with lineage; reject what cannot be read.

Every file found either lands (raw.documents + raw.paragraphs, in one transaction) or is
rejected (raw.rejects) with a reason a person understands; nothing a reader raises stops the
load. A file unchanged since a load read it (same path, size and mtime; loaders.quick_check) is
not read again: it counts as already landed. Files are read, hashed and extracted in worker
processes when the load is large (loaders.pool); this process alone decides what lands and
writes it, in batches (one insert per table and one commit per batch: a statement per file was
most of a load). A document and its paragraphs always commit together. Values reach DuckDB
only as bound parameters or registered frames, never spliced into SQL.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from loaders.batch import DocumentBatch, loading_settings
from loaders.discover import FoundFile, discover_files
from loaders.display import display_name, display_path
from loaders.limits import LoadLimits
from loaders.pool import PoolSettings, prepared_in_order
from loaders.prepare import Known, Prepared, Refused
from loaders.progress import LoadProgress, make_progress
from loaders.quick_check import QuickCheck
from loaders.schema import ensure_raw_schema
from loaders.seen_files import SeenFiles
from loaders.summary import LoadSummary

__all__ = ["LoadSummary", "ensure_raw_schema", "land_files", "paragraph_id"]

# documents per transaction at most: fewer commits cost more time (200: +7 %), more cost memory
# (1,000: +250 MB peak at 30,000 reports)
BATCH_FILES = 500
BATCH_BYTES = 32_000_000  # UTF-8 bytes held (texts and paragraphs) per transaction at most
SEEN_ROWS = 20_000  # raw.seen_files rows held at most (also written with every batch of documents)


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

    A file unchanged since a load read it (path, size, mtime: loaders.quick_check) is not read.

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
    check = QuickCheck.load(con, known)
    to_read, unchanged = check.files_to_read(found)
    summary.files_seen += unchanged
    summary.files_already_landed += unchanged
    summary.files_unchanged += unchanged
    seen = SeenFiles(con, summary.load_id, check.stats)
    # closed on the way out, so a failed load stops its workers at once
    with loading_settings(con), closing(prepared_in_order(to_read, limits, known, pool)) as prepared:
        _land_found(con, prepared, known, summary, progress, clock, seen)
    summary.seconds = time.monotonic() - clock
    progress.finish(summary)
    con.execute(
        """update raw.loads set finished_at = ?, files_seen = ?, files_landed = ?,
           files_already_landed = ?, files_rejected = ?, files_identical_copies = ?, files_unchanged = ?
           where load_id = ?""",
        [
            _now(),
            summary.files_seen,
            summary.files_landed,
            summary.files_already_landed,
            summary.files_rejected,
            summary.files_identical_copies,
            summary.files_unchanged,
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
    seen: SeenFiles,
) -> None:
    """Land or reject each prepared file, in order, committing a batch at a time; record the
    document each file read is (raw.seen_files), so that it is not read again while unchanged."""
    landed_now: set[str] = set()
    batch = DocumentBatch(con)
    progress.update(summary)
    try:
        for item, prepared in prepared_files:
            summary.files_seen += 1
            if prepared is None:
                _reject(con, summary, item.path, None, None, item.problem or "", item.code or "unreadable")
            else:
                document_id = _take(con, item.path, prepared, summary, landed_now, known, batch)
                if document_id is not None:
                    seen.add(display_path(item.path), document_id)
            if batch.documents >= BATCH_FILES or batch.bytes >= BATCH_BYTES:
                batch.commit()
                seen.commit()
            elif len(seen) >= SEEN_ROWS:
                seen.commit()  # a document not committed yet is not landed: its files are read again
            summary.seconds = time.monotonic() - clock
            progress.update(summary)
        batch.commit()
        seen.commit()
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
) -> str | None:
    """Count a prepared file and land it, reject it, or count it as a copy of a landed one;
    return the document it is (None: rejected)."""
    if isinstance(prepared, Refused):
        summary.bytes_read += prepared.bytes_read
        _reject(con, summary, path, prepared.byte_size, prepared.content_hash, prepared.reason, prepared.code)
        return None
    summary.bytes_read += prepared.byte_size
    # a worker extracts a copy of a file landed earlier in this load: it only knew the ids before
    if isinstance(prepared, Known) or prepared.document_id in known:
        if prepared.document_id in landed_now:
            summary.files_identical_copies += 1
        else:
            summary.files_already_landed += 1
        return prepared.document_id
    batch.add(prepared, display_name(path), display_path(path), summary.load_id, _now())
    summary.files_landed += 1
    known.add(prepared.document_id)
    landed_now.add(prepared.document_id)
    return prepared.document_id


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
