"""The fast paths of hanzi give exactly what the plain conversions give."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from hanzi.convert import _converter, needs_conversion, to_simplified
from hanzi.fingerprint import _DROPPED, content_key, content_text, simplified_content_key
from hanzi.opencc_t2s import t2s

DICTIONARY = Path(opencc.__file__).parent / "dictionary"
PHRASES = [line.split("\t")[0] for line in (DICTIONARY / "TSPhrases.txt").read_text("utf-8").splitlines()]
CHARACTERS = [
    line.split("\t")[0] for line in (DICTIONARY / "TSCharacters.txt").read_text("utf-8").splitlines()
]
MIXED = "的了是覆乾著于复发國传這个12,，。"  # simplified, traditional, both, and a phrase-only trigger


def _plain_simplified(text: str) -> str:
    """hanzi.to_simplified without its shortcut."""
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(c if len(c := _converter().convert(ch)) == 1 else ch for ch in text)


def _plain_content_text(text: str) -> str:
    folded = unicodedata.normalize("NFKC", _plain_simplified(text))
    return "".join(ch for ch in folded if not unicodedata.category(ch).startswith(_DROPPED))


def test_simplified_reports_skip_conversion(sample_texts):
    simplified = sample_texts["001_9b77debbcb7cfcd8.txt"]
    assert not needs_conversion(simplified)
    assert needs_conversion(sample_texts["000_4f2d1d31a8b06fdf.txt"])
    for text in sample_texts.values():
        assert to_simplified(text) == _plain_simplified(text)


def test_a_phrase_that_changes_only_as_a_phrase_is_converted():
    # 覆 stays 覆 alone (its first candidate) but 反覆 becomes 反复
    assert to_simplified("反覆审查") == _plain_simplified("反覆审查") == "反复审查"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from(PHRASES), st.text(alphabet=MIXED, max_size=6)),
        max_size=6,
    )
)
def test_conversion_is_unchanged_by_the_shortcut(pieces):
    text = "".join(pieces)
    assert to_simplified(text) == _plain_simplified(text)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(PHRASES),
            st.sampled_from(CHARACTERS),
            st.text(alphabet=MIXED + " -,.!？（）《》\u3000\n", max_size=5),
        ),
        max_size=12,
    )
)
def test_the_fast_t2s_makes_the_libraries_choices(pieces):
    text = "".join(pieces)
    assert t2s(text) == _converter().convert(text)


def test_the_fast_t2s_converts_a_traditional_report_as_the_library_does(sample_texts):
    text = sample_texts["000_4f2d1d31a8b06fdf.txt"]
    assert t2s(text) == _converter().convert(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_content_text_is_unchanged_by_the_regex(text):
    assert content_text(text) == _plain_content_text(text)


def test_a_phrase_trigger_that_recurs_is_looked_up_once_and_still_counts():
    # 覆 recurs (全覆盖) before the phrase 反覆 that makes t2s change the text
    text = "全覆盖," * 50 + "反覆审查"
    assert needs_conversion(text)
    assert not needs_conversion("全覆盖," * 50)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PHRASES), st.text(alphabet=MIXED, max_size=6)), max_size=6))
def test_the_key_of_simplified_text_is_the_key_of_the_original(pieces):
    text = "".join(pieces)
    assert simplified_content_key(to_simplified(text)) == content_key(text)
