"""Rule: numerals are read as written — Arabic (ASCII or full-width, decimals, thousands
separators) and Chinese (两, 十, 六十, 一百二十, 两万, 〇)."""

from __future__ import annotations

import pytest

from extraction.numerals import parse_arabic, parse_chinese


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12.0), ("2.17", 2.17), ("１２３", 123.0), ("３．５", 3.5), ("12,345", 12345.0)],
)
def test_arabic_numerals(text: str, value: float) -> None:
    assert parse_arabic(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三", 3),
        ("两", 2),
        ("兩", 2),
        ("十", 10),
        ("十二", 12),
        ("六十", 60),
        ("一百二十", 120),
        ("一千零五", 1005),
        ("两万", 20000),
        ("两万三千", 23000),
        ("一亿两千万", 120_000_000),
        ("二〇三五", 2035),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese(text) == value


def test_not_a_chinese_numeral() -> None:
    assert parse_chinese("三项") is None
    assert parse_chinese("") is None
