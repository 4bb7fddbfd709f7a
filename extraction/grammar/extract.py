"""Find every quantity mention in one paragraph.

The grammar: [qualifier] numeral [余/多] [multiplier] [余/多] measure-word [qualifier].
A candidate becomes a mention unless it names something (a year, a document number, a
title, a hotline, an ordinal, a slogan such as 四个意识) rather than counting it.
"""

from __future__ import annotations

import re

from extraction.context import (
    PeriodHit,
    clause_start,
    find_period,
    find_scope,
    implicit_unit,
    is_change,
    period_hits,
)
from extraction.grammar.patterns import CHINESE
from extraction.grammar.tables import table_cells
from extraction.lexicon import Lexicon, UnitEntry
from extraction.model import Mention
from extraction.numerals import parse_arabic, parse_chinese
from extraction.subject import subjects_for

QUALIFIER_RANK = {"at_least": 3, "at_most": 2, "approx": 1, "exact": 0}  # 约5万余人次 → at_least
MAX_YEARS = 1000  # N年 with N ≥ 1000 is a date (2021年), or a list number glued to one (12020年)
CLAUSE_WINDOW = 12  # how far back 每 may stand for a Chinese 一 to count (每组均明确一名)
# Mirrors gloss characters with pinyin: 連續(xù)兩年.
PINYIN_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
# 六个100%: a Chinese count of a formula whose members are then listed.
FORMULA_COUNT_BEFORE = re.compile(rf"{CHINESE}[个個]$")


def _blocked_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    p = lexicon.patterns
    spans = [m.span() for m in p.blocked.finditer(text)]
    if p.slogan is not None:
        spans += [m.span() for m in p.slogan.finditer(text)]
    return spans


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _inside_short_quote(text: str, start: int, end: int, lexicon: Lexicon) -> bool:
    lo = max(0, start - 13)
    return any(m.start() < start and end <= m.end() for m in lexicon.patterns.short_quote.finditer(text, lo))


def _combine(*qualifiers: str) -> str:
    return max(qualifiers, key=QUALIFIER_RANK.__getitem__, default="exact")


# The groups of the quantity pattern a candidate reads, fetched in one call (m.group(*names)).
_GROUPS = ("pre", "pct", "ar", "ar2", "mult", "mid1", "mid2", "cn", "cnmid", "unit", "post")


class _Candidate:
    """One regex hit, read into numbers and words (the groups the rules test are kept)."""

    __slots__ = (
        "ar",
        "chinese",
        "cn",
        "end",
        "kind",
        "match_end",
        "mult",
        "mult_text",
        "num_start",
        "pct",
        "pre",
        "qualifier",
        "start",
        "unit",
        "unit_end",
        "value",
        "value2",
    )

    def __init__(self, m: re.Match[str], lexicon: Lexicon) -> None:
        q = lexicon.qualifiers
        pre, pct, ar, ar2, mult, mid1, mid2, cn, cnmid, unit_text, post = m.group(*_GROUPS)
        self.pre, self.pct, self.ar, self.cn, self.mult_text = pre, pct, ar, cn, mult
        self.start, self.end = m.span()
        self.match_end = self.end
        self.unit_end = m.end("unit")  # -1 without a measure word
        self.chinese = cn is not None or (pct is not None and not pct[0].isdigit())
        self.mult = 1.0
        self.value2: float | None = None
        unit_entry: UnitEntry | None = lexicon.units.get(unit_text or "")
        if pct is not None:
            self.value = float(parse_chinese(pct) or 0) if self.chinese else parse_arabic(pct)
            self.num_start = m.start("pct") - 3
            unit_entry = lexicon.units.get("%")
        elif ar is not None:
            self.num_start = m.start("ar")
            self.value = parse_arabic(ar)
            if ar2 is not None:
                self.value2 = parse_arabic(ar2)
            if mult:
                self.mult = lexicon.multipliers[mult]
        else:
            self.num_start = m.start("cn")
            self.value = float(parse_chinese(cn) or 0)
        self.unit = unit_entry
        self.kind = unit_entry.kind if unit_entry else "count"
        mid = mid1 or mid2 or (cnmid if cn else None)
        if post and lexicon.qualifier_unit_kinds.get(post, "any") not in ("any", self.kind):
            post = None  # 内 closes a time limit (1个工作日内), not a count (12家内资企业)
            self.end = self.unit_end if unit_text else self.match_end
        self.qualifier = _combine(
            q["before"].get(pre or "", "exact"),
            q["after_number"].get(mid or "", "exact"),
            q["after_unit"].get(post or "", "exact"),
        )
        if pre is None and self.start != self.num_start and pct is None:
            self.start = self.num_start


def _rejected(text: str, c: _Candidate, lexicon: Lexicon, blocked: list[tuple[int, int]]) -> bool:
    """True when the hit names something instead of counting it."""
    before = text[max(0, c.num_start - 5) : c.num_start].rstrip(" \u3000\xa0")
    num_end = c.unit_end if c.unit_end >= 0 else c.match_end
    if _overlaps(blocked, c.num_start, num_end):
        return True
    if before.endswith(tuple(lexicon.exclusions.get("ordinal_prefix", ()))):
        return True  # 第3名, 十五届四次
    if c.unit is None:
        return c.mult_text is None  # a bare number is a name (12345), an ordinal or a date
    follower = text[c.unit_end : c.unit_end + 1]
    if follower and follower in c.unit.not_followed_by:
        return True  # 2部门, 3人民, 5条例
    if c.unit.requires_after and not text.startswith(c.unit.requires_after, c.unit_end):
        return True  # 17日 is a date; 15日内 a time limit
    if c.unit.unit in ("名", "位") and before.endswith(tuple(lexicon.exclusions.get("ranking_prefix", ()))):
        return True  # 全省前3名
    if c.unit.unit == "年":
        if c.value >= MAX_YEARS or (c.value2 or 0) >= MAX_YEARS:
            return True  # 2021年, 2021—2025年
        if lexicon.qualifiers["before"].get(c.pre or "") == "approx":
            return True  # 近3年 is a period
    if c.ar and FORMULA_COUNT_BEFORE.search(before):
        return True  # 六个100%: a formula whose rates are listed after it
    return c.chinese and _rejected_chinese(text, c, lexicon)


def _rejected_chinese(text: str, c: _Candidate, lexicon: Lexicon) -> bool:
    """Chinese numerals are words far more often than counts: 一批, 三项制度, 两级, 五年规划."""
    if c.pct is not None:
        return False
    assert c.unit is not None
    if not c.unit.chinese_numeral:
        return True
    numeral = c.cn
    if numeral in ("一", "二"):
        # 一 is an article (一批, 一张网) except in a norm per unit (每月开展一次, 每组一名);
        # 二 alone is an ordinal (二次录入) since counts say 两.
        lo = max(0, c.num_start - CLAUSE_WINDOW)
        if (
            numeral == "二"
            or "每" not in text[lo : c.num_start]
            or text[c.num_start - 1 : c.num_start] == "每"
        ):
            return True  # 每一件 means "every", not one
    after = text[c.unit_end : c.unit_end + 1]
    if after and after in "一二两兩三四五六七八九十":
        return True  # 五个一, 一门一次一网
    lead = PINYIN_GLOSS.sub("", text[max(0, c.num_start - 12) : c.num_start])
    if c.unit.kind == "duration" and not lead.endswith(lexicon.duration_leads):
        return True  # 三年行动, 五年内; but 连续三年
    return _inside_short_quote(text, c.num_start, c.match_end, lexicon)


def _mentions_for(
    text: str,
    m: re.Match[str],
    c: _Candidate,
    lexicon: Lexicon,
    periods: list[PeriodHit],
    item_start: int,
    previous_subject: str,
) -> list[Mention]:
    p = lexicon.patterns
    unit = c.unit.unit if c.unit else implicit_unit(text, c.start, c.end, p, lexicon.noun_units)
    kind = c.kind
    if kind in ("rate", "count") and is_change(text, c.start, kind, p, lexicon.cues):
        kind = "change"
    period = find_period(text, c.start, periods, lexicon.period_words)
    if unit == "次" and period.startswith("每") and kind == "count":
        kind = "other"  # 每月开展一次 is a frequency
    scope = find_scope(text, c.start, p)
    subjects = subjects_for(text, c.start, c.end, kind, item_start, lexicon.subject_words, previous_subject)
    pieces: list[tuple[int, int, float, str]] = []
    if c.value2 is not None:
        # a range 10-20人: the lower bound (at_least) and the upper bound (at_most)
        sep = m.start("sep")
        pieces.append((c.start, sep, c.value * c.mult, "at_least"))
        pieces.append((sep + 1, c.end, c.value2 * c.mult, "at_most"))
    else:
        pieces.append((c.start, c.end, c.value * c.mult, c.qualifier))
    return [
        Mention(
            start=s,
            end=e,
            value=v,
            unit=unit,
            qualifier=q,
            kind=kind,
            subject=subject,
            period=period,
            scope=scope,
            chinese_numeral=c.chinese,
            subject_index=i,
        )
        for s, e, v, q in pieces
        for i, subject in enumerate(subjects)
    ]


def _distributed_qualifier(text: str, previous: Mention, c: _Candidate, lexicon: Lexicon) -> str:
    """分别配备不少于3名、2名: a qualifier word before the first value of a 分别 list covers
    the values listed after it."""
    if c.qualifier != "exact" or text[previous.end : c.start] != "、":
        return c.qualifier
    if not text.startswith(tuple(lexicon.qualifiers["before"]), previous.start):
        return c.qualifier
    return (
        previous.qualifier
        if "分别" in text[clause_start(text, previous.start) : previous.start]
        else c.qualifier
    )


def extract_mentions(text: str, lexicon: Lexicon, table_unit: str = "") -> list[Mention]:
    """Every quantity mention in one simplified-Chinese paragraph, in text order.

    `table_unit` is the measure word of the surrounding table, used for bare numeric cells.
    """
    cells = table_cells(text, lexicon, table_unit)
    if cells is not None:
        return cells
    blocked: list[tuple[int, int]] | None = None
    periods: list[PeriodHit] | None = None
    mentions: list[Mention] = []
    for m in lexicon.patterns.quantity.finditer(text):
        if m.group("ar") is None and m.group("cn") is None and m.group("pct") is None:
            continue
        if blocked is None:
            blocked = _blocked_spans(text, lexicon)  # computed only for paragraphs with numbers
        c = _Candidate(m, lexicon)
        if _rejected(text, c, lexicon, blocked):
            continue
        if periods is None:
            periods = period_hits(text, lexicon.patterns)
        previous = mentions[-1] if mentions else None
        if previous is not None:
            c.qualifier = _distributed_qualifier(text, previous, c, lexicon)
        item_start, previous_subject = (previous.end, previous.subject) if previous else (0, "")
        mentions.extend(_mentions_for(text, m, c, lexicon, periods, item_start, previous_subject))
    return mentions
