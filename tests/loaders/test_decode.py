import codecs

import pytest

from loaders.decode import DecodeError, decode_text


def test_utf8_is_decoded_as_is(sample_texts):
    text = next(iter(sample_texts.values()))
    decoded = decode_text(text.encode("utf-8"))
    assert decoded.text == text
    assert decoded.encoding == "utf_8"


@pytest.mark.parametrize("name_prefix", ["001", "002", "004"])
def test_gb18030_copy_of_a_sample_decodes_to_the_same_text(sample_texts, name_prefix):
    text = next(t for name, t in sample_texts.items() if name.startswith(name_prefix))
    decoded = decode_text(text.encode("gb18030"))
    assert decoded.text == text
    assert decoded.encoding == "gb18030"


def test_utf8_bom_is_kept_as_a_character_so_offsets_match_the_file():
    decoded = decode_text(codecs.BOM_UTF8 + "报告".encode())
    assert decoded.text == "\ufeff报告"
    assert decoded.encoding == "utf_8"


def test_utf16_with_bom_is_decoded():
    decoded = decode_text("法治政府建设年度报告".encode("utf-16"))
    assert decoded.text.lstrip("\ufeff") == "法治政府建设年度报告"


def test_empty_bytes_are_refused_with_a_reason():
    with pytest.raises(DecodeError, match="empty"):
        decode_text(b"")


def test_binary_bytes_are_refused_with_a_reason():
    with pytest.raises(DecodeError, match="binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
