"""Rule: a mention's surface is number + multiplier + measure word + touching qualifiers,
and its value has the multiplier applied (RULES.md: surface, value, unit)."""

from __future__ import annotations


def one(extract, text: str):
    mentions = extract(text)
    assert len(mentions) == 1, [(text[m.start : m.end], m.value) for m in mentions]
    m = mentions[0]
    return text[m.start : m.end], m


def test_multiplier_wan_on_people_with_bracketed_times(extract) -> None:
    surface, m = one(extract, "全年共培训干部3.6万人(次)。")
    assert surface == "3.6万人(次)"
    assert (m.value, m.unit, m.kind) == (36000, "人次", "count")


def test_traditional_multiplier_and_money(extract) -> None:
    surface, m = one(extract, "为企业节省费用25.5萬元。")
    assert surface == "25.5萬元"
    assert (m.value, m.unit, m.kind) == (255000, "元", "amount")


def test_yi_multiplier(extract) -> None:
    _, m = one(extract, "减免税费1.2亿元")
    assert m.value == 120_000_000


def test_full_width_digits(extract) -> None:
    surface, m = one(extract, "办理案件１２３件")
    assert surface == "１２３件"
    assert m.value == 123


def test_thousands_separator(extract) -> None:
    surface, m = one(extract, "受理诉求12,345件")
    assert surface == "12,345件"
    assert m.value == 12345


def test_bracketed_measure_words_normalize(extract) -> None:
    assert one(extract, "开展讲座36場(次)")[1].unit == "场次"
    assert one(extract, "批示案件9件(次)")[1].unit == "件次"


def test_longest_measure_word_wins(extract) -> None:
    _, m = one(extract, "通过率提高3.5个百分点")
    assert (m.unit, m.kind) == ("个百分点", "change")
    surface, m = one(extract, "办结时间压缩至2个工作日")
    assert (surface, m.unit, m.kind) == ("2个工作日", "个工作日", "duration")


def test_percent_is_a_rate_in_percent(extract) -> None:
    surface, m = one(extract, "群众满意率达96.5%")
    assert (surface, m.value, m.unit, m.kind) == ("96.5%", 96.5, "%", "rate")


def test_percent_written_in_words(extract) -> None:
    _, m = one(extract, "复议决定履行率百分之百")
    assert (m.value, m.unit, m.chinese_numeral) == (100, "%", True)


def test_a_measure_word_that_starts_another_word_is_not_one(extract) -> None:
    assert extract("联合3部门开展检查") == []
    assert extract("修订5条例") == []


def test_offsets_are_into_the_paragraph(extract) -> None:
    text = "一、工作成效\n共办理12件"
    mentions = extract(text)
    assert [(m.start, m.end) for m in mentions] == [(len(text) - 3, len(text))]
