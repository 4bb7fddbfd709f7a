"""Simplified → traditional for synthetic reports (OpenCC s2t), cached per piece of text.

Templates are a few hundred paragraphs recombined many times, so each literal piece is
converted once per process; digits are the same in both scripts and are never converted.
"""

from __future__ import annotations

from functools import lru_cache

from opencc import OpenCC


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    return OpenCC("s2t")


@lru_cache(maxsize=65536)
def to_traditional(text: str) -> str:
    return _converter().convert(text) if text else text


def as_written(text: str) -> str:
    return text
