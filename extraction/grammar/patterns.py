"""Compile the lexicon's word lists into the few regexes the grammar runs.

Everything here is structure (where a numeral, multiplier, measure word or qualifier may
stand); every word comes from the seeds. Alternations are longest-first so that 个百分点
wins over 个 and 场次 over 场.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from extraction.numerals import ARABIC_DIGITS, CHINESE_DIGITS

ARABIC = rf"[{ARABIC_DIGITS}]+(?:,[0-9]{{3}}(?![0-9]))*(?:[.．][{ARABIC_DIGITS}]+)?"
# A Chinese numeral starts with a digit or 十 (百/千/万 alone are words: 百日, 千家万户).
CHINESE_FIRST = "一二两兩三四五六七八九十"
CHINESE = f"[{CHINESE_FIRST}][零〇一二两兩三四五六七八九十百千万萬亿億]*"
RANGE_SEPARATORS = "-—–－~～至到"
SPACE = "[ \u3000\xa0]"
CLAUSE_BREAKS = ",，;；。:：!?！？\n"
SENTENCE_BREAKS = "。!?！？\n"


@dataclass(frozen=True, slots=True)
class Patterns:
    quantity: re.Pattern[str]
    slogan: re.Pattern[str] | None
    blocked: re.Pattern[str]  # titles, document numbers, URLs, codes, counters
    short_quote: re.Pattern[str]
    period: re.Pattern[str]
    scope: re.Pattern[str] | None
    cue: re.Pattern[str]
    noun_unit: re.Pattern[str] | None
    bare_number: re.Pattern[str]


def alternation(words: Iterable[str]) -> str:
    ordered = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in ordered)


def first_char_alternation(words: Iterable[str]) -> str:
    """`alternation`, grouped by first character: at any position only the words starting with
    its character can match, and they are tried in the same order, so the match is the same; but
    re tries one branch per first character instead of one per word (hundreds of slogans)."""
    rests: dict[str, list[str]] = {}
    for word in sorted({w for w in words if w}, key=lambda w: (-len(w), w)):
        rests.setdefault(word[0], []).append(word[1:])
    return "|".join(
        f"{re.escape(first)}(?:{'|'.join(re.escape(rest) for rest in tails)})"
        for first, tails in rests.items()
    )


def first_chars(words: Iterable[str]) -> str:
    """The first characters of the words, escaped for a character class."""
    return "".join(re.escape(c) for c in sorted({w[0] for w in words if w}))


def starting_with(first: str, body: str) -> re.Pattern[str]:
    """`body` tried only where a character of the class `first` stands, which every match of
    `body` starts with: the same matches, but re rejects the other positions with one class test
    instead of trying every branch there (3-5x faster scans of whole paragraphs)."""
    return re.compile(f"(?=[{first}])(?:{body})")


def _multiplier_alternation(multipliers: Iterable[str], units: Iterable[str]) -> str:
    """百 is a multiplier in 5百人 but the start of the unit in 2.5百分点."""
    parts = []
    for m in sorted(multipliers, key=lambda w: (-len(w), w)):
        tails = [u[len(m) :] for u in units if u.startswith(m) and len(u) > len(m)]
        guard = f"(?!{alternation(tails)})" if tails else ""
        parts.append(re.escape(m) + guard)
    return "|".join(parts)


def build_patterns(
    *,
    units: Mapping[str, object],
    multipliers: Mapping[str, float],
    qualifiers: Mapping[str, Mapping[str, str]],
    slogans: Iterable[str],
    exclusions: Mapping[str, Iterable[str]],
    period_words: Mapping[str, str],
    scope_words: Iterable[str],
    cues: Mapping[str, str],
    noun_units: Mapping[str, str],
) -> Patterns:
    unit = alternation(units)
    mult = _multiplier_alternation(multipliers, units)
    before = alternation(qualifiers["before"])
    mid = alternation(qualifiers["after_number"])
    after = alternation(qualifiers["after_unit"])
    seps = re.escape(RANGE_SEPARATORS)
    cn_digits = "".join(CHINESE_DIGITS)

    quantity_first = first_chars(qualifiers["before"]) + "百" + ARABIC_DIGITS + CHINESE_FIRST
    quantity = starting_with(
        quantity_first,
        rf"(?P<pre>{before})?"
        r"(?:"
        rf"百分之(?P<pct>{CHINESE}|百|{ARABIC})"
        rf"|(?<![{ARABIC_DIGITS}.．A-Za-z])(?P<ar>{ARABIC})"
        rf"(?:(?P<sep>[{seps}])(?P<ar2>{ARABIC}))?"
        rf"(?P<mid1>{mid})?(?P<mult>{mult})?(?P<mid2>{mid})?"
        rf"|(?<![第{cn_digits}十百千])(?P<cn>{CHINESE})(?P<cnmid>{mid})?(?=(?:{unit}))"
        r")"
        rf"(?:{SPACE}?(?P<unit>{unit}))?"  # PDF-to-text often spaces numbers: 共 12 件
        rf"(?P<post>{after})?",
    )

    blocked_parts = [
        r"《[^《》\n]{0,100}》",  # law, plan and document titles with their years and numbers
        r"<[^<>\n]{0,60}>",
        r"〈[^〈〉\n]{0,60}〉",
        rf"[〔\[［(（]\s*[{ARABIC_DIGITS}]{{4}}\s*[〕\]］)）]\s*[{ARABIC_DIGITS}]+\s*[号號]",  # 〔2021〕309号
        rf"第\s*[{ARABIC_DIGITS}]+\s*[号號]",
        r"(?:https?://|www\.)[!-~]+",
        r"[A-Za-z]+[0-9][0-9A-Za-z_/\-.]*",  # page codes such as sp20241127, t20250613_520889
    ]
    codes = alternation(exclusions.get("code_label", ()))
    if codes:
        blocked_parts.append(rf"(?:{codes})\s*[:：]\s*[^\s\u3000]+(?:[ \t][^\s\u3000]+)?")
    counters = alternation(exclusions.get("counter_label", ()))
    if counters:
        blocked_parts.append(rf"(?:{counters})\s*[:：]?\s*[{ARABIC_DIGITS}][{ARABIC_DIGITS},.]*")
    # the first characters of the parts above (h and w of a URL are letters)
    blocked_first = r"《<〈〔\[［(（第A-Za-z" + first_chars(exclusions.get("code_label", ()))
    blocked_first += first_chars(exclusions.get("counter_label", ()))
    blocked = starting_with(blocked_first, "|".join(blocked_parts))

    slogan_alt = first_char_alternation(slogans)
    period_first = first_chars(period_words) + ARABIC_DIGITS + CHINESE_FIRST + "连"
    period = starting_with(
        period_first,
        rf"(?P<word>{alternation(period_words)})"
        rf"|(?P<months>[{ARABIC_DIGITS}]{{1,2}}\s*[{seps}]\s*[{ARABIC_DIGITS}]{{1,2}}\s*月(?:份)?)"
        rf"|(?P<month>(?<![{ARABIC_DIGITS}])[{ARABIC_DIGITS}]{{1,2}}\s*月份)"
        rf"|(?P<since>(?:[{ARABIC_DIGITS}]{{4}}年|[{ARABIC_DIGITS}]+年|{CHINESE}年)(?:以来|来))"
        rf"|(?P<streak>连续(?:[{ARABIC_DIGITS}]+|{CHINESE})年)"
        rf"|(?P<year>(?<![{ARABIC_DIGITS}])(?:19|20)[0-9]{{2}}年(?:度)?)(?![{ARABIC_DIGITS}])",
    )
    scope_alt = alternation(scope_words)
    noun_alt = alternation(noun_units)
    return Patterns(
        quantity=quantity,
        slogan=re.compile(slogan_alt) if slogan_alt else None,
        blocked=blocked,
        short_quote=re.compile(r"[“\"‘「][^“”\"‘’「」\n]{1,12}[”\"’」]"),
        period=period,
        scope=re.compile(scope_alt) if scope_alt else None,
        cue=re.compile(alternation(cues)),
        noun_unit=re.compile(noun_alt) if noun_alt else None,
        bare_number=re.compile(rf"[{ARABIC_DIGITS}]+(?:[.．][{ARABIC_DIGITS}]+)?"),
    )
