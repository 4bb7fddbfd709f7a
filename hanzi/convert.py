"""Traditional → simplified with OpenCC, keeping every character where it was.

Offsets of extracted quantities point into the text as it arrived (often traditional), so
the simplified copy must have the same length: OpenCC's phrase conversion is used when it
keeps the length, and a character-by-character conversion otherwise.

Most reports are simplified already, and the pure-Python OpenCC converts ~0.5 M characters/s
(hanzi/opencc_t2s.py makes its very choices ~7× faster), so a text that OpenCC's t2s
dictionaries cannot change is returned as it is, after one regex scan (exact: see
needs_conversion).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
from opencc import OpenCC

from hanzi.opencc_t2s import t2s

T2S_CHARACTERS, T2S_PHRASES = "TSCharacters.txt", "TSPhrases.txt"  # what OpenCC's t2s.json chains


@lru_cache(maxsize=1)
def _converter() -> OpenCC:
    """The library's own converter: the reference hanzi.opencc_t2s is tested against."""
    return OpenCC("t2s")


@dataclass(frozen=True)
class _Triggers:
    """What can make t2s change a text: a character its character table changes (first
    candidate, as the converter takes), or a phrase of its phrase table that changes and holds
    no such character, found through the characters it changes."""

    candidates: re.Pattern[str]  # one class: every character of either kind
    changed_characters: frozenset[str]
    phrases_by_character: dict[str, tuple[str, ...]]


def _entries(name: str) -> list[tuple[str, str]]:
    folder = Path(opencc.__file__).parent / "dictionary"
    entries = []
    for line in (folder / name).read_text(encoding="utf-8").splitlines():
        key, _, values = line.strip().partition("\t")
        if key and values:
            entries.append((key, values.split(" ")[0]))  # the converter takes the first candidate
    return entries


@lru_cache(maxsize=1)
def _triggers() -> _Triggers:
    characters = frozenset(key for key, value in _entries(T2S_CHARACTERS) if key != value)
    phrases: dict[str, list[str]] = {}
    for key, value in _entries(T2S_PHRASES):
        if key == value or any(c in characters for c in key):
            continue  # unchanged, or found through a changed character already
        changed = (
            set(key) if len(key) != len(value) else {k for k, v in zip(key, value, strict=True) if k != v}
        )
        for c in changed:
            phrases.setdefault(c, []).append(key)
    every = sorted(characters | phrases.keys())
    pattern = re.compile("[" + "".join(re.escape(c) for c in every) + "]")
    return _Triggers(pattern, characters, {c: tuple(keys) for c, keys in phrases.items()})


def conversion_candidates() -> str:
    """Every character whose presence lets t2s change a text: a text with none of them is
    returned as it is (the build tests this in SQL before calling Python)."""
    return "".join(sorted(_triggers().changed_characters | _triggers().phrases_by_character.keys()))


def needs_conversion(text: str) -> bool:
    """True when OpenCC t2s could change `text` (exact: False means it returns `text` as is)."""
    triggers = _triggers()
    phrase_characters_seen: set[str] = set()
    for match in triggers.candidates.finditer(text):
        character = match.group()
        if character in triggers.changed_characters:
            return True
        if character in phrase_characters_seen:
            continue  # its phrases were looked for in the whole text already (全覆盖 recurs often)
        phrase_characters_seen.add(character)
        if any(phrase in text for phrase in triggers.phrases_by_character[character]):
            return True
    return False


def to_simplified(text: str) -> str:
    """The simplified form of `text`, character for character the same length."""
    if not text or not needs_conversion(text):
        return text
    converted = t2s(text)  # what OpenCC("t2s").convert gives, ~7× faster
    if len(converted) == len(text):
        return converted
    return "".join(_one_char(ch) for ch in text)


def _one_char(ch: str) -> str:
    converted = t2s(ch)
    return converted if len(converted) == 1 else ch


def changed_characters(original: str, simplified: str) -> int:
    """How many characters conversion changed (the evidence for a traditional-script text)."""
    if original is simplified or original == simplified:
        return 0
    return sum(a != b for a, b in zip(original, simplified, strict=True))
