from datetime import date

from attribution import attribute_document


def test_publisher_field_gives_the_place_not_the_department(gazetteer):
    text = (
        "首页 > 政务公开\n发布机构: 张掖市司法局 发布日期: 2023-02-10\n"
        "打造法治化营商环境\n近年来,全市持续优化营商环境,市场主体活力不断增强。"
    )
    result = attribute_document(text, "a.txt", gazetteer)
    assert result.jurisdiction_name == "张掖市"
    assert result.jurisdiction_level == "prefecture"
    assert result.publish_date == date(2023, 2, 10)


def test_publication_date_field_beats_the_signature_date(gazetteer):
    text = (
        "发布日期: 2022-03-04\n金昌市人民政府2021年度法治政府建设情况报告\n"
        "2021年,金昌市坚持依法行政。\n金昌市人民政府\n2022年2月17日"
    )
    result = attribute_document(text, "b.txt", gazetteer)
    assert result.publish_date == date(2022, 3, 4)
    assert result.report_year == 2021


def test_field_without_colon_is_read(gazetteer):
    text = "索引号abc/2026-00001\n发布日期2026-01-27\n2025年,全镇坚持依法行政。"
    assert attribute_document(text, "c.txt", gazetteer).publish_date == date(2026, 1, 27)


def test_page_metadata_is_used_when_given(gazetteer):
    metadata = {
        "标题": "敦煌市2024年法治政府建设年度报告",
        "发布日期": "2025-01-15",
        "发布机构": "敦煌市司法局",
    }
    result = attribute_document("一、主要工作\n全市依法行政。", "d.html", gazetteer, metadata)
    assert result.title == "敦煌市2024年法治政府建设年度报告"
    assert result.jurisdiction_name == "敦煌市"
    assert result.publish_date == date(2025, 1, 15)
    assert result.report_year == 2024


def test_media_publisher_above_the_subject_yields_to_the_subject(gazetteer):
    text = (
        "稿件来源:甘肃人大客户端 发布时间:2025-06-20 10:16:22\n"
        "“2024年,全市法院收案数首次下降。”\n张掖市人大常委会持续推进诉源治理,张掖市法院多元解纷成效明显。"
    )
    result = attribute_document(text, "e.txt", gazetteer)
    assert result.jurisdiction_name == "张掖市"
