from hanzi import changed_characters, to_simplified


def test_traditional_becomes_simplified():
    assert to_simplified("行政復議案件48件(次),辦結率達100%") == "行政复议案件48件(次),办结率达100%"


def test_conversion_keeps_every_offset(sample_texts):
    for text in sample_texts.values():
        assert len(to_simplified(text)) == len(text)


def test_simplified_text_is_left_alone():
    text = "平罗县2023年度法治政府建设情况报告"
    assert to_simplified(text) == text
    assert changed_characters(text, to_simplified(text)) == 0


def test_changed_characters_counts_what_conversion_changed():
    assert changed_characters("法治政府建設", to_simplified("法治政府建設")) == 1
