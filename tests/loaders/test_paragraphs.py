from loaders.paragraphs import split_paragraphs


def test_paragraph_text_is_the_slice_of_the_document_at_its_offsets(sample_texts):
    for text in sample_texts.values():
        paragraphs = split_paragraphs(text)
        assert paragraphs, "every sample has paragraphs"
        for paragraph in paragraphs:
            assert text[paragraph.char_start : paragraph.char_end] == paragraph.text


def test_blank_lines_are_skipped_and_indexes_are_consecutive():
    paragraphs = split_paragraphs("标题\n\n\n第一段。\n   \n第二段。")
    assert [p.text for p in paragraphs] == ["标题", "第一段。", "第二段。"]
    assert [p.index for p in paragraphs] == [0, 1, 2]


def test_edge_spaces_including_full_width_are_trimmed_but_offsets_still_point_into_the_text():
    text = "\u3000\u3000一、主要工作  \r\n\t(一)加强领导\u3000"
    paragraphs = split_paragraphs(text)
    assert [p.text for p in paragraphs] == ["一、主要工作", "(一)加强领导"]
    assert paragraphs[0].char_start == 2
    assert text[paragraphs[1].char_start : paragraphs[1].char_end] == "(一)加强领导"


def test_carriage_returns_end_a_paragraph_without_entering_it():
    paragraphs = split_paragraphs("甲\r\n乙\r丙")
    assert [p.text for p in paragraphs] == ["甲", "乙", "丙"]


def test_inner_spaces_are_kept():
    assert split_paragraphs("受理 12 件")[0].text == "受理 12 件"
