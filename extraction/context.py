"""What the words around a number say about it: clause bounds, kind cues (change vs
level), period, scope and the implicit unit of a bare 150万."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from extraction.grammar.patterns import CLAUSE_BREAKS, SENTENCE_BREAKS, Patterns

# How far left a change/level cue may stand from its number (审批时限平均压缩51%).
CUE_WINDOW = 14
# Verbs and particles that may sit between a change verb and a count (增加了1325件, 减少为3件).
CHANGE_GLUE = set("了为為达達约約近 \u3000\xa0")
# 提升至15%, 提高到98%: the verb reaches a level; the number is the level, not the change.
LEVEL_REACHED = ("至", "到")
# The values listed before this one in 分别压缩14.39%、24.65%、69.9% (skipped to reach the verb).
_LISTED_BEFORE = re.compile(r"(?:[0-9０-９.．]+[^\s,，;；。、0-9]{0,6}、)+$")


_CLAUSE_BREAK = re.compile(f"[{re.escape(CLAUSE_BREAKS)}]")
_SENTENCE_BREAK = re.compile(f"[{re.escape(SENTENCE_BREAKS)}]")


# A paragraph's numbers ask for their clause bounds a dozen times: its break offsets are found
# once (one regex scan, cached by text) and each question is a bisection.
@lru_cache(maxsize=4)
def _clause_breaks(text: str) -> list[int]:
    return [m.start() for m in _CLAUSE_BREAK.finditer(text)]


@lru_cache(maxsize=4)
def _sentence_breaks(text: str) -> list[int]:
    return [m.start() for m in _SENTENCE_BREAK.finditer(text)]


def clause_start(text: str, pos: int) -> int:
    """Just after the last clause break before `pos` (0 when none); `pos` >= 0."""
    breaks = _clause_breaks(text)
    i = bisect_left(breaks, pos)
    return breaks[i - 1] + 1 if i else 0


def clause_end(text: str, pos: int) -> int:
    """The first clause break at or after `pos` (the text's length when none); `pos` >= 0."""
    breaks = _clause_breaks(text)
    i = bisect_left(breaks, pos)
    return breaks[i] if i < len(breaks) else len(text)


def sentence_start(text: str, pos: int) -> int:
    """Just after the last sentence break before `pos` (0 when none); `pos` >= 0."""
    breaks = _sentence_breaks(text)
    i = bisect_left(breaks, pos)
    return breaks[i - 1] + 1 if i else 0


def nearest_cue(text: str, start: int, patterns: Patterns, cues: dict[str, str]) -> tuple[str, int] | None:
    """The cue word (change/level/comparison) ending closest before `start`, and its end offset.

    The window crosses 、 so that 分别压缩14.39%、24.65% reads 压缩 for the second value.
    """
    clause_lo = clause_start(text, start)
    listed = _LISTED_BEFORE.search(text, clause_lo, start)
    stop = listed.start() if listed else start
    lo = max(clause_lo, stop - CUE_WINDOW)
    best: tuple[str, int] | None = None
    for m in patterns.cue.finditer(text, lo, stop):
        if cues[m.group()] in ("change", "level") and (best is None or m.end() >= best[1]):
            best = (m.group(), m.end())
    return best


def is_change(text: str, start: int, kind: str, patterns: Patterns, cues: dict[str, str]) -> bool:
    """A rate or count is a change when a change verb governs it (较上年提高13.8%, 增加842件)."""
    cue = nearest_cue(text, start, patterns, cues)
    if cue is None or cues[cue[0]] != "change":
        return False
    if text[cue[1] : cue[1] + 1] in LEVEL_REACHED:
        return False
    if kind == "rate":
        return True
    # counts: the verb must touch the number (减少证明材料5.9万份 is a count of documents)
    # and the clause must compare with something (比2019年增加842件).
    gap = text[cue[1] : start]
    if any(ch not in CHANGE_GLUE for ch in gap):
        return False
    lo = clause_start(text, start)
    return any(cues.get(m.group()) == "comparison" for m in patterns.cue.finditer(text, lo, start))


PeriodHit = tuple[int, int, str, str]  # start, end, pattern group, phrase


def period_hits(text: str, patterns: Patterns) -> list[PeriodHit]:
    """Every period phrase of a paragraph, found once and shared by its numbers."""
    return [(m.start(), m.end(), m.lastgroup or "", m.group()) for m in patterns.period.finditer(text)]


def find_period(text: str, start: int, hits: list[PeriodHit], period_words: dict[str, str]) -> str:
    """The last period phrase before the number in its paragraph; `year` when none or a year word.

    Frequencies (每月) only count inside the number's own clause; 连续4年 names the period of
    the 4年 inside it.
    """
    best = "year"
    clause_lo = clause_start(text, start)
    for hit_start, hit_end, group, phrase in hits:
        if group == "streak":
            if hit_start <= start < hit_end or hit_end <= start:
                best = phrase
            continue
        if hit_end > start:
            break
        if group == "year":
            best = "year"
        elif group == "word":
            meaning = period_words[phrase]
            if meaning == "year":
                best = "year"
            elif meaning != "frequency" or hit_start >= clause_lo:
                best = phrase
        else:
            best = phrase
    return best


def find_scope(text: str, start: int, patterns: Patterns) -> str:
    if patterns.scope is None:
        return ""
    lo = sentence_start(text, start)
    found = ""
    for m in patterns.scope.finditer(text, lo, start):
        found = m.group()
    return found


def implicit_unit(text: str, start: int, end: int, patterns: Patterns, noun_units: dict[str, str]) -> str:
    """超过150万国家工作人员 → 人; 阅读量均突破1万 → 次 (the noun after, else the noun before)."""
    if patterns.noun_unit is None:
        return ""
    m = patterns.noun_unit.match(text, end)
    if m:
        return noun_units[m.group()]
    lo = clause_start(text, start)
    last = ""
    for m in patterns.noun_unit.finditer(text, lo, start):
        last = noun_units[m.group()]
    return last
