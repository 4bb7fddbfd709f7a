"""Reading numerals as written in Chinese reports: Arabic (ASCII or full-width, with
thousands separators and decimals) and Chinese (三, 六十, 一百二十, 两万, 兩, 〇)."""

from __future__ import annotations

# Full-width digits and punctuation fold to ASCII before float(); the offsets never change
# because folding happens on the matched substring only.
_FOLD = str.maketrans("０１２３４５６７８９．，", "0123456789.,")

CHINESE_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CHINESE_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

# Character classes for regex building (the grammar decides where they may start).
CHINESE_NUMERAL_CHARS = "".join(CHINESE_DIGITS) + "".join(CHINESE_SMALL_UNITS) + "".join(CHINESE_BIG_UNITS)
ARABIC_DIGITS = "0-9０-９"


def parse_arabic(text: str) -> float:
    """`2.17` → 2.17, `１２` → 12.0, `12,345` → 12345.0."""
    return float(text.translate(_FOLD).replace(",", ""))


def parse_chinese(text: str) -> int | None:
    """`六十` → 60, `一百二十` → 120, `两万` → 20000, `十` → 10; None if not a numeral.

    Positional reading, as in 二〇三五 (digit strings without units), is also accepted.
    """
    if not text:
        return None
    if all(ch in CHINESE_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(CHINESE_DIGITS[ch]) for ch in text))
    total = 0  # finished 亿/万 sections
    section = 0  # below the current big unit
    digit: int | None = None
    smallest_big = 0  # 一亿两千万: the 万 scales only what follows the 亿
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        elif ch in CHINESE_SMALL_UNITS:
            section += (1 if digit is None else digit) * CHINESE_SMALL_UNITS[ch]
            digit = None
        elif ch in CHINESE_BIG_UNITS:
            section += digit or 0
            big = CHINESE_BIG_UNITS[ch]
            if smallest_big and big < smallest_big:
                total += (section or 1) * big
            else:
                total = (total + (section or 1)) * big
            smallest_big = big
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)
