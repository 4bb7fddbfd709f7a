"""Which file types we read, and how each becomes text: one small module per format.

Every reader is a pure function ``(bytes, LoadLimits) -> ExtractedText`` that raises
``Rejected`` (with a reason a person understands) for what it cannot read. The file's suffix
picks the reader; the content's magic bytes win over a wrong suffix (crawls name PDFs .html).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from loaders.formats.base import ExtractedText
from loaders.formats.pdf_text import read_pdf
from loaders.formats.plain_text import read_plain_text
from loaders.formats.web_page import read_web_page
from loaders.formats.word import read_docx
from loaders.limits import LoadLimits
from loaders.rejection import Rejected

Reader = Callable[[bytes, LoadLimits], ExtractedText]


class UnsupportedFormat(Rejected):
    """A file type the loader does not read (yet)."""

    code = "unsupported_type"


READERS: dict[str, Reader] = {
    ".txt": read_plain_text,
    ".text": read_plain_text,
    ".html": read_web_page,
    ".htm": read_web_page,
    ".shtml": read_web_page,
    ".xhtml": read_web_page,
    ".pdf": read_pdf,
    ".docx": read_docx,
}
_HINTS = {
    ".doc": "old binary Word .doc is not read: save it as .docx",
    ".wps": "WPS documents are not read: save as .docx or PDF",
    ".ofd": "OFD documents are not read: export as PDF",
}


def reader_for(path: Path, data: bytes) -> Reader:
    sniffed = _sniff(data)
    if sniffed is not None:
        return sniffed
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        suffix = path.suffix.lower()
        known = ", ".join(sorted(READERS))
        hint = _HINTS.get(suffix, f"readable: {known}")
        raise UnsupportedFormat(f"unsupported file type {path.suffix or '(none)'!r}; {hint}")
    return reader


def extract_text(path: Path, data: bytes, limits: LoadLimits | None = None) -> ExtractedText:
    if not data:
        raise Rejected("the file is empty", "empty")
    extracted = reader_for(path, data)(data, limits or LoadLimits())
    if "\x00" in extracted.text:
        raise Rejected("binary content: the text holds NUL characters", "binary")
    try:
        extracted.text.encode("utf-8")
    except UnicodeEncodeError as error:  # lone surrogates from a broken text layer cannot be stored
        raise Rejected(f"the text holds invalid characters at position {error.start}", "damaged") from error
    metadata = {key: _storable(value) for key, value in extracted.metadata.items()}
    return extracted if metadata == extracted.metadata else replace(extracted, metadata=metadata)


def _storable(value: str) -> str:
    """A page field as it can be stored: a PDF's /Title may hold NULs or lone surrogates."""
    return value.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _sniff(data: bytes) -> Reader | None:
    """Content that says what it is: a PDF header, or a zip holding a Word document."""
    if data.startswith(b"%PDF-"):
        return read_pdf
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return read_docx
    return None


__all__ = ["READERS", "ExtractedText", "Rejected", "UnsupportedFormat", "extract_text", "reader_for"]
