"""Bytes to text: detect the encoding and decode, or say why not."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Encodings a Chinese government report arrives in; detection is limited to these so a
# short GBK page is not guessed as some Cyrillic code page.
CHINESE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16", "utf_32"]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf_32"),
    (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8"),
    (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
]


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_text(data: bytes) -> Decoded:
    """Decode report bytes; a UTF-8 BOM is kept as U+FEFF so offsets match the file's text."""
    if not data:
        raise DecodeError("the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, encoding), encoding)
    if b"\x00" in data[:4096]:
        raise DecodeError("binary content (NUL bytes) with no text encoding mark")
    try:
        return Decoded(data.decode("utf_8"), "utf_8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise DecodeError("not text in UTF-8, GB18030 or Big5")
    encoding = "gb18030" if best.encoding in {"gb2312", "gbk"} else best.encoding
    return Decoded(_strict(data, encoding), encoding)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(f"invalid {encoding} at byte {error.start}") from error
