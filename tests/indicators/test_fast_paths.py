"""The mapper's shortcuts change nothing (issue #7).

- Anchors.candidates (by kind and first character) finds the indicators a plain test of every
  anchor of the kind finds;
- map_mention gives the same answer with the vocabulary's anchors as without them, on the samples;
- strip_glosses skips the regex on texts without "(", and _sentence_start bisects cached sentence
  ends: both compared with their regex definitions.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import extract_document, load_lexicon
from hanzi import to_simplified
from indicators import MentionIn, Vocabulary, build_context, load_vocabulary, map_mention
from indicators.mapper import PINYIN_GLOSS, SENTENCE_END, Span, _sentence_start, headings, strip_glosses

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
VOCABULARY = load_vocabulary()
KINDS = sorted({i.kind for i in VOCABULARY.indicators} | {"other"})
ANCHORS = sorted({a.anchor for i in VOCABULARY.indicators for a in i.aliases})
MENTION_KEYS = ("start", "end", "value", "unit", "kind", "subject", "scope", "subject_index")


def _candidates_by_definition(vocabulary: Vocabulary, kind: str, text: str) -> list[int]:
    return [
        position
        for position, indicator in enumerate(vocabulary.indicators)
        if indicator.kind == kind and any(alias.anchor in text for alias in indicator.aliases)
    ]


anchor_texts = st.lists(
    st.one_of(
        st.sampled_from(ANCHORS), st.sampled_from(ANCHORS).map(lambda a: a[1:]), st.sampled_from("\0，的件")
    ),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(kind=st.sampled_from(KINDS), text=anchor_texts, extra=st.text(max_size=3))
def test_candidates_are_the_indicators_with_an_anchor_in_the_text(kind: str, text: str, extra: str) -> None:
    expected = _candidates_by_definition(VOCABULARY, kind, text)
    assert VOCABULARY.anchors.candidates(kind, text) == expected
    assert VOCABULARY.anchors.candidates(kind, text, set(text + extra)) == expected


def test_mapping_is_the_same_with_and_without_the_anchors() -> None:
    lexicon = load_lexicon()
    compared = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        paragraphs = [to_simplified(line) for line in path.read_text(encoding="utf-8").splitlines()]
        above = headings(paragraphs)
        for index, found in enumerate(extract_document(paragraphs, lexicon)):
            mentions = [
                MentionIn(f"{index}:{j}", index, **{k: getattr(m, k) for k in MENTION_KEYS})
                for j, m in enumerate(found)
            ]
            for mention in mentions:
                others = [Span(o.start, o.end, o.unit) for o in mentions if o is not mention]
                context = build_context(paragraphs[index], above[index], mention, others)
                assert map_mention(VOCABULARY, mention, context) == map_mention(
                    VOCABULARY, mention, context, VOCABULARY.anchors
                )
                compared += 1
    assert compared > 200


gloss_texts = st.lists(st.sampled_from(["(", "（", ")", "）", "jié", "fù", "a", "办结", "调"]), max_size=12)


@settings(max_examples=300, deadline=None)
@given(gloss_texts.map("".join))
def test_strip_glosses_matches_its_regex(text: str) -> None:
    assert strip_glosses(text) == PINYIN_GLOSS.sub("", text)


def test_every_gloss_opens_with_the_bracket_strip_glosses_looks_for() -> None:
    openers = {chr(c) for c in range(0x10000) if PINYIN_GLOSS.fullmatch(chr(c) + "a)")}
    assert openers == {"("}


def _sentence_start_by_regex(text: str, position: int) -> int:
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, position)]
    return starts[-1] if starts else 0


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(["。", ";", "!", "?", "\n", "，", "件", "12"]), max_size=20).map("".join),
    data=st.data(),
)
def test_sentence_start_matches_its_regex(text: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(text) + 2))
    assert _sentence_start(text, position) == _sentence_start_by_regex(text, position)
