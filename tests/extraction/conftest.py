"""Fixtures for the extractor tests: the project's own seeds, and a helper that reads
mentions back as (surface, value, unit, qualifier, kind) tuples."""

from __future__ import annotations

import pytest

from extraction import Lexicon, Mention, extract_mentions, load_lexicon


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture
def extract(lexicon: Lexicon):
    def run(text: str) -> list[Mention]:
        return extract_mentions(text, lexicon)

    return run


@pytest.fixture
def found(lexicon: Lexicon):
    """Surfaces found in a sentence, in order (one per span)."""

    def run(text: str) -> list[str]:
        seen: list[str] = []
        for m in extract_mentions(text, lexicon):
            if m.subject_index == 0:
                seen.append(text[m.start : m.end])
        return seen

    return run
