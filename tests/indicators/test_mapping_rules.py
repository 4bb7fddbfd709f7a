"""One test per mapping rule (indicators/mapper.py), each on a small vocabulary of its own."""

from __future__ import annotations

from indicators import MentionIn, build_context, map_document, map_mention
from indicators.mapper import strip_glosses

OATH = ("oath_people", "count", "人", "宪法宣誓")
LECTURES = ("lectures", "count", "场次", "讲法")


def test_unit_must_be_accepted_by_the_indicator(make_vocabulary, mapped):
    vocabulary = make_vocabulary([OATH])
    result = mapped(vocabulary, "组织就职宪法宣誓30次。组织就职宪法宣誓200人。")
    assert result == {"30次": None, "200人": "oath_people"}


def test_exact_factor_converts_and_family_match_maps_without_converting(make_vocabulary, project_vocabulary):
    vocabulary = make_vocabulary(
        [OATH, ("cases", "count", "件", "调解案件")],
        units=[("", "人", "名", "1"), ("", "件", "宗", "")],
    )
    paragraph = "组织宪法宣誓200名,调解案件35宗。"
    mentions = [
        MentionIn("a", 0, paragraph.index("200名"), paragraph.index("200名") + 4, 200, "名", "count"),
        MentionIn("b", 0, paragraph.index("35宗"), paragraph.index("35宗") + 3, 35, "宗", "count"),
    ]
    found = {m.mention_id: m for m in map_document(vocabulary, [paragraph], mentions)}
    assert (found["a"].metric_id, found["a"].metric_value, found["a"].unit_factor) == ("oath_people", 200, 1)
    assert (found["b"].metric_id, found["b"].metric_value, found["b"].metric_unit) == ("cases", None, "件")


def test_a_rate_needs_percent_and_the_same_kind(make_vocabulary, mapped):
    vocabulary = make_vocabulary([("closure_rate", "rate", "%", "办结率"), ("closed", "count", "件", "办结")])
    result = mapped(vocabulary, "办结率98%,办结120件。")
    assert result == {"98%": "closure_rate", "120件": "closed"}


def test_value_outside_the_catalog_range_is_not_mapped(make_vocabulary, mapped):
    vocabulary = make_vocabulary([OATH], ranges={"oath_people": ("0", "1000")})
    assert mapped(vocabulary, "宪法宣誓5000人。") == {"5000人": None}


def test_narrower_scope_maps_only_where_the_scope_rules_keep_it(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("licences", "count", "项", "行政许可事项"), ("filings", "count", "项", "行政备案事项")],
        scopes=[("*", "^全"), ("licences", ".")],
    )
    paragraph = "州直部门行政许可事项300项。州直部门行政备案事项12项。全州各部门行政备案事项40项。"
    scopes = {"300项": "州直部门", "12项": "州直部门", "40项": "全州各部门"}
    result = mapped(vocabulary, paragraph, scopes=scopes)
    assert result == {"300项": "licences", "12项": None, "40项": "filings"}


def test_alias_in_the_subject_wins_over_the_phrase(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("reply_rate", "rate", "%", "回复率"), ("adoption_rate", "rate", "%", "采纳率")]
    )
    # 均 list: one span, one mention per subject; each takes the indicator named in its subject
    paragraph = "检察建议回复率、采纳率均为100%。"
    start = paragraph.index("100%")
    mentions = [
        MentionIn("a", 0, start, start + 4, 100, "%", "rate", "检察建议回复率", None, 0),
        MentionIn("b", 0, start, start + 4, 100, "%", "rate", "采纳率", None, 1),
    ]
    found = {m.mention_id: m.metric_id for m in map_document(vocabulary, [paragraph], mentions)}
    assert found == {"a": "reply_rate", "b": "adoption_rate"}


def test_respectively_list_adds_the_verb_to_each_subject(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("materials_cut", "change", "%", "材料压缩"), ("time_cut", "change", "%", "时限压缩")]
    )
    paragraph = "审批材料、审批时限分别压缩20%、60%。"
    subjects = {"20%": "审批材料", "60%": "审批时限"}
    result = mapped(vocabulary, paragraph, subjects=subjects, kinds={"20%": "change", "60%": "change"})
    assert result == {"20%": "materials_cut", "60%": "time_cut"}


def test_name_is_read_only_since_the_previous_quantity(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("received", "count", "件", "收到行政复议申请"), ("accepted", "count", "件", "受理")]
    )
    result = mapped(vocabulary, "收到行政复议申请300件、受理250件、办结240件。")
    assert result == {"300件": "received", "250件": "accepted", "240件": None}


def test_name_too_far_back_in_the_phrase_is_not_the_values(make_vocabulary, mapped):
    vocabulary = make_vocabulary([("lectures_held", "count", "次", "法治讲座")])
    filler = "组织干部集中学习各类党内法规与业务知识并撰写心得体会交流学习成果以及开展各类研讨活动"
    far = "法治讲座为载体," + filler * 2
    assert mapped(vocabulary, far + "12次。") == {"12次": None}
    assert mapped(vocabulary, "举办法治讲座12次。") == {"12次": "lectures_held"}


def test_name_after_the_value_counts_when_none_stands_before(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("audits", "count", "个", "审计项目"), ("plans", "count", "个", "处置方案")]
    )
    result = mapped(vocabulary, "完成专项资金审计44个项目,制定7个处置方案。")
    assert result == {"44个": "audits", "7个": "plans"}


def test_list_item_tail_stops_at_the_enumeration_comma(make_vocabulary, mapped):
    vocabulary = make_vocabulary([("npc", "count", "件", "人大代表建议"), ("hotline", "count", "件", "热线")])
    result = mapped(vocabulary, "办理信箱112件、热线8391件、人大代表建议123件。")
    assert result == {"112件": None, "8391件": "hotline", "123件": "npc"}


def test_clause_name_reaches_over_quantities_in_other_units_only(make_vocabulary, mapped):
    vocabulary = make_vocabulary([("attendees", "count", "人", "参加庭审活动")])
    assert mapped(vocabulary, "公职人员参加庭审活动515次2863人。") == {"515次": None, "2863人": "attendees"}
    vocabulary = make_vocabulary([("cases", "count", "件", "收到申请")])
    assert mapped(vocabulary, "收到申请100件,其余80件。") == {"100件": "cases", "80件": None}


def test_nearest_name_of_an_indicator_refusing_the_unit_blocks_farther_names(make_vocabulary, mapped):
    vocabulary = make_vocabulary([OATH, LECTURES], units=[("", "场次", "次", "")])
    result = mapped(vocabulary, "领导干部讲法300场次,就职时宪法宣誓514次1327人。")
    assert result == {"300场次": "lectures", "514次": None, "1327人": "oath_people"}


def test_count_followed_by_a_body_word_counts_bodies(make_vocabulary, mapped):
    vocabulary = make_vocabulary([("items", "count", "个", "政务服务事项")], terms=[("*", "counted", "部门")])
    result = mapped(vocabulary, "发布政务服务事项涉及34个部门。发布政务服务事项600个。")
    assert result == {"34个": None, "600个": "items"}


def test_exclude_words_in_the_clause_refuse_the_indicator(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("received", "count", "件", "工单")], terms=[("received", "exclude", "转办"), ("*", "exclude", "拟")]
    )
    result = mapped(vocabulary, "受理工单500件,转办工单300件,拟新增工单20件。")
    assert result == {"500件": "received", "300件": None, "20件": None}


def test_require_words_must_stand_in_the_clause(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("abolished", "count", "件", "规范性文件")], terms=[("abolished", "require", "废止|失效")]
    )
    result = mapped(vocabulary, "修订规范性文件8件,废止规范性文件15件。")
    assert result == {"8件": None, "15件": "abolished"}


def test_topic_word_is_needed_and_the_nearest_topic_wins(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("hotline_rate", "rate", "%", "办结率"), ("disclosure_rate", "rate", "%", "办结率")],
        terms=[("hotline_rate", "topic", "12345|热线"), ("disclosure_rate", "topic", "信息公开")],
    )
    paragraph = "12345热线受理工单后及时转办。办理政府信息公开申请18件,办结率100%。"
    assert mapped(vocabulary, paragraph) == {"18件": None, "100%": "disclosure_rate"}
    assert mapped(vocabulary, "全年工作有序推进,办结率100%。") == {"100%": None}


def test_topic_from_the_section_heading(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("hotline_rate", "rate", "%", "满意率")], terms=[("hotline_rate", "topic", "12345|热线")]
    )
    assert mapped(vocabulary, "群众满意率99%。", heading="(三)12345热线运行情况") == {"99%": "hotline_rate"}
    assert mapped(vocabulary, "群众满意率99%。", heading="(三)政务公开") == {"99%": None}


def test_off_topic_word_nearer_than_the_topic_refuses(make_vocabulary, mapped):
    vocabulary = make_vocabulary(
        [("dispute_rate", "rate", "%", "化解率")],
        terms=[("dispute_rate", "topic", "纠纷"), ("dispute_rate", "off_topic", "行政争议")],
    )
    assert mapped(vocabulary, "排查矛盾纠纷后,化解率99%。") == {"99%": "dispute_rate"}
    assert mapped(vocabulary, "矛盾纠纷排查常态化。行政争议中心化解率51%。") == {"51%": None}


def test_pinyin_glosses_are_removed_before_matching(make_vocabulary, mapped):
    assert strip_glosses("办结(jié)行政复(fù)议案件") == "办结行政复议案件"
    vocabulary = make_vocabulary([("handled", "count", "件", "办结行政复议案件")])
    assert mapped(vocabulary, "办结(jié)行政复(fù)议案件3086件。") == {"3086件": "handled"}


def test_mention_without_unit_is_not_mapped(make_vocabulary):
    vocabulary = make_vocabulary([OATH])
    mention = MentionIn("a", 0, 4, 7, 150, None, "count")
    context = build_context("宪法宣誓150万", "", mention, [])
    assert map_mention(vocabulary, mention, context) is None
