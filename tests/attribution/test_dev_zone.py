from attribution import attribute_document


def test_zone_in_the_title_is_keyed_to_its_host(gazetteer):
    text = "西安高新技术产业开发区管理委员会2022年法治政府建设年度报告\n一、主要工作"
    result = attribute_document(text, "a.txt", gazetteer)
    assert result.jurisdiction_name == "西安高新技术产业开发区"
    assert result.jurisdiction_level == "dev_zone"
    assert result.parent == "陕西省西安市"
    assert result.jurisdiction_id == "610100:西安高新技术产业开发区"
    assert result.admin_code is None


def test_zone_under_a_county_level_city(gazetteer):
    text = "一、工作情况\n推进依法行政。\n江苏省扬中经济开发区管理委员会\n2022年1月10日"
    result = attribute_document(text, "b.txt", gazetteer)
    assert result.jurisdiction_level == "dev_zone"
    assert result.parent == "江苏省镇江市扬中市"
    assert result.report_year == 2021
