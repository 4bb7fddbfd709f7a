from opencc import OpenCC

from attribution import attribute_document

TRADITIONAL = (
    "2022年,東城區政府堅持以習近平新時代中國特色社會主義思想為指導,"
    "認真落實中央、北京市關於法治政府建設的總體部署。現將有關情況報告如下:"
)


def test_traditional_report_attributed_after_conversion(gazetteer):
    simplified = OpenCC("t2s").convert(TRADITIONAL)
    result = attribute_document(simplified, "a.txt", gazetteer)
    assert result.jurisdiction_name == "东城区"
    assert result.admin_code == "110101"
    assert result.issuer == "东城区政府"
    assert result.report_year == 2022


def test_pinyin_glosses_do_not_split_names(gazetteer):
    text = OpenCC("t2s").convert("2020年,興(xīng)寧(níng)市人民政府堅持依法行政,全市調解糾紛3906件(jiàn)。")
    assert attribute_document(text, "b.txt", gazetteer).jurisdiction_name == "兴宁市"
