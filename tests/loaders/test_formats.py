"""Every format and encoding of a sample yields the same quantities as its plain-text original.

Fixtures are generated here from data/samples (tests/fixture_files.py): web pages with page
chrome, .docx via python-docx, PDFs with a Chinese text layer, and re-encoded text files.
"""

from __future__ import annotations

import codecs
from collections import Counter
from datetime import date

import pytest

from attribution import attribute_document, default_seeds_dir, load_gazetteer
from extraction import extract_document, load_lexicon
from hanzi import to_simplified
from loaders.land import land_files

SIMPLIFIED = ["001", "002", "003", "004"]
TRADITIONAL = "000"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def landed(con, folder) -> dict[str, tuple[str, list[str], dict]]:
    """file name -> (landed text, paragraphs, metadata), after landing the folder."""
    summary = land_files(con, [folder])
    assert summary.files_rejected == 0, summary.rejects
    rows = con.execute(
        """select d.file_name, d.text, d.metadata, list(p.text order by p.paragraph_index)
           from raw.documents d join raw.paragraphs p using (document_id) group by all"""
    ).fetchall()
    return {name: (text, paragraphs, metadata or {}) for name, text, metadata, paragraphs in rows}


def quantities(paragraphs: list[str], lexicon) -> Counter:
    """(surface, value, unit) of every mention, as the pipeline finds them (on the simplified text)."""
    simplified = [to_simplified(p) for p in paragraphs]
    found = extract_document(simplified, lexicon)
    return Counter(
        (paragraph[m.start : m.end], m.value, m.unit)
        for paragraph, mentions in zip(paragraphs, found, strict=True)
        for m in mentions
    )


def sample(sample_texts, prefix: str) -> str:
    return next(text for name, text in sample_texts.items() if name.startswith(prefix))


def make_copies(files, text: str, traditional: bool) -> dict[str, bytes]:
    copies = {
        "original.txt": text.encode("utf-8"),
        "page.html": files.web_page(text, charset="utf-8"),
        "page-gbk.htm": files.web_page(text, charset="gb2312") if not traditional else None,
        "page-big5.html": files.web_page(text, charset="big5") if traditional else None,
        "report.docx": files.word_document(text),
        "report.pdf": files.pdf_document(text),
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),
        "utf16le-no-bom.txt": text.encode("utf-16-le"),
        "gb18030.txt": text.encode("gb18030"),
        "big5.txt": text.encode("big5") if traditional else None,
    }
    return {name: data for name, data in copies.items() if data is not None}


@pytest.mark.parametrize("prefix", [*SIMPLIFIED, TRADITIONAL])
def test_each_format_and_encoding_yields_the_quantities_of_the_plain_text(
    con, tmp_path, files, sample_texts, lexicon, prefix
):
    text = sample(sample_texts, prefix)
    folder = tmp_path / "copies"
    folder.mkdir()
    for name, data in make_copies(files, text, prefix == TRADITIONAL).items():
        (folder / name).write_bytes(data)
    documents = landed(con, folder)
    expected = quantities(documents["original.txt"][1], lexicon)
    assert sum(expected.values()) > 10
    for name, (_, paragraphs, _) in documents.items():
        got = quantities(paragraphs, lexicon)
        if prefix == "004" and name.endswith((".html", ".htm")):
            # this sample is a crawled page saved as text: its 索引号/发布日期 lines are page fields,
            # which a web page's reader lands as metadata, not text
            got += quantities(["索引号: 11622300013931138G/2022-06008 公开方式: 主动公开"], lexicon)
            got += quantities(
                ["信息来源: 武威市司法局 作者:市司法局 发布日期: 2022-03-04 14:26 浏览次数:"], lexicon
            )
        assert got == expected, name


def test_encodings_are_detected_and_recorded(con, tmp_path, files, sample_texts):
    folder = tmp_path / "enc"
    folder.mkdir()
    traditional = sample(sample_texts, TRADITIONAL)
    simplified = sample(sample_texts, "002")
    (folder / "bom.txt").write_bytes(codecs.BOM_UTF8 + simplified.encode())
    (folder / "utf16.txt").write_bytes(simplified.encode("utf-16"))
    (folder / "gbk.txt").write_bytes(simplified.encode("gbk"))
    (folder / "gb2312-page.html").write_bytes(files.web_page(simplified, charset="gb2312"))
    (folder / "big5.txt").write_bytes(traditional.encode("big5"))
    (folder / "big5-page.html").write_bytes(files.web_page(traditional, charset="big5"))
    land_files(con, [folder])
    encodings = dict(con.execute("select file_name, encoding from raw.documents").fetchall())
    assert encodings == {
        "bom.txt": "utf_8",
        "utf16.txt": "utf_16",
        "gbk.txt": "gb18030",
        "gb2312-page.html": "gb18030",
        "big5.txt": "big5",
        "big5-page.html": "big5",
    }
    texts = dict(con.execute("select file_name, text from raw.documents").fetchall())
    assert texts["bom.txt"] == "\ufeff" + simplified and texts["big5.txt"] == traditional


def test_full_width_digits_and_mixed_punctuation_are_kept_in_text_and_read_by_extraction(
    con, tmp_path, lexicon
):
    folder = tmp_path / "width"
    folder.mkdir()
    line = "全年受理行政复议案件１２件，办结率９８．５%;调解成功率达到95.2％。"
    (folder / "w.txt").write_bytes(line.encode("gb18030"))
    land_files(con, [folder])
    assert con.execute("select text from raw.documents").fetchall() == [(line,)]
    found = {(value, unit) for _, value, unit in quantities([line], lexicon)}
    assert {(12.0, "件"), (98.5, "%"), (95.2, "%")} <= found


def test_a_web_page_lands_its_main_text_and_its_fields_as_metadata(con, tmp_path, files, sample_texts):
    text = sample(sample_texts, "001")
    folder = tmp_path / "page"
    folder.mkdir()
    (folder / "page.html").write_bytes(files.web_page(text, issuer="高州市司法局", date="2021-01-05"))
    landed_text, paragraphs, metadata = landed(con, folder)["page.html"]
    for chrome in ("首页", "扫一扫", "网站标识码", "索引号", "ICP备", "相关链接", "浏览次数"):
        assert chrome not in landed_text, chrome
    assert paragraphs[0] == "高州市2020年法治政府建设年度报告"
    assert metadata["发布机构"] == "高州市司法局"
    assert metadata["发布日期"] == "2021-01-05"
    assert metadata["成文日期"] == "2024-01-18"
    assert metadata["索引号"] == "11640221MB1234567X/2024-00012"
    assert metadata["标题"] == "高州市2020年法治政府建设年度报告"
    offsets = con.execute(
        """select count(*) from raw.paragraphs p join raw.documents d using (document_id)
           where substr(d.text, p.char_start + 1, p.char_end - p.char_start) <> p.text"""
    ).fetchall()
    assert offsets == [(0,)]


def test_attribution_uses_the_page_fields(gazetteer_and_page):
    attribution = gazetteer_and_page
    assert attribution.jurisdiction_name == "高州市"
    assert attribution.publish_date == date(2021, 1, 5)
    assert attribution.report_year == 2020


@pytest.fixture()
def gazetteer_and_page(con, tmp_path, files, sample_texts):
    text = sample(sample_texts, "001")
    folder = tmp_path / "page"
    folder.mkdir()
    (folder / "page.html").write_bytes(files.web_page(text, issuer="高州市司法局", date="2021-01-05"))
    landed_text, _, metadata = landed(con, folder)["page.html"]
    return attribute_document(
        to_simplified(landed_text), "page.html", load_gazetteer(default_seeds_dir()), metadata
    )
