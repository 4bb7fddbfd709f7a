"""Land report files in the warehouse's `raw` schema, with lineage; reject what cannot be read."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from loaders.decode import DecodeError
from loaders.discover import discover_files
from loaders.formats import UnsupportedFormat, extract_text
from loaders.paragraphs import split_paragraphs

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


@dataclass
class LoadSummary:
    load_id: str
    files_seen: int = 0
    files_landed: int = 0
    files_already_landed: int = 0
    files_rejected: int = 0
    rejects: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def describe(self) -> str:
        return (
            f"load {self.load_id}: {self.files_seen} files seen, {self.files_landed} landed, "
            f"{self.files_already_landed} already landed, {self.files_rejected} rejected"
        )


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)


def paragraph_id(document_id: str, index: int) -> str:
    return f"{document_id}:{index}"


def land_files(con: duckdb.DuckDBPyConnection, inputs: Iterable[Path]) -> LoadSummary:
    """Land every readable file under the inputs that is not landed yet; reject the rest with a reason."""
    ensure_raw_schema(con)
    input_list = [str(Path(p).resolve()) for p in inputs]
    summary = LoadSummary(load_id=str(uuid.uuid4()))
    started = _now()
    con.execute(
        "insert into raw.loads (load_id, started_at, inputs) values (?, ?, ?)",
        [summary.load_id, started, input_list],
    )
    for found in discover_files(Path(p) for p in input_list):
        summary.files_seen += 1
        _land_one(con, found.path, summary)
    con.execute(
        """update raw.loads set finished_at = ?, files_seen = ?, files_landed = ?,
           files_already_landed = ?, files_rejected = ? where load_id = ?""",
        [
            _now(),
            summary.files_seen,
            summary.files_landed,
            summary.files_already_landed,
            summary.files_rejected,
            summary.load_id,
        ],
    )
    return summary


def _land_one(con: duckdb.DuckDBPyConnection, path: Path, summary: LoadSummary) -> None:
    try:
        data = path.read_bytes()
    except OSError as error:
        _reject(con, summary, path, None, None, f"cannot read the file: {error.strerror or error}")
        return
    document_id = hashlib.sha256(data).hexdigest()
    if con.execute("select 1 from raw.documents where document_id = ?", [document_id]).fetchall():
        summary.files_already_landed += 1
        return
    try:
        extracted = extract_text(path, data)
    except (DecodeError, UnsupportedFormat) as error:
        _reject(con, summary, path, len(data), document_id, str(error))
        return
    paragraphs = split_paragraphs(extracted.text)
    if not paragraphs:
        _reject(con, summary, path, len(data), document_id, "no text: the file holds only white space")
        return
    con.execute("begin transaction")
    try:
        con.execute(
            "insert into raw.documents values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                document_id,
                path.name,
                str(path),
                extracted.media_type,
                extracted.encoding,
                len(data),
                extracted.text,
                summary.load_id,
                _now(),
            ],
        )
        frame = pd.DataFrame(
            {
                "paragraph_id": [paragraph_id(document_id, p.index) for p in paragraphs],
                "document_id": document_id,
                "paragraph_index": [p.index for p in paragraphs],
                "char_start": [p.char_start for p in paragraphs],
                "char_end": [p.char_end for p in paragraphs],
                "text": [p.text for p in paragraphs],
            }
        )
        con.register("landing_paragraphs", frame)
        con.execute("insert into raw.paragraphs select * from landing_paragraphs")
        con.unregister("landing_paragraphs")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    summary.files_landed += 1


def _reject(
    con: duckdb.DuckDBPyConnection,
    summary: LoadSummary,
    path: Path,
    byte_size: int | None,
    content_hash: str | None,
    reason: str,
) -> None:
    summary.files_rejected += 1
    summary.rejects.append((str(path), reason))
    already = con.execute(
        """select 1 from raw.rejects where source_path = ? and content_hash is not distinct from ?
           and reason = ?""",
        [str(path), content_hash, reason],
    ).fetchall()
    if already:
        return
    con.execute(
        "insert into raw.rejects values (?, ?, ?, ?, ?, ?, ?)",
        [summary.load_id, str(path), path.name, byte_size, content_hash, reason, _now()],
    )


def _now() -> datetime:
    return datetime.now(UTC)
