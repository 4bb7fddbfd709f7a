"""The year a report covers, which is not the year it was published.

Priority, strongest first:
1. the title's year (高州市2020年法治政府建设年度报告, 2021年度…);
2. a yearbook volume (2022卷 describes 2021);
3. the year in the reporting sentence (现将2025年工作情况总结如下);
4. the year opening the first paragraph (2020年,高州市政府坚持…);
5. the year the body names most often, outside quoted titles, plan ranges, "since" phrases,
   next year's plans (2024年工作计划) and signature lines,
   ties going to the later year, never after the publication year;
6. the signature or publication date: a report signed in the first half of a year covers the year
   before (signed 2022-02-17 -> 2021), one signed later covers its own year (2021-12-17 -> 2021).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

_YEAR = r"((?:19|20)\d{2})"
_YEAR_IN_TITLE = re.compile(_YEAR + r"\s*年")
_QUOTED_TITLE = re.compile(r"《[^》]{0,80}》")
_BODY_YEAR = re.compile(r"(?<![\d\-—~至])" + _YEAR + r"\s*年(?!\s*(?:以来|以前|前|至|[-—~]|\d{4}))")
_RANGE_START = re.compile(_YEAR + r"\s*[-—~至]\s*(?:19|20)\d{2}")
_YEARBOOK_VOLUME = re.compile(r"(?:^|\n)\s*" + _YEAR + r"\s*卷")
_OPENING_YEAR = re.compile(r"(?:^|[\n。])\s*(?:【[^】]{1,20}】)?\s*" + _YEAR + r"\s*年度?\s*,")
# Signature and imprint lines (2022年2月8日; …2021年12月6日印发) date the document, not its subject.
_DATING_LINE = re.compile(
    r"^\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.*$|^.*日印发\s*$", re.MULTILINE
)
_REPORTING_SENTENCE = re.compile(r"现将[^。\n]{0,40}?" + _YEAR + r"\s*年")
FIRST_HALF_LAST_MONTH = 6
YEARBOOK_LOOKAHEAD = 200
OPENING_LINES = 12  # lines of four or more characters; page furniture included, hence more than 8
MIN_TEXT_LINE = 4  # characters from the top in which a volume marker counts


def report_year(
    text: str, title: str | None, published: date | None, plan_words: tuple[str, ...] = ()
) -> int | None:
    """``plan_words`` (工作计划, 打算) mark a year as the next one's plan, which does not count."""
    for year in (
        _title_year(title),
        _yearbook_year(text),
        _first_year(_REPORTING_SENTENCE, text),
        _first_year(_OPENING_YEAR, _top(text)),
        _most_named_year(text, published, plan_words),
    ):
        if year:
            return year
    return year_from_date(published)


def year_from_date(published: date | None) -> int | None:
    if published is None:
        return None
    return published.year - 1 if published.month <= FIRST_HALF_LAST_MONTH else published.year


def _title_year(title: str | None) -> int | None:
    if not title:
        return None
    found = _YEAR_IN_TITLE.search(_QUOTED_TITLE.sub("", title))
    return int(found.group(1)) if found else None


def _yearbook_year(text: str) -> int | None:
    found = _YEARBOOK_VOLUME.search(text[:YEARBOOK_LOOKAHEAD])
    return int(found.group(1)) - 1 if found else None


def _top(text: str) -> str:
    """Everything up to the end of the first paragraph of running text (the first line with a
    full stop): there "2020年,…" introduces the whole report, later it is one episode of it."""
    full_stop = text.find("。")
    line_end = text.find("\n", full_stop) if full_stop >= 0 else -1
    return text if line_end < 0 else text[:line_end]


def _first_year(pattern: re.Pattern[str], text: str) -> int | None:
    found = pattern.search(text)
    return int(found.group(1)) if found else None


def _most_named_year(text: str, published: date | None, plan_words: tuple[str, ...]) -> int | None:
    body = _RANGE_START.sub("", _QUOTED_TITLE.sub("", _DATING_LINE.sub("", text)))
    if plan_words:
        body = re.sub(_YEAR + r"\s*年度?(?=" + "|".join(map(re.escape, plan_words)) + ")", "", body)
    latest_possible = published.year if published else None
    counts = Counter(
        int(y) for y in _BODY_YEAR.findall(body) if latest_possible is None or int(y) <= latest_possible
    )
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))
