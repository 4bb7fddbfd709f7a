from datetime import date

from attribution import attribute_document

BODY = (
    "今年以来,州党委、州人民政府坚持依法行政,全州法治政府建设取得新成效。\n一、主要工作\n深入推进依法决策。\n"
)


def test_letterhead_and_signature_name_the_reporter(gazetteer):
    text = (
        "博尔塔拉蒙古自治州人民政府\n自治区司法厅:\n" + BODY + "博尔塔拉蒙古自治州人民政府\n2021年12月20日\n"
    )
    result = attribute_document(text, "a.txt", gazetteer)
    assert result.jurisdiction_name == "博尔塔拉蒙古自治州"
    assert result.jurisdiction_level == "prefecture"
    assert result.admin_code == "652700"
    assert result.parent == "新疆维吾尔自治区"
    assert result.issuer == "博尔塔拉蒙古自治州人民政府"
    assert result.publish_date == date(2021, 12, 20)
    assert result.report_year == 2021


def test_signature_alone_is_enough(gazetteer):
    text = "一、工作情况\n全县扎实推进依法行政。\n二、下一步打算\n继续努力。\n盐池县人民政府\n2023年1月30日"
    result = attribute_document(text, "b.txt", gazetteer)
    assert result.jurisdiction_name == "盐池县"
    assert result.parent == "宁夏回族自治区吴忠市"
    assert result.issuer == "盐池县人民政府"


def test_joint_signature_keeps_both_issuers(gazetteer):
    text = (
        "一、工作情况\n园区依法行政水平持续提升。\n"
        "江苏省句容经济开发区管理委员会\n句容市人民政府黄梅街道办事处\n2021年12月6日\n"
    )
    result = attribute_document(text, "c.txt", gazetteer)
    assert result.jurisdiction_level == "dev_zone"
    assert result.issuer == "江苏省句容经济开发区管理委员会;句容市人民政府黄梅街道办事处"


def test_signature_date_in_chinese_numerals(gazetteer):
    text = "一、工作情况\n全县依法行政。\n隆德县人民政府\n二〇二二年二月十七日"
    result = attribute_document(text, "d.txt", gazetteer)
    assert result.jurisdiction_name == "隆德县"
    assert result.publish_date == date(2022, 2, 17)
    assert result.report_year == 2021


def test_organisation_and_date_on_one_line(gazetteer):
    text = "一、工作情况\n全市依法行政。\n白银市人民政府 2022年2月17日\n扫一扫在手机打开当前页"
    result = attribute_document(text, "e.txt", gazetteer)
    assert result.jurisdiction_name == "白银市"
    assert result.issuer == "白银市人民政府"


def test_prefecture_administrative_office_signs_for_its_prefecture(gazetteer):
    text = "一、工作情况\n全地区依法行政。\n阿勒泰地区行政公署\n2022年1月20日"
    result = attribute_document(text, "f.txt", gazetteer)
    assert result.jurisdiction_name == "阿勒泰地区"
    assert result.jurisdiction_level == "prefecture"
    assert result.report_year == 2021
