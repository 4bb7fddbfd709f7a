"""Split a document's text into paragraphs with offsets into that text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]+")
_EDGE_SPACE = " \t\u3000\ufeff\xa0"


@dataclass(frozen=True, slots=True)
class Paragraph:
    index: int
    char_start: int
    char_end: int  # exclusive
    text: str  # == document_text[char_start:char_end]


def split_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line, trimmed of edge spaces; offsets are into `text`."""
    paragraphs: list[Paragraph] = []
    for line in _LINE.finditer(text):
        start, end = line.start(), line.end()
        while start < end and text[start] in _EDGE_SPACE:
            start += 1
        while end > start and text[end - 1] in _EDGE_SPACE:
            end -= 1
        if start < end:
            paragraphs.append(Paragraph(len(paragraphs), start, end, text[start:end]))
    return paragraphs
