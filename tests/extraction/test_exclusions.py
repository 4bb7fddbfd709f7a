"""Rule (RULES.md, "What is NOT a mention"): dates, years, document numbers, titles,
ordinals, hotline names, slogans, rankings, page furniture and generic 24小时 phrases."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "2022年3月15日",
        "2021年,全县持续推进",
        "按照《关于做好2021年工作的通知》(某政办发〔2021〕309号)要求",
        "印发《法治政府建设实施纲要(2021—2025年)》",
        "落实《安全生产10项措施》",
        "1、加强组织领导",
        "(二)深化改革",
        "一是强化责任",
        "积极发挥12345政府服务热线作用",
        "甘肃省12348公共法律服务中心",
        "排名全省第3名",
        "位列全省前5名",
        "索引号:11622300013931138G/2022-06008",
        "发布日期: 2022-03-04 14:26 浏览次数: 1523",
        "实现24小时自助办理",
        "提供7×24小时服务",
        "以市政府第2号令发布",
        "原文链接:http://www.example.gov.cn/t20250613_520889.html",
        "庆祝建党100周年",
        "“2440”改革精准落地",
        "每页显示20条",
        "已有1234人浏览",
        "落实三个区分开来",
        "请在30日内与本网联系",
    ],
)
def test_not_a_quantity(extract, text) -> None:
    found = [text[m.start : m.end] for m in extract(text)]
    assert found == []


def test_quantity_next_to_an_exclusion_is_kept(extract) -> None:
    text = "2021年受理12345热线工单1.2万件"
    mentions = extract(text)
    assert [text[m.start : m.end] for m in mentions] == ["1.2万件"]


def test_formula_count_before_percent(extract) -> None:
    text = "实现“六个100%”目标"
    assert extract(text) == []
