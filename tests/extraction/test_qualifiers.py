"""Rule: qualifier words touching the number, before or after it, are part of the surface
and set `qualifier` (余/多/以上/超过/至少/不少于 at_least; 约/近/左右 approx; 以内/不足 at_most)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "surface", "value", "qualifier"),
    [
        ("发放资料3万余份", "3万余份", 30000, "at_least"),
        ("参训人员800多名", "800多名", 800, "at_least"),
        ("覆盖率达85%以上", "85%以上", 85, "at_least"),
        ("办案期限超过3年", "超过3年", 3, "at_least"),
        ("每村配备至少2名调解员", "至少2名", 2, "at_least"),
        ("每周学习不少于4小时", "不少于4小时", 4, "at_least"),
        ("惠及群众约1.2万人", "约1.2万人", 12000, "approx"),
        ("化解纠纷近900件", "近900件", 900, "approx"),
        ("培训时长30天左右", "30天左右", 30, "approx"),
        ("审批时限压缩至3个工作日内", "3个工作日内", 3, "at_most"),
        ("审批时限控制在5天以内", "5天以内", 5, "at_most"),
        ("收案不足300件", "不足300件", 300, "at_most"),
        ("受理申请210余万次", "210余万次", 2_100_000, "at_least"),
        ("每年学法3次及以上", "3次及以上", 3, "at_least"),
        ("全年共办理 56 件", "56 件", 56, "exact"),
    ],
)
def test_qualifiers_join_the_surface(extract, text, surface, value, qualifier) -> None:
    (m,) = extract(text)
    assert (text[m.start : m.end], m.value, m.qualifier) == (surface, value, qualifier)


def test_exact_when_no_qualifier(extract) -> None:
    (m,) = extract("召开会议12次")
    assert m.qualifier == "exact"


def test_at_least_wins_over_approx_when_both_touch(extract) -> None:
    (m,) = extract("服务群众约3万余人次")
    assert m.qualifier == "at_least"


def test_nei_after_a_count_is_not_a_time_limit(extract) -> None:
    text = "辖区内共有12家内资企业"
    (m,) = extract(text)
    assert text[m.start : m.end] == "12家"
    assert m.qualifier == "exact"


def test_a_qualifier_before_a_respectively_list_covers_the_list(extract) -> None:
    first, second = extract("市、县两级分别配备不少于5名、3名专职人员")
    assert (first.qualifier, second.qualifier) == ("at_least", "at_least")
    first, second = extract("配备不少于5名专职人员、3名兼职人员")
    assert (first.qualifier, second.qualifier) == ("at_least", "exact")
