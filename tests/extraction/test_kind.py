"""Rule: kind is count / amount / rate / duration / change / other. A percentage is a rate
unless a change verb governs it; a count is a change only when a change verb touches it in
a comparison (较上年增加). 个百分点 is always a change."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("案件办结率达98.2%", "rate"),
        ("占全部案件的12.5%", "rate"),
        ("较上年提高6.3%", "change"),
        ("同比下降4.1%", "change"),
        ("办理时限平均压缩40%", "change"),
        ("审批压减率达55%", "rate"),
        ("增幅为7.2%", "change"),
        ("败诉率同比下降2.1个百分点", "change"),
        ("比上年增加120件", "change"),
        ("与去年相比减少了35起", "change"),
        ("减少证明材料300份", "count"),
        ("新增执法人员45名", "count"),
        ("节约资金80万元", "amount"),
        ("办结时限为15天", "duration"),
        ("考核权重提升至20%", "rate"),
        ("合格率由85%提高到95%", "rate"),
        ("较上年减少 24 件", "change"),
        ("申请人可在15日内提出", "duration"),
    ],
)
def test_kind(extract, text, kind) -> None:
    assert extract(text)[-1].kind == kind


def test_a_day_is_a_unit_only_as_a_time_limit(extract) -> None:
    assert extract("12月17日召开会议") == []


def test_respectively_spreads_the_change_verb(extract) -> None:
    text = "审批环节、申请材料、办理时限、跑动次数分别压缩20.15%、35.62%、60.3%、75.04%"
    mentions = extract(text)
    assert [m.kind for m in mentions] == ["change"] * 4
