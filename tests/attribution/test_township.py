from attribution import attribute_document


def test_street_in_the_title_with_its_district_in_the_text(gazetteer):
    text = "小寨路街道2024年法治政府建设工作总结\n2024年,小寨路街道按照雁塔区工作要求,推进依法行政。"
    result = attribute_document(text, "a.txt", gazetteer)
    assert result.jurisdiction_name == "小寨路街道"
    assert result.jurisdiction_level == "township"
    assert result.parent == "陕西省西安市雁塔区"
    assert result.jurisdiction_id == "610113:小寨路街道"


def test_township_written_after_its_county(gazetteer):
    text = "发布机构屏边县新华乡人民政府\n新华乡2025年法治政府建设工作情况报告\n2025年,新华乡坚持依法行政。"
    result = attribute_document(text, "b.txt", gazetteer)
    assert result.jurisdiction_name == "新华乡"
    assert result.parent == "云南省红河哈尼族彝族自治州屏边苗族自治县"


def test_town_named_by_its_short_form(gazetteer):
    text = "本报讯 中共长安镇委召开会议。\n2020年,长安深入开展人民调解工作,东莞市委给予肯定。"
    result = attribute_document(text, "c.txt", gazetteer)
    assert result.jurisdiction_name == "长安镇"
    assert result.parent == "广东省东莞市"
