"""The faster scans find exactly what their plain definitions find (issue #7).

- The quantity, period and blocked patterns start with a lookahead class of the characters their
  matches can start with, and the slogans' alternation is grouped by first character: each is
  compared with the pattern compiled without those changes.
- clause_start, clause_end and sentence_start bisect a paragraph's break offsets: compared with
  the rfind / find definitions they replace.
"""

from __future__ import annotations

import re
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import Lexicon
from extraction.context import clause_end, clause_start, sentence_start
from extraction.grammar import patterns
from extraction.grammar.patterns import CLAUSE_BREAKS, SENTENCE_BREAKS, Patterns, build_patterns
from hanzi import to_simplified

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
SCANS = ("quantity", "period", "blocked", "slogan")


def _build(lexicon: Lexicon) -> Patterns:
    return build_patterns(
        units=lexicon.units,
        multipliers=lexicon.multipliers,
        qualifiers=lexicon.qualifiers,
        slogans=lexicon.slogans,
        exclusions=lexicon.exclusions,
        period_words=lexicon.period_words,
        scope_words=lexicon.scope_words,
        cues=lexicon.cues,
        noun_units=lexicon.noun_units,
    )


@pytest.fixture(scope="session")
def plain(lexicon: Lexicon) -> Patterns:
    """The patterns as defined: no lookahead class, one alternative per word."""
    with (
        patch.object(patterns, "starting_with", lambda first, body: re.compile(body)),
        patch.object(patterns, "first_char_alternation", patterns.alternation),
    ):
        return _build(lexicon)


def _hits(pattern: re.Pattern[str] | None, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    assert pattern is not None
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _pieces(lexicon: Lexicon) -> st.SearchStrategy[str]:
    """Seed words and the characters around numbers, drawn about equally often."""
    words = [*lexicon.units, *lexicon.multipliers, *lexicon.period_words]
    words += [w for by_position in lexicon.qualifiers.values() for w in by_position]
    words += [w for rule in ("code_label", "counter_label") for w in lexicon.exclusions.get(rule, ())]
    glue = list("0123456789１２一二两十百万第号年月度份《》〔〕[]()（）<>〈〉-—至:：，。、 \nabcwzAXZ./%％")
    glue += ["百分之", "连续", "以来", "http://", "A1", "Z9", "sp2024"]
    return st.one_of(st.sampled_from(words), st.sampled_from(lexicon.slogans), st.sampled_from(glue))


def test_the_patterns_match_their_definitions_on_the_samples(lexicon: Lexicon, plain: Patterns) -> None:
    paragraphs = [
        to_simplified(line)
        for path in sorted(SAMPLES.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert paragraphs
    for name in SCANS:
        fast, slow = getattr(lexicon.patterns, name), getattr(plain, name)
        for paragraph in paragraphs:
            assert _hits(fast, paragraph) == _hits(slow, paragraph), (name, paragraph)


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_patterns_match_their_definitions(lexicon: Lexicon, plain: Patterns, data: st.DataObject) -> None:
    text = "".join(data.draw(st.lists(_pieces(lexicon), max_size=25)))
    for name in SCANS:
        assert _hits(getattr(lexicon.patterns, name), text) == _hits(getattr(plain, name), text), name


def _clause_start_by_rfind(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in CLAUSE_BREAKS) + 1


def _clause_end_by_find(text: str, pos: int) -> int:
    hits = [i for i in (text.find(ch, pos) for ch in CLAUSE_BREAKS) if i >= 0]
    return min(hits, default=len(text))


def _sentence_start_by_rfind(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in SENTENCE_BREAKS) + 1


clause_texts = st.lists(st.sampled_from([*CLAUSE_BREAKS, "、", "件", "12", "审查"]), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=clause_texts, data=st.data())
def test_clause_bounds_match_their_definitions(text: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(text) + 2))
    assert clause_start(text, pos) == _clause_start_by_rfind(text, pos)
    assert clause_end(text, pos) == _clause_end_by_find(text, pos)
    assert sentence_start(text, pos) == _sentence_start_by_rfind(text, pos)
