"""Rule: a table cell that is only a number is a count in the unit of the text around the
table; years standing alone are headings, not cells."""

from __future__ import annotations

from extraction import extract_document


def test_bare_cells_take_the_unit_counted_before_the_table(lexicon) -> None:
    paragraphs = ["全省共收到行政复议申请520件,受理431件。", "表1:各部门收案情况", "收案数", "132", "2020"]
    found = extract_document(paragraphs, lexicon)
    assert [len(f) for f in found] == [2, 0, 0, 1, 0]
    cell = found[3][0]
    assert (cell.value, cell.unit, cell.kind) == (132, "件", "count")


def test_cells_before_any_count_have_no_unit(lexicon) -> None:
    (cell,) = extract_document(["87"], lexicon)[0]
    assert cell.unit == ""


def test_a_table_row_gives_its_cells_to_the_row_label(lexicon) -> None:
    from extraction import extract_mentions

    text = "3 省交通厅 25 20 80%"
    cells = extract_mentions(text, lexicon, table_unit="件")
    assert [(text[m.start : m.end], m.unit, m.kind, m.subject) for m in cells] == [
        ("25", "件", "count", "省交通厅"),
        ("20", "件", "count", "省交通厅"),
        ("80%", "%", "rate", "省交通厅"),
    ]


def test_page_furniture_rows_are_not_tables(lexicon) -> None:
    from extraction import extract_mentions

    for text in [
        "第 3 页",
        "浏览次数 123",
        "电话 5722721",
        "上一页 1 2 3 下一页",
        "湖里区人民政府 2019",
        "分享到 3",
    ]:
        assert extract_mentions(text, lexicon) == [], text
