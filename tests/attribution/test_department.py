from attribution import attribute_document


def test_municipal_bureau_in_the_title(gazetteer):
    text = "湖州市应急管理局关于2023年度法治政府建设工作的报告\n2023年,市应急管理局坚持依法行政。"
    result = attribute_document(text, "a.txt", gazetteer)
    assert result.jurisdiction_name == "湖州市应急管理局"
    assert result.jurisdiction_level == "department"
    assert result.parent == "浙江省湖州市"
    assert result.parent_id == "330500"
    assert result.jurisdiction_id == "330500:湖州市应急管理局"
    assert result.admin_code is None


def test_provincial_justice_system_review_is_the_justice_department(gazetteer):
    text = "2022年,河北司法行政系统坚持以习近平法治思想为统领,各项工作取得新成效。"
    result = attribute_document(text, "b.txt", gazetteer)
    assert result.jurisdiction_name == "河北省司法厅"
    assert result.parent == "河北省"


def test_national_ministry(gazetteer):
    text = "司法部2023年法治政府建设年度报告\n一、加强党对法治政府建设的领导"
    result = attribute_document(text, "c.txt", gazetteer)
    assert result.jurisdiction_name == "司法部"
    assert result.jurisdiction_level == "department"
    assert result.parent == "国务院"


def test_general_office_of_a_municipality(gazetteer):
    text = "2021年天津市人民政府办公厅政府信息公开工作年度报告\n一、总体情况"
    result = attribute_document(text, "d.txt", gazetteer)
    assert result.jurisdiction_name == "天津市人民政府办公厅"
    assert result.parent == "天津市"


def test_bureau_named_without_its_place_does_not_make_a_department_report(gazetteer):
    text = "【人民调解】2020年,县司法局高度重视人民调解工作。如4月3日,屯昌县新兴镇发生一起纠纷。"
    result = attribute_document(text, "e.txt", gazetteer)
    assert result.jurisdiction_name == "屯昌县"
    assert result.jurisdiction_level == "county"
