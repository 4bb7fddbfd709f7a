from datetime import date

from attribution import attribute_document
from attribution.report_year import report_year, year_from_date


def test_signed_early_next_year_covers_the_previous_year():
    assert year_from_date(date(2022, 2, 17)) == 2021


def test_signed_in_december_covers_its_own_year():
    assert year_from_date(date(2021, 12, 17)) == 2021


def test_title_year_wins_over_dates():
    assert report_year("正文", "某县2020年度法治政府建设情况报告", date(2021, 3, 1)) == 2020


def test_yearbook_volume_describes_the_previous_year():
    text = "2022卷\n【法治政府建设】自治区党委将法治政府建设摆在全局工作重要位置。"
    assert report_year(text, None, None) == 2021


def test_reporting_sentence_year():
    text = "按照要求,现将2025年工作情况总结如下:\n一、全年工作完成情况"
    assert report_year(text, None, None) == 2025


def test_plan_ranges_and_quoted_titles_do_not_count():
    text = (
        "制定《法治政府建设实施纲要(2021-2025年)》,落实《2019年工作要点》。"
        "2023年全县开展普法活动,2023年完成培训。"
    )
    assert report_year(text, None, None) == 2023


def test_only_a_publication_date_gives_the_year_before():
    text = "发布时间:2024-01-10 17:27\n自2019年以来,全市累计调解矛盾纠纷近90万件。"
    assert report_year(text, None, date(2024, 1, 10)) == 2023


def test_signature_sets_the_year_when_the_text_names_none(gazetteer):
    text = "今年以来,县委、县政府坚持依法行政。\n泾源县人民政府\n2022年2月8日"
    result = attribute_document(text, "a.txt", gazetteer)
    assert result.jurisdiction_name == "泾源县"
    assert result.report_year == 2021


def test_plan_heading_is_skipped_and_the_reported_year_remains():
    text = "2023年全县共有行政诉讼案件148件。\n三、2024年工作计划\n继续推进依法行政。"
    assert report_year(text, None, None, ("工作计划",)) == 2023
    assert report_year(text, None, None) == 2024  # without the vocabulary the later year wins the tie
