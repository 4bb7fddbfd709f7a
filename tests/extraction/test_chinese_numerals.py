"""Rule: Chinese numerals count concrete things (两轮督导, 四个工作组, 六十余场次) but are not
quantities in formulas, tiers, ordinals, programme names or as the article 一."""

from __future__ import annotations

import pytest


def test_counts_in_chinese_numerals(extract) -> None:
    text = "成立四个督导组,开展两轮督导,举办培训班五期,组织宣传活动六十余场次。"
    mentions = extract(text)
    assert [(text[m.start : m.end], m.value) for m in mentions] == [
        ("四个", 4),
        ("两轮", 2),
        ("五期", 5),
        ("六十余场次", 60),
    ]
    assert all(m.chinese_numeral for m in mentions)
    assert mentions[-1].qualifier == "at_least"


@pytest.mark.parametrize(
    "text",
    [
        "坚决做到“两个维护”,增强“四个意识”",
        "全面推行行政执法三项制度",
        "推进“一网通办”,实现“最多跑一次”",
        "建立县乡村三级调解网络",
        "召开第二次全体会议",
        "解决了一批群众反映强烈的问题",
        "制定三年行动方案",
        "围绕六个方面重点任务",
        "开展“五个一”活动",
        "学习贯彻党的二十大精神",
        "落实“三重一大”决策制度",
    ],
)
def test_formulas_and_words_are_not_quantities(extract, text) -> None:
    assert extract(text) == []


def test_one_counts_only_in_a_norm_per_unit(extract) -> None:
    text = "各司法所每月开展一次排查"
    (m,) = extract(text)
    assert (text[m.start : m.end], m.value, m.kind, m.period) == ("一次", 1, "other", "每月")
    assert extract("确定辖区内每一个企业的监管部门") == []


def test_chinese_years_need_a_streak(extract) -> None:
    text = "连续三年获评优秀等次"
    (m,) = extract(text)
    assert (text[m.start : m.end], m.value, m.unit, m.kind) == ("三年", 3, "年", "duration")
    assert m.period == "连续三年"
    assert extract("五年内实现审计全覆盖") == []


def test_pinyin_gloss_does_not_hide_the_streak(extract) -> None:
    (m,) = extract("一审案件連續(xù)兩年大幅增长")
    assert m.value == 2
