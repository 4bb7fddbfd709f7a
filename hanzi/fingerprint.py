"""A fingerprint of a text's content that is the same in either script and any layout.

Two copies of one report — a web page and its PDF, a simplified and a traditional copy, a
GB18030 and a UTF-8 file — differ in bytes, script, line breaks, spaces and punctuation width,
and are the same report. The fingerprint removes exactly those differences: traditional →
simplified (OpenCC), NFKC (full-width digits, letters and punctuation → their ASCII forms),
then drops white space, punctuation, symbols and invisible characters, and hashes the rest.
"""

from __future__ import annotations

import hashlib
import unicodedata

from hanzi.convert import to_simplified

# Unicode categories left out: separators (Z*), punctuation (P*), symbols (S*), control/format (C*).
_DROPPED = ("Z", "P", "S", "C")


def content_text(text: str) -> str:
    folded = unicodedata.normalize("NFKC", to_simplified(text))
    return "".join(char for char in folded if not unicodedata.category(char).startswith(_DROPPED))


def content_key(text: str) -> str:
    """sha256 (hex) of the folded content; equal for copies of one report."""
    return hashlib.sha256(content_text(text).encode("utf-8")).hexdigest()
