"""A fingerprint of a text's content that is the same in either script and any layout.

Two copies of one report — a web page and its PDF, a simplified and a traditional copy, a
GB18030 and a UTF-8 file — differ in bytes, script, line breaks, spaces and punctuation width,
and are the same report. The fingerprint removes exactly those differences: traditional →
simplified (OpenCC), NFKC (full-width digits, letters and punctuation → their ASCII forms),
then drops white space, punctuation, symbols and invisible characters, and hashes the rest.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from hanzi.convert import to_simplified

# Unicode categories left out: separators (Z*), punctuation (P*), symbols (S*), control/format (C*).
_DROPPED = ("Z", "P", "S", "C")


BMP_END = 0x10000
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _is_dropped(char: str) -> bool:
    return unicodedata.category(char).startswith(_DROPPED)


@lru_cache(maxsize=1)
def _dropped_bmp() -> re.Pattern[str]:
    """One character class of the dropped code points of the Basic Multilingual Plane: a
    per-character Python loop costs a report milliseconds, one substitution microseconds (and
    a class limited to the BMP compiles to a bitmap, which a class with astral ranges does not)."""
    ranges: list[str] = []
    start = None
    for code in range(BMP_END + 1):
        dropped = code < BMP_END and _is_dropped(chr(code))
        if dropped and start is None:
            start = code
        elif not dropped and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = None
    return re.compile("[" + "".join(ranges) + "]+")


def content_text(text: str, simplified: bool = False) -> str:
    """``simplified``: the text is simplified already (skips the conversion, the costly part)."""
    folded = unicodedata.normalize("NFKC", text if simplified else to_simplified(text))
    if _ASTRAL.search(folded):  # rare characters beyond the BMP: the plain loop, exact for all
        return "".join(char for char in folded if not _is_dropped(char))
    return _dropped_bmp().sub("", folded)


def content_key(text: str, simplified: bool = False) -> str:
    """sha256 (hex) of the folded content; equal for copies of one report."""
    return hashlib.sha256(content_text(text, simplified).encode("utf-8")).hexdigest()


def simplified_content_key(text: str) -> str:
    """content_key of a text simplified already (as staging holds it): the same key, ~5× faster."""
    return content_key(text, simplified=True)
