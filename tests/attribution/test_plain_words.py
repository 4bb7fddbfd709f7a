"""Short and two-character place names that are also ordinary words must not decide a report."""

from attribution import attribute_document


def test_word_like_short_names_do_not_outvote_the_reporter(gazetteer):
    text = (
        "2021年,公安机关深化平安建设,推动乡村振兴,维护共和国法制统一。\n"
        "永登县持续推进依法行政,永登县政府常务会议学法12次。"
    )
    result = attribute_document(text, "a.txt", gazetteer)
    assert result.jurisdiction_name == "永登县"


def test_two_character_county_name_needs_its_parents_named(gazetteer):
    text = "市和县两级政府加强协调,主城区和城区街道落实责任。嘉峪关市深入推进法治政府建设。"
    assert attribute_document(text, "b.txt", gazetteer).jurisdiction_name == "嘉峪关市"


def test_opening_verb_phrase_is_not_a_township(gazetteer):
    text = "2021年,深入推进乡村振兴,全面加强法治建设。\n会宁县法治政府建设取得新成效,会宁县获评示范县。"
    result = attribute_document(text, "c.txt", gazetteer)
    assert result.jurisdiction_name == "会宁县"
    assert result.jurisdiction_level == "county"


def test_scope_word_before_a_level_word_is_not_a_county(gazetteer):
    text = (
        "今年以来,州党委、州人民政府坚持依法行政,全州县市级部门落实责任,全州县市两级联动,"
        "全州县市法律顾问全覆盖,全州各部门齐抓共管。\n"
        "巴音郭楞蒙古自治州人民政府常务会议学法5次,法治巴州建设取得新成效。"
    )
    result = attribute_document(text, "d.txt", gazetteer)
    assert result.jurisdiction_name == "巴音郭楞蒙古自治州"
