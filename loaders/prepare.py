"""One file's work before the database: read, hash, extract the text, split its paragraphs.

Runs in a worker process or in the loading process alike, so it touches no database and
imports nothing heavy beyond the format readers: the result is plain data, pickled back to
the parent, which alone decides what lands (identical copies, rejects) and writes it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from loaders.formats import extract_text
from loaders.limits import LoadLimits, megabytes
from loaders.paragraphs import paragraph_columns
from loaders.rejection import Rejected


@dataclass(frozen=True, slots=True)
class Known:
    """The file's bytes are a document already landed (by an earlier load, as far as the
    preparer knew): it was read and hashed, not extracted."""

    document_id: str
    byte_size: int


@dataclass(frozen=True, slots=True)
class Refused:
    """The file cannot land; `bytes_read` is 0 when it was not read at all."""

    reason: str
    code: str
    byte_size: int | None = None
    content_hash: str | None = None
    bytes_read: int = 0


@dataclass(frozen=True, slots=True)
class Ready:
    """A document to land, its paragraphs as columns, its text as UTF-8: the loading process
    hands the bytes to DuckDB as they are (a str would be decoded from the pickle and encoded
    again for DuckDB), and cuts each paragraph's bytes out of the text's (sending them too
    doubled what a worker sends)."""

    document_id: str
    byte_size: int
    media_type: str
    encoding: str | None
    metadata: dict[str, str]
    text: bytes  # the landed text, UTF-8
    starts: list[int]  # each paragraph's offsets, in characters into the text
    ends: list[int]
    byte_starts: list[int]  # the same offsets, in bytes into `text`
    byte_ends: list[int]

    def paragraph_texts(self) -> list[bytes]:
        return [self.text[start:end] for start, end in zip(self.byte_starts, self.byte_ends, strict=True)]


Prepared = Known | Refused | Ready


def prepare_file(path: Path, limits: LoadLimits, known: Collection[str]) -> Prepared:
    """Everything about one file that needs no database; `known` are ids not worth extracting."""
    try:
        data = read_bounded(path, limits.max_file_bytes)
    except Rejected as rejected:
        return Refused(rejected.reason, rejected.code, _size(path))
    except FileNotFoundError:
        return Refused("the file vanished before it could be read", "vanished")
    except OSError as error:
        return Refused(f"cannot read the file: {error.strerror or error}", "unreadable")
    document_id = hashlib.sha256(data).hexdigest()
    if document_id in known:
        return Known(document_id, len(data))
    return _extract(path, data, document_id, limits)


def _extract(path: Path, data: bytes, document_id: str, limits: LoadLimits) -> Prepared:
    size = len(data)
    try:
        extracted = extract_text(path, data, limits)
    except Rejected as rejected:
        return Refused(rejected.reason, rejected.code, size, document_id, size)
    except Exception as error:  # a library failing on a hostile file must not stop the load
        reason = f"the {path.suffix or 'file'} reader failed: {type(error).__name__}: {error}"[:500]
        return Refused(reason, "reader_error", size, document_id, size)
    starts, ends, _ = paragraph_columns(extracted.text)
    if not starts:
        return Refused("no text: the file holds only white space", "no_text", size, document_id, size)
    byte_starts, byte_ends = utf8_offsets(extracted.text, starts, ends)
    return Ready(
        document_id=document_id,
        byte_size=size,
        media_type=extracted.media_type,
        encoding=extracted.encoding,
        metadata=extracted.metadata,
        text=extracted.text.encode("utf-8"),  # extract_text has checked that it encodes
        starts=starts,
        ends=ends,
        byte_starts=byte_starts,
        byte_ends=byte_ends,
    )


def utf8_offsets(text: str, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
    """Character offsets into `text` (ascending, not overlapping) as offsets into its UTF-8 bytes."""
    byte_starts, byte_ends = [], []
    position = at = 0  # a character offset and the byte offset it is at
    for start, end in zip(starts, ends, strict=True):
        at += len(text[position:start].encode("utf-8"))
        byte_starts.append(at)
        at += len(text[start:end].encode("utf-8"))
        byte_ends.append(at)
        position = end
    return byte_starts, byte_ends


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


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None
