"""Land report files in the warehouse's `raw` schema, with lineage; reject what cannot be read.

Every file found either lands (raw.documents + raw.paragraphs, in one transaction) or is
rejected (raw.rejects) with a reason a person understands; nothing a reader raises stops the
load. Documents land in batches (one transaction, one paragraph insert per batch): a commit per
file cost ~6 ms, most of a load; a document and its paragraphs still always commit together.
Values reach DuckDB only as bound parameters or registered frames, never spliced into SQL.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from loaders.discover import discover_files
from loaders.formats import extract_text
from loaders.limits import LoadLimits, megabytes
from loaders.paragraphs import split_paragraphs
from loaders.progress import LoadProgress, make_progress
from loaders.rejection import REASON_CODES, Rejected

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    document_id varchar primary key,
    file_name varchar not null,
    source_path varchar not null,
    media_type varchar not null,
    encoding varchar,
    byte_size bigint not null,
    text varchar not null,
    load_id varchar not null,
    loaded_at timestamptz not null
);
create table if not exists raw.paragraphs (
    paragraph_id varchar primary key,
    document_id varchar not null,
    paragraph_index integer not null,
    char_start integer not null,
    char_end integer not null,
    text varchar not null
);
create table if not exists raw.rejects (
    load_id varchar not null,
    source_path varchar not null,
    file_name varchar not null,
    byte_size bigint,
    content_hash varchar,
    reason varchar not null,
    rejected_at timestamptz not null
);
create table if not exists raw.loads (
    load_id varchar primary key,
    started_at timestamptz not null,
    finished_at timestamptz,
    inputs varchar[] not null,
    files_seen integer,
    files_landed integer,
    files_already_landed integer,
    files_rejected integer
);
"""
# Columns added since the first version: a build database made by an older version gains them
# (null in its old rows) and keeps loading.
RAW_EVOLUTION = """
alter table raw.documents add column if not exists metadata map(varchar, varchar);
alter table raw.rejects add column if not exists reason_code varchar;
alter table raw.loads add column if not exists files_identical_copies integer;
"""


@dataclass
class LoadSummary:
    load_id: str
    files_seen: int = 0
    files_landed: int = 0
    files_already_landed: int = 0  # same bytes landed by an earlier load
    files_identical_copies: int = 0  # same bytes as a file landed earlier in this load
    files_rejected: int = 0
    rejects: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    reject_codes: Counter[str] = field(default_factory=Counter)
    bytes_read: int = 0
    seconds: float = 0.0

    def describe(self) -> str:
        return (
            f"load {self.load_id}: {self.files_seen} files seen, {self.files_landed} landed, "
            f"{self.files_already_landed} already landed, {self.files_rejected} rejected"
        )

    def paragraph(self) -> str:
        """The end-of-load summary, in one paragraph."""
        rate = self.files_seen / self.seconds if self.seconds > 0 else 0.0
        text = (
            f"Loaded {self.files_seen} files ({megabytes(self.bytes_read)}) in {self.seconds:.1f} s "
            f"({rate:.1f} files/s): {self.files_landed} landed as new documents, "
            f"{self.files_already_landed} already landed before, {self.files_identical_copies} identical "
            f"copies of a file landed in this load, and {self.files_rejected} rejected"
        )
        if self.reject_codes:
            parts = [f"{n} {REASON_CODES.get(code, code)}" for code, n in self.reject_codes.most_common()]
            text += " (" + ", ".join(parts) + "; each with its reason in raw.rejects)"
        return text + "."


BATCH_FILES = 200  # documents per transaction


class _Batch:
    """Documents inserted but not committed yet; their paragraphs wait for one insert at commit."""

    COLUMNS = ("paragraph_id", "document_id", "paragraph_index", "char_start", "char_end", "text")

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.open = False
        self.documents = 0
        self.paragraphs: list[tuple[str, str, int, int, int, str]] = []

    def begin(self) -> None:
        if not self.open:
            self.con.execute("begin transaction")
            self.open = True

    def commit(self) -> None:
        if not self.open:
            return
        if self.paragraphs:
            frame = pd.DataFrame(self.paragraphs, columns=list(self.COLUMNS))
            self.con.register("landing_paragraphs", frame)
            self.con.execute(
                """insert into raw.paragraphs
                       (paragraph_id, document_id, paragraph_index, char_start, char_end, text)
                   select paragraph_id, document_id, paragraph_index, char_start, char_end, text
                   from landing_paragraphs"""
            )
            self.con.unregister("landing_paragraphs")
        self.con.execute("commit")
        self.open, self.documents, self.paragraphs = False, 0, []

    def rollback(self) -> None:
        if self.open:
            self.con.execute("rollback")
        self.open, self.documents, self.paragraphs = False, 0, []


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)
    con.execute(RAW_EVOLUTION)


def paragraph_id(document_id: str, index: int) -> str:
    return f"{document_id}:{index}"


def land_files(
    con: duckdb.DuckDBPyConnection,
    inputs: Iterable[Path],
    limits: LoadLimits | None = None,
    progress: LoadProgress | None = None,
) -> LoadSummary:
    """Land every readable file under the inputs that is not landed yet; reject the rest with a reason.

    ``limits`` defaults to the environment's (FAZHI_MAX_FILE_MB …); ``progress`` to lines on
    stderr when the load is long or stderr is a terminal.
    """
    limits = limits or LoadLimits.from_env()
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
    landed_now: set[str] = set()
    # every id landed before, once: a query per file cost more than reading and hashing it
    known = {row[0] for row in con.execute("select document_id from raw.documents").fetchall()}
    batch = _Batch(con)
    try:
        for item in found:
            summary.files_seen += 1
            if item.problem is not None:
                _reject(con, summary, item.path, None, None, item.problem, item.code or "unreadable")
            else:
                _land_one(con, item.path, summary, limits, landed_now, known, batch)
            if batch.documents >= BATCH_FILES:
                batch.commit()
            summary.seconds = time.monotonic() - clock
            progress.update(summary)
        batch.commit()
    except BaseException:
        batch.rollback()  # the batch's documents land next time; earlier batches are committed
        raise
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


def read_bounded(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing (before reading) anything over the limit, and any file that
    grows past it while being read: memory stays bounded by the limit."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limit:
            raise _too_large(size, limit)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


def _too_large(size: int, limit: int) -> Rejected:
    return Rejected(
        f"file of {megabytes(size)}; the limit is {megabytes(limit)} "
        "(set it with --max-file-mb or FAZHI_MAX_FILE_MB)",
        "too_large",
    )


def _land_one(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    summary: LoadSummary,
    limits: LoadLimits,
    landed_now: set[str],
    known: set[str],
    batch: _Batch,
) -> None:
    try:
        data = read_bounded(path, limits.max_file_bytes)
    except Rejected as rejected:
        _reject(con, summary, path, _size(path), None, rejected.reason, rejected.code)
        return
    except FileNotFoundError:
        _reject(con, summary, path, None, None, "the file vanished before it could be read", "vanished")
        return
    except OSError as error:
        _reject(
            con, summary, path, None, None, f"cannot read the file: {error.strerror or error}", "unreadable"
        )
        return
    summary.bytes_read += len(data)
    document_id = hashlib.sha256(data).hexdigest()
    if document_id in known:
        if document_id in landed_now:
            summary.files_identical_copies += 1
        else:
            summary.files_already_landed += 1
        return
    try:
        extracted = extract_text(path, data, limits)
    except Rejected as rejected:
        _reject(con, summary, path, len(data), document_id, rejected.reason, rejected.code)
        return
    except Exception as error:  # a library failing on a hostile file must not stop the load
        reason = f"the {path.suffix or 'file'} reader failed: {type(error).__name__}: {error}"[:500]
        _reject(con, summary, path, len(data), document_id, reason, "reader_error")
        return
    paragraphs = split_paragraphs(extracted.text)
    if not paragraphs:
        _reject(
            con, summary, path, len(data), document_id, "no text: the file holds only white space", "no_text"
        )
        return
    batch.begin()
    con.execute(
        """insert into raw.documents (document_id, file_name, source_path, media_type, encoding,
           byte_size, text, load_id, loaded_at, metadata) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            document_id,
            display_name(path),
            display_path(path),
            extracted.media_type,
            extracted.encoding,
            len(data),
            extracted.text,
            summary.load_id,
            _now(),
            extracted.metadata,
        ],
    )
    batch.paragraphs += [
        (paragraph_id(document_id, p.index), document_id, p.index, p.char_start, p.char_end, p.text)
        for p in paragraphs
    ]
    batch.documents += 1
    known.add(document_id)
    landed_now.add(document_id)
    summary.files_landed += 1


def display_path(path: Path) -> str:
    """The path as text that can be stored: bytes that are not UTF-8 are shown as \\x.. escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def display_name(path: Path) -> str:
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


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
