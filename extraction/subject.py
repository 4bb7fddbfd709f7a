"""A short phrase naming what a number measures, read from its clause.

Heuristic by design. The clause part that belongs to the number starts after the previous
quantity or list separator (审查A文件12件、B文件7件 → B文件). When a counting verb comes
right before the number (设置4个协调小组), the noun after the measure word is the thing
counted. `A、B均为X` gives one subject per item; `A、B分别X、Y` gives each value its item.
The words used (noise at the edges, counting verbs) live in seeds/subject_words.csv.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from extraction.context import clause_end, clause_start

MAX_SUBJECT = 24
# Items of a 均 list: 、 first; 和/与/及 only where they are not inside a word (及时, 和解).
_ITEM_SEPARATORS = (re.compile("、"), re.compile(r"以及|及(?!时)|与(?!会)|和(?!解)"))
_BOTH = re.compile(r"均(?:为|為|达到|達到|达|達|是|已|实现|實現)?$")
_NOUN_AFTER = re.compile(r"[\u4e00-\u9fff“”()()]{2,16}")
_NOT_A_NOUN_START = ("的", "以", "左右", "其中", "同比", "较", "比", "和", "及", "、")
_EDGE = " \u3000“”\"'、"
_COMPARISON = ("同比", "环比", "较", "比", "与", "相比")


@dataclass(frozen=True, slots=True)
class SubjectWords:
    left_noise: re.Pattern[str]
    right_noise: re.Pattern[str]
    count_verbs: tuple[str, ...]


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def compile_subject_words(rows: Iterable[tuple[str, str]]) -> SubjectWords:
    by_role: dict[str, list[str]] = {}
    for word, role in rows:
        by_role.setdefault(role, []).append(word)
    return SubjectWords(
        left_noise=re.compile(rf"^(?:{_alternation(by_role.get('left_noise', ['其中']))})+"),
        right_noise=re.compile(rf"(?:{_alternation(by_role.get('right_noise', ['为']))})+$"),
        count_verbs=tuple(sorted(by_role.get("count_verb", []), key=len, reverse=True)),
    )


def _clean(phrase: str, words: SubjectWords) -> str:
    phrase = words.left_noise.sub("", phrase.strip(_EDGE))
    phrase = words.right_noise.sub("", phrase).strip(_EDGE)
    if phrase[:1] in "((" and not any(ch in phrase for ch in "))"):
        phrase = phrase[1:]  # (人大建议406件, ...): the bracket opened before the number
    return phrase[-MAX_SUBJECT:]


def _items(phrase: str, words: SubjectWords) -> list[str]:
    """报备率、报备及时率、规范率 → three items; 回复率和采纳率 → two."""
    for separator in _ITEM_SEPARATORS:
        items = [c for c in (_clean(i, words) for i in separator.split(phrase)) if c]
        if len(items) > 1:
            return items
    return []


def subjects_for(
    text: str, start: int, end: int, kind: str, item_start: int, words: SubjectWords, previous: str = ""
) -> list[str]:
    """One subject, or several for a 均 construction. `item_start` is where this number's
    own part of the clause begins (after the previous quantity), or the clause start;
    `previous` is the subject of that quantity (a change 较上年减少24件 is a change of it)."""
    lo, hi = clause_start(text, start), clause_end(text, end)
    left = text[lo:start]

    both = _BOTH.search(left)
    if both:
        items = _items(left[: both.start()], words)
        if len(items) > 1:
            return items

    if "分别" in left:
        head, _, tail = left.partition("分别")
        items = [c for c in (_clean(i, words) for i in head.split("、")) if c]
        index = tail.count("、")
        if len(items) > 1 and index < len(items):
            return [items[index]]
        if len(items) == 1:
            return items

    own = text[max(lo, item_start) : start]
    own = own[own.rfind("、") + 1 :]
    cleaned = _clean(own, words)
    if len(cleaned) == 1:
        cleaned = ""  # a lone preposition or verb (将, 对) names nothing
    if kind == "change" and previous and (not cleaned or cleaned.startswith(_COMPARISON)):
        return [f"{previous}{cleaned}"[-MAX_SUBJECT:]]
    if kind not in ("rate", "change") and (not cleaned or cleaned.endswith(words.count_verbs)):
        after = _NOUN_AFTER.match(text, end, hi)
        if after and not after.group().startswith(_NOT_A_NOUN_START):
            return [f"{cleaned}{after.group()}数"[-MAX_SUBJECT:]]
    return [cleaned or _clean(text[end:hi], words)]
