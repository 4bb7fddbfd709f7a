"""Traditional → simplified with OpenCC, keeping every character where it was.

Offsets of extracted quantities point into the text as it arrived (often traditional), so
the simplified copy must have the same length: OpenCC's phrase conversion is used when it
keeps the length, and a character-by-character conversion otherwise.
"""

from __future__ import annotations

from functools import lru_cache

from opencc import OpenCC


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """The simplified form of `text`, character for character the same length."""
    if not text:
        return text
    converter = _converter()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_one_char(converter, ch) for ch in text)


def _one_char(converter: OpenCC, ch: str) -> str:
    converted = converter.convert(ch)
    return converted if len(converted) == 1 else ch


def changed_characters(original: str, simplified: str) -> int:
    """How many characters conversion changed (the evidence for a traditional-script text)."""
    return sum(a != b for a, b in zip(original, simplified, strict=True))
