from attribution import attribute_document


def test_title_names_the_county_and_its_year(gazetteer):
    text = "信宜市2019年法治政府建设年度报告\n2019年,我市坚持依法行政,全市各项工作取得新进展。\n"
    result = attribute_document(text, "a.txt", gazetteer)
    assert result.title == "信宜市2019年法治政府建设年度报告"
    assert result.jurisdiction_name == "信宜市"
    assert result.jurisdiction_level == "county"
    assert result.admin_code == "440983"
    assert result.parent == "广东省茂名市"
    assert result.parent_id == "440900"
    assert result.report_year == 2019


def test_title_chain_gives_the_most_specific_place_and_the_issuer(gazetteer):
    text = "深圳市南山区人民政府关于2022年度法治政府建设情况的报告\n一、主要工作\n全区持续推进依法行政。"
    result = attribute_document(text, "b.txt", gazetteer)
    assert result.jurisdiction_name == "南山区"
    assert result.admin_code == "440305"
    assert result.issuer == "深圳市南山区人民政府"
    assert result.report_year == 2022


def test_title_beats_a_place_the_body_names_more_often(gazetteer):
    text = (
        "2021年度湖南省行政复议案件统计\n"
        "长沙市收到申请300件,长沙市受理280件,长沙市办结270件,株洲市收到申请90件。"
    )
    result = attribute_document(text, "c.txt", gazetteer)
    assert result.jurisdiction_name == "湖南省"
    assert result.jurisdiction_level == "province"
    assert result.parent is None
