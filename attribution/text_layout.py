"""Where in a report the attribution evidence sits: title, letterhead, signature, page fields, opening.

Every function here takes the normalised text and returns strings or dates; none knows the
gazetteer, so each rule can be tested on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from attribution.gazetteer import Vocabulary

# Pinyin glosses a mirror put after characters, e.g. 设(shè): they split names apart.
_PINYIN_GLOSS = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}[)）]")
_FULL_TO_ASCII = str.maketrans({"：": ":", "，": ",", "（": "(", "）": ")", "｜": "|", "　": " "})
_DATE_CHINESE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_NUMERIC = re.compile(r"((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# A signature's date line, possibly after the organisation (武威市人民政府 2022年2月17日).
_SIGNATURE_DATE_LINE = re.compile(
    r"^([^。,:]{0,40}?)\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$"
)
_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "O": "0"}
_CHINESE_YEAR = re.compile(r"([一二][〇○零九][〇○零一二三四五六七八九]{2})\s*年")  # 一九九九 .. 二〇九九
_CHINESE_MONTH_DAY = re.compile(r"(\d{4}年)([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_NUMERAL = "一二三四五六七八九十"
_SECTION_HEADING = re.compile(rf"^(?:[{_NUMERAL}]+[、.]|\(?[{_NUMERAL}\d]+[)、.]|第[{_NUMERAL}]+)")
SIGNATURE_WINDOW = 12  # non-empty lines from the end in which a signature block is looked for
HEAD_WINDOW = 15  # non-empty lines from the top in which title and letterhead are looked for
TITLE_MAX_LENGTH = 80
OPENING_LINES = 8  # an opening sentence introduces the report only near its top
OPENING_CHARS = 4000
MIN_TEXT_LINE = 4


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    organisations: tuple[str, ...]  # top to bottom
    signed_on: date | None


def normalise(text: str) -> str:
    """ASCII punctuation, no pinyin glosses, Arabic dates (二〇二二年二月十七日 -> 2022年2月17日)."""
    text = _PINYIN_GLOSS.sub("", text.translate(_FULL_TO_ASCII))
    text = _CHINESE_YEAR.sub(lambda m: "".join(_CHINESE_DIGITS[c] for c in m.group(1)) + "年", text)
    return _CHINESE_MONTH_DAY.sub(
        lambda m: f"{m.group(1)}{_chinese_number(m.group(2))}月{_chinese_number(m.group(3))}日", text
    )


def _chinese_number(numeral: str) -> int:
    """一 .. 三十一, as written in dates."""
    if "十" not in numeral:
        return int(_CHINESE_DIGITS[numeral])
    tens, _, units = numeral.partition("十")
    return (int(_CHINESE_DIGITS[tens]) if tens else 1) * 10 + (int(_CHINESE_DIGITS[units]) if units else 0)


def non_empty_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def is_chrome(line: str, vocabulary: Vocabulary) -> bool:
    """Page furniture: breadcrumbs, field tables, counters."""
    return (
        ">" in line
        or any(word in line for word in vocabulary.words("chrome"))
        or _is_field_line(line, vocabulary)
    )


def _is_field_line(line: str, vocabulary: Vocabulary) -> bool:
    fields = (*vocabulary.words("issuer_field"), *vocabulary.words("publish_date_field"))
    return bool(_field_line_pattern(fields).match(line))


@lru_cache(maxsize=8)
def _field_line_pattern(fields: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"^[•·\-\s|]*(?:" + "|".join(map(re.escape, fields)) + ")")


def find_title(lines: list[str], vocabulary: Vocabulary) -> str | None:
    """The first short heading line near the top that names a kind of document (报告, 总结, 情况...)."""
    for line in lines[:HEAD_WINDOW]:
        if is_chrome(line, vocabulary) or len(line) > TITLE_MAX_LENGTH or "。" in line:
            continue
        if line.endswith(":") or _SECTION_HEADING.match(line):
            continue
        if any(word in line for word in vocabulary.words("title")):
            return line
    return None


def letterhead(lines: list[str], vocabulary: Vocabulary) -> str | None:
    """The issuing body printed above the addressee (巴音郭楞蒙古自治州人民政府 / 自治区司法厅:).

    Only the official-document layout counts: a web page's site name sits on the same spot but is
    followed by a headline, not by an addressee.
    """
    body = [line for line in lines[:HEAD_WINDOW] if not is_chrome(line, vocabulary)]
    if len(body) >= 2 and body[1].endswith(":") and "。" not in body[0]:
        return body[0]
    return None


def addressee(lines: list[str]) -> str | None:
    """The line a report is addressed to (自治区司法厅:), which names the level above."""
    for line in lines[:HEAD_WINDOW]:
        if line.endswith(":") and len(line) <= 40 and "。" not in line:
            return line[:-1]
    return None


def signature_block(lines: list[str]) -> SignatureBlock | None:
    """The organisations just above (or on) the last line near the end that ends with a date."""
    window = lines[-SIGNATURE_WINDOW:]
    for index in range(len(window) - 1, -1, -1):
        dated = _SIGNATURE_DATE_LINE.match(window[index])
        if dated:
            organisations = [dated.group(1).replace(" ", "")] if dated.group(1).strip() else []
            for line in reversed(window[:index]):
                if "。" in line or "," in line or len(line) > 40:
                    break
                organisations.insert(0, line.replace(" ", ""))
            return SignatureBlock(tuple(organisations), first_date(window[index]))
    return None


def first_date(text: str) -> date | None:
    for pattern in (_DATE_CHINESE, _DATE_NUMERIC):
        found = pattern.search(text)
        if found:
            parsed = _safe_date(*found.groups())
            if parsed:
                return parsed
    return None


_FIELD_VALUE = re.compile(r"\s*[:|]?\s*\|?\s*([^\s|:]+)")
_FIELD_DATE = re.compile(r"\s*[:|]?\s*\|?\s*" + _DATE_NUMERIC.pattern)
_FIELD_SEPARATORS = "|•·"


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def field_values(text: str, field_names: tuple[str, ...]) -> list[str]:
    """Values of page fields such as 发布机构: 市司法局 (colon optional, table pipes allowed).

    A field name counts at the start of a line or after a space, pipe or bullet. The name is
    found with str.find and the rest matched where it stands: a regex that had to try every
    position of a report cost attribution a quarter of its time."""
    values = []
    for name in field_names:
        resume = 0  # matches do not overlap: the next one starts after the last one's value
        start = text.find(name)
        while start != -1:
            before = text[start - 1] if start else "\n"
            at_line_start = start >= resume and before == "\n"
            after_separator = start > resume and (before.isspace() or before in _FIELD_SEPARATORS)
            found = _FIELD_VALUE.match(text, start + len(name)) if at_line_start or after_separator else None
            if found:
                values.append(found.group(1))
                resume = found.end()
                start = text.find(name, resume)
            else:
                start = text.find(name, start + 1)
    return values


def field_date(text: str, field_names: tuple[str, ...]) -> date | None:
    """The first date given by any of the fields, in the order of field_names."""
    for name in field_names:
        found = _first_field_date(text, name)
        parsed = _safe_date(*found.groups()[-3:]) if found else None
        if parsed:
            return parsed
    return None


def _first_field_date(text: str, name: str) -> re.Match[str] | None:
    """The first place the field gives a date (its name not right after a Han character)."""
    start = text.find(name)
    while start != -1:
        if not (start and _is_han(text[start - 1])):
            found = _FIELD_DATE.match(text, start + len(name))
            if found:
                return found
        start = text.find(name, start + 1)
    return None


def top_lines(text: str, vocabulary: Vocabulary) -> list[str]:
    """The first lines of running text, page furniture and stray bullets left out."""
    lines = non_empty_lines(text[:OPENING_CHARS])
    return [line for line in lines if len(line) >= MIN_TEXT_LINE and not is_chrome(line, vocabulary)][
        :OPENING_LINES
    ]


def opening_subjects(text: str, vocabulary: Vocabulary, limit: int = 3) -> list[str]:
    """The words after a report-style opening: "2020年,高州市政府坚持…", "今年以来,开发区…".

    A leading adverbial "在…领导下," is skipped, since the subject follows it. News openings
    (日前, 近日) are left out: they name whoever acted, not who reports.
    """
    openers = "|".join(re.escape(w) for w in vocabulary.words("opening"))
    pattern = re.compile(
        rf"(?:^|[\n。])\s*(?:【[^】]{{1,20}}】)?\s*(?:(?:19|20)\d{{2}}\s*年度?(?:以来)?|{openers})\s*,\s*"
        r"(?:在[^,。]{1,40}?[上下中],\s*)?"
        r"([^,。\n]{2,40})"
    )
    leading_adverbial = re.compile(r"^在[^,。]{1,40}?[上下中],\s*([^,。\n]{2,40})")
    top = "\n".join(top_lines(text, vocabulary))
    found = [m.group(1) for m in pattern.finditer(top)][:limit]
    for line in non_empty_lines(top):  # "在…新征程上,人民街街道办事处坚持…"
        match = leading_adverbial.match(line)
        if match:
            found.append(match.group(1))
            break
    return found


def report_statement(text: str) -> str | None:
    """The words after 现将 in "现将巴州工作开展情况报告如下", which name the reporter."""
    found = re.search(r"现将([^,。\n]{2,60}?)(?:报告|总结|汇报)如下", text)
    return found.group(1) if found else None


def _safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None
