from attribution import attribute_document


def test_ambiguous_district_resolved_by_the_city_in_the_text(gazetteer):
    text = "鼓楼区2022年法治政府建设年度报告\n2022年,鼓楼区在福州市委、市政府的领导下,落实福州市工作部署。"
    result = attribute_document(text, "a.txt", gazetteer)
    assert result.admin_code == "350102"
    assert result.parent == "福建省福州市"


def test_same_name_resolved_differently_by_other_context(gazetteer):
    text = "鼓楼区2022年法治政府建设年度报告\n2022年,鼓楼区在南京市委、市政府的领导下,落实南京市工作部署。"
    assert attribute_document(text, "b.txt", gazetteer).admin_code == "320106"


def test_chain_in_the_title_resolves_without_body_context(gazetteer):
    text = "徐州市鼓楼区2021年法治政府建设情况报告\n一、主要做法"
    assert attribute_document(text, "c.txt", gazetteer).admin_code == "320302"


def test_short_name_means_the_place_named_in_full_elsewhere(gazetteer):
    text = "记者从辽宁省铁岭市司法局获悉。\n2024年,铁岭行政机关负责人出庭应诉率达100%。"
    result = attribute_document(text, "d.txt", gazetteer)
    assert result.jurisdiction_name == "铁岭市"
    assert result.jurisdiction_level == "prefecture"


def test_addressee_picks_among_same_named_districts(gazetteer):
    text = (
        "城中区委全面依法治区委员会:\n在新征程上,人民街街道办事处坚持以习近平法治思想为指引。"
        "现将2025年工作情况总结如下:\n"
    )
    result = attribute_document(text, "e.txt", gazetteer)
    assert result.jurisdiction_name == "人民街街道"
    assert result.parent == "青海省西宁市城中区"
