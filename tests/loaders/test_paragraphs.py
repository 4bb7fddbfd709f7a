from hypothesis import given
from hypothesis import strategies as st

from loaders.paragraphs import paragraph_columns, split_paragraphs
from loaders.prepare import utf8_offsets


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


def reference_split(text: str) -> list[tuple[int, int, int, str]]:
    """The splitting rule spelled out: each line between \\r or \\n, trimmed of edge spaces."""
    edge = " \t\u3000\ufeff\xa0"
    found, start = [], 0
    for end in [*(i for i, c in enumerate(text) if c in "\r\n"), len(text)]:
        left, right = start, end
        while left < right and text[left] in edge:
            left += 1
        while right > left and text[right - 1] in edge:
            right -= 1
        if left < right:
            found.append((len(found), left, right, text[left:right]))
        start = end + 1
    return found


@given(st.text(alphabet=st.sampled_from("甲乙 \t\u3000\ufeff\xa0\r\n。1\U00020000"), max_size=60) | st.text())
def test_the_splitter_follows_the_rule_on_any_text(text):
    assert [(p.index, p.char_start, p.char_end, p.text) for p in split_paragraphs(text)] == reference_split(
        text
    )
    columns = paragraph_columns(text)
    assert list(zip(*columns, strict=True)) == [row[1:] for row in reference_split(text)]


@given(st.text(alphabet=st.sampled_from("a甲 \n\r\u3000é\U00020000"), max_size=80))
def test_paragraph_offsets_in_utf8_cut_the_same_text(text):
    starts, ends, texts = paragraph_columns(text)
    byte_starts, byte_ends = utf8_offsets(text, starts, ends)
    encoded = text.encode("utf-8")
    assert [encoded[b:e].decode("utf-8") for b, e in zip(byte_starts, byte_ends, strict=True)] == texts
