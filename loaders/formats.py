"""Which file types we read, and how each becomes text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from loaders.decode import decode_text


class UnsupportedFormat(ValueError):
    """A file type the loader does not read (yet)."""


@dataclass(frozen=True, slots=True)
class ExtractedText:
    text: str
    media_type: str
    encoding: str | None


def _plain_text(data: bytes) -> ExtractedText:
    decoded = decode_text(data)
    return ExtractedText(decoded.text, "text/plain", decoded.encoding)


READERS: dict[str, Callable[[bytes], ExtractedText]] = {
    ".txt": _plain_text,
    ".text": _plain_text,
}


def extract_text(path: Path, data: bytes) -> ExtractedText:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise UnsupportedFormat(f"unsupported file type {path.suffix or '(none)'!r}; readable: {known}")
    return reader(data)
