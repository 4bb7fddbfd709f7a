"""The per-document functions the dbt models call, as plain Python (no DuckDB, no dbt).

Each takes one row's values and returns what its UDF returns. They live apart from the dbt
plugin so that worker processes (fazhi/row_pool.py) can import them without importing dbt.

A Python error on one document must not stop a refresh of thousands: each function returns
the error message beside its result (`error`), and the models carry it to a column that is
tested.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, fields
from functools import lru_cache
from typing import Any

from hanzi import changed_characters, to_simplified
from hanzi.fingerprint import simplified_content_key

__all__ = [
    "attribute_document",
    "changed_characters",
    "extract_document_quantities",
    "map_document_metrics",
    "simplified_content_key",
    "to_simplified",
]


@lru_cache(maxsize=1)
def _lexicon() -> Any:
    from extraction import default_seeds_dir, load_lexicon

    return load_lexicon(default_seeds_dir())


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    from attribution import default_seeds_dir, load_gazetteer

    return load_gazetteer(default_seeds_dir())


@lru_cache(maxsize=1)
def _vocabulary() -> Any:
    from indicators import load_vocabulary

    return load_vocabulary()


def _fields(item: Any) -> dict[str, Any]:
    """A flat dataclass as a dict: dataclasses.asdict deep-copies every value, which cost the
    extraction UDF a third of its time; these hold only numbers and strings."""
    return {name: getattr(item, name) for name in _field_names(type(item))}


@lru_cache(maxsize=8)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def extract_document_quantities(paragraphs: list[str]) -> dict[str, Any]:
    """The mentions of every paragraph of one document, in order (a table's unit carries over)."""
    from extraction import extract_document

    try:
        found = extract_document(paragraphs, _lexicon())
    except Exception as error:  # one bad document must not stop the build; the error is kept
        return {"mentions": [[] for _ in paragraphs], "error": _describe(error)}
    return {"mentions": [[_fields(m) for m in mentions] for mentions in found], "error": None}


def attribute_document(
    text: str,
    file_name: str,
    metadata: dict[str, str] | Iterable[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """``metadata``: the page's fields as landed (标题, 发布机构, 发布日期, 成文日期 …), or empty;
    a mapping or its (key, value) pairs (the form an Arrow map arrives in)."""
    from attribution import attribute_document as attribute

    try:
        # the text arrives simplified; a traditional page's fields are simplified the same way
        fields = {key: to_simplified(value) for key, value in dict(metadata or ()).items() if value}
        return {**asdict(attribute(text, file_name, _gazetteer(), fields)), "error": None}
    except Exception as error:  # as above: the document stays, unattributed, with the reason
        return {"error": _describe(error)}


def map_document_metrics(paragraphs: list[str], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """The catalog indicator of every mention of one document that is a value of one."""
    from indicators import MentionIn, map_document

    try:
        found = map_document(_vocabulary(), list(paragraphs), [MentionIn(**m) for m in mentions or []])
    except Exception as error:  # as above: the document keeps its mentions, unmapped, with the reason
        return {"matches": [], "error": _describe(error)}
    return {"matches": [_fields(m) for m in found], "error": None}
