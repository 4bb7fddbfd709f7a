"""Rule: special constructions — 分别 (one subject per value), 均 (one surface, one row per
subject), 其中 (total and parts both), 期 + 人次, ranges, periods and scopes."""

from __future__ import annotations


def test_respectively_gives_each_value_its_own_subject(extract) -> None:
    text = "办理人大代表建议、政协提案分别为45件、67件"
    mentions = extract(text)
    assert [(text[m.start : m.end], m.subject) for m in mentions] == [
        ("45件", "办理人大代表建议"),
        ("67件", "政协提案"),
    ]


def test_both_gives_one_row_per_subject_on_one_span(extract) -> None:
    text = "按期办结率、答复率均为100%"
    mentions = extract(text)
    assert len(mentions) == 2
    assert {(m.start, m.end) for m in mentions} == {(text.index("100%"), len(text))}
    assert [m.subject_index for m in mentions] == [0, 1]
    assert mentions[0].subject != mentions[1].subject


def test_jun_after_the_number_is_not_both(extract) -> None:
    text = "参考人员1200人均通过考试"
    mentions = extract(text)
    assert len(mentions) == 1


def test_total_and_parts_are_all_mentions(extract, found) -> None:
    text = "共审查文件86件,其中规范性文件12件、部门文件7件"
    assert found(text) == ["86件", "12件", "7件"]


def test_sessions_and_attendance_are_two_mentions(found) -> None:
    assert found("举办培训班12期、培训1.5万人次") == ["12期", "1.5万人次"]


def test_range_gives_both_bounds(extract) -> None:
    text = "每次培训10-20人"
    low, high = extract(text)
    assert (low.value, low.qualifier, high.value, high.qualifier) == (10, "at_least", 20, "at_most")
    assert text[high.start : high.end] == "20人"


def test_partial_period(extract) -> None:
    (m,) = extract("2023年1-10月共调解纠纷560件")
    assert m.period == "1-10月"
    (m,) = extract("前三季度受理案件88件")
    assert m.period == "前三季度"
    (m,) = extract("截至目前,建成工作站16个")
    assert m.period == "截至目前"


def test_report_year_is_year(extract) -> None:
    (m,) = extract("2023年,全县办理复议案件41件")
    assert m.period == "year"


def test_streak_is_period(extract) -> None:
    (m,) = extract("连续5年公布决策事项目录")
    assert (m.value, m.unit, m.period) == (5, "年", "连续5年")


def test_narrower_scope(extract) -> None:
    (m,) = extract("市本级梳理行政许可事项210项")
    assert m.scope == "市本级"
    (m,) = extract("全区梳理行政许可事项210项")
    assert m.scope == ""


def test_implicit_unit_from_the_noun(extract) -> None:
    text = "超过80万国家工作人员参加考试"
    (m,) = extract(text)
    assert (text[m.start : m.end], m.value, m.unit, m.qualifier) == ("超过80万", 800_000, "人", "at_least")


def test_table_cell(lexicon) -> None:
    from extraction import extract_mentions

    (m,) = extract_mentions("132", lexicon, table_unit="件")
    assert (m.value, m.unit, m.kind) == (132, "件", "count")
    assert extract_mentions("2020", lexicon) == []


def test_both_splits_items_but_not_words_that_contain_a_conjunction(extract) -> None:
    subjects = [m.subject for m in extract("备案率、备案及时率均达100%")]
    assert subjects == ["备案率", "备案及时率"]
    subjects = [m.subject for m in extract("回复率和采纳率均为100%")]
    assert subjects == ["回复率", "采纳率"]
