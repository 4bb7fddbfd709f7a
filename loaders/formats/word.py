"""Word (.docx): paragraphs and table rows in document order, read with python-docx (maintained,
the reference reader of the format). The zip container is checked first: a .docx is a zip,
and a hostile one unpacks to gigabytes, so declared sizes and ratios are bounded before any
part is read (zipfile never unpacks more than a part's declared size).
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table

from loaders.formats.base import ExtractedText
from loaders.limits import MB, LoadLimits, megabytes
from loaders.rejection import Rejected

MAX_ZIP_ENTRIES = 5000


def read_docx(data: bytes, limits: LoadLimits) -> ExtractedText:
    if not data.startswith(b"PK"):
        hint = " (an old .doc file renamed?)" if data.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise Rejected(f"not a Word .docx file: it is not a zip archive{hint}", "not_a_zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
        raise Rejected(f"not a Word .docx file: damaged zip archive ({error})", "not_a_zip") from error
    check_archive(entries, limits)
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise Rejected("a zip archive but not a Word document (no word/document.xml)", "not_a_zip")
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_lines(document))
        title = (document.core_properties.title or "").strip()
    except Rejected:
        raise
    except Exception as error:  # python-docx raises many types on malformed XML; all mean "damaged"
        raise Rejected(f"damaged Word document: {type(error).__name__}: {error}", "damaged") from error
    text = "\n".join(lines)
    # the document property title is often a template's: kept, but not as 标题 (attribution trusts 标题)
    metadata = {"文件标题": title[:200]} if title else {}
    return ExtractedText(
        text, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", None, metadata
    )


def check_archive(entries: list[zipfile.ZipInfo], limits: LoadLimits) -> None:
    """Refuse zip bombs from the declared sizes, before unpacking anything."""
    if len(entries) > MAX_ZIP_ENTRIES:
        raise Rejected(f"zip archive of {len(entries)} parts; the limit is {MAX_ZIP_ENTRIES}", "zip_bomb")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > limits.max_unzipped_bytes:
        raise Rejected(
            f"zip bomb? the archive unpacks to {megabytes(unpacked)}; the limit is "
            f"{megabytes(limits.max_unzipped_bytes)} (FAZHI_MAX_UNZIPPED_MB)",
            "zip_bomb",
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > MB and ratio > limits.max_zip_ratio:
            raise Rejected(
                f"zip bomb? part {entry.filename} unpacks {ratio:.0f} times its packed size; the limit is "
                f"{limits.max_zip_ratio} (FAZHI_MAX_ZIP_RATIO)",
                "zip_bomb",
            )


def _lines(document) -> list[str]:
    """Body paragraphs and tables in order; a table row is one line, its cells joined by tabs."""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))  # merged cells repeat
                yield "\t".join(cell for cell in cells if cell)
        else:
            yield block.text
