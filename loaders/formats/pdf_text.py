"""PDF (.pdf): the text layer, read with pypdf (pure Python, maintained, reads ToUnicode maps,
decrypts, and opens damaged files leniently). No OCR: a scan without a text layer is rejected.

PDFs break paragraphs into printed lines; the landed text rejoins a line to the next when it
runs to the full width of the text block and does not end a sentence, so a number or a
sentence broken across lines reads as written.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from loaders.formats.base import ExtractedText
from loaders.limits import LoadLimits
from loaders.rejection import Rejected

_SENTENCE_END = tuple("。；;！!？?：:”’」』)）")
FULL_LINE_SHARE = 0.85  # a line at least this share of the block's width ran on to the next
_SPACES = re.compile(r"[ \t\u3000]+")


def read_pdf(data: bytes, limits: LoadLimits) -> ExtractedText:
    if b"%PDF-" not in data[:1024]:
        raise Rejected("not a PDF: the file has no PDF header", "damaged")
    if b"%%EOF" not in data[-2048:]:
        # a partial download: what is readable would land as if it were the whole report
        raise Rejected("truncated PDF: the end-of-file marker is missing", "damaged")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Rejected("password-protected PDF: it cannot be opened without its password", "encrypted")
        page_count = len(reader.pages)
        if page_count > limits.max_pdf_pages:
            raise Rejected(
                f"PDF of {page_count} pages; the limit is {limits.max_pdf_pages} (FAZHI_MAX_PDF_PAGES)",
                "too_many_pages",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
        title = str(info.get("/Title") or "").strip()
    except Rejected:
        raise
    except (FileNotDecryptedError, NotImplementedError) as error:
        raise Rejected(f"password-protected PDF: {error}", "encrypted") from error
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
        raise Rejected(f"damaged PDF: {type(error).__name__}: {error}", "damaged") from error
    text = "\n".join(reflow(page) for page in pages)
    if not text.strip():
        raise Rejected(
            f"PDF without a text layer ({page_count} pages of images, e.g. a scan); OCR is not done",
            "no_text_layer",
        )
    # the PDF's own /Title is often a template's ("Microsoft Word - 文档1"): kept, but not as 标题
    metadata = {"页数": str(page_count)} | ({"文件标题": title[:200]} if title else {})
    return ExtractedText(text, "application/pdf", None, metadata)


def reflow(page_text: str) -> str:
    """Rejoin printed lines into paragraphs: a full-width line not ending a sentence runs on."""
    lines = [_SPACES.sub(" ", line).strip() for line in page_text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    full = FULL_LINE_SHARE * max(len(line) for line in lines)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        current += line
        if len(line) < full or line.endswith(_SENTENCE_END):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)
