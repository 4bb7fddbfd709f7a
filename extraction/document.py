"""Whole-document convenience: run the paragraph extractor in order, carrying the one piece
of context a paragraph cannot see itself — the measure word of a table whose cells are bare
numbers (表1 收案数 132 / 受理数 118 under a text that counts 件)."""

from __future__ import annotations

from collections.abc import Iterable

from extraction.grammar.extract import extract_mentions
from extraction.lexicon import Lexicon
from extraction.model import Mention


def extract_document(paragraphs: Iterable[str], lexicon: Lexicon) -> list[list[Mention]]:
    """Mentions per paragraph (same order); bare numeric cells take the last count unit seen."""
    table_unit = ""
    found: list[list[Mention]] = []
    for paragraph in paragraphs:
        mentions = extract_mentions(paragraph, lexicon, table_unit=table_unit)
        for m in mentions:
            if m.kind == "count" and m.unit and m.subject:  # bare cells carry no subject
                table_unit = m.unit
        found.append(mentions)
    return found
