"""Bytes to text: detect the encoding and decode, or say why not."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from loaders.rejection import Rejected

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


class DecodeError(Rejected):
    """The bytes are not text in any encoding we accept."""

    code = "not_text"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_text(data: bytes) -> Decoded:
    """Decode report bytes; a UTF-8 BOM is kept as U+FEFF so offsets match the file's text."""
    if not data:
        raise DecodeError("the file is empty", "empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, encoding), encoding)
    if b"\x00" in data[:4096]:
        without_bom = _utf16_without_bom(data)
        if without_bom is not None:
            return without_bom
        raise DecodeError("binary content (NUL bytes) with no text encoding mark", "binary")
    try:
        return Decoded(data.decode("utf_8"), "utf_8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=CHINESE_ENCODINGS).best()
    if best is None:
        raise DecodeError("not text in UTF-8, GB18030 or Big5")
    encoding = "gb18030" if best.encoding in {"gb2312", "gbk"} else best.encoding
    return Decoded(_strict(data, encoding), encoding)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM: the NUL high bytes of ASCII characters (line ends, digits)
    fall on one side only. Accepted only if it decodes strictly to printable text."""
    head = data[:4096]
    if len(data) % 2:
        return None
    odd = sum(1 for i in range(1, len(head), 2) if head[i] == 0)
    even = sum(1 for i in range(0, len(head), 2) if head[i] == 0)
    encoding = "utf_16_le" if odd > 4 * even else "utf_16_be" if even > 4 * odd else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for c in text[:2000] if c.isprintable() or c in "\r\n\t")
    return Decoded(text, encoding) if printable >= 0.95 * min(len(text), 2000) else None


def decode_declared(data: bytes, declared: str | None) -> Decoded:
    """Decode a page that names its charset (<meta charset>): a BOM or valid UTF-8 first, then the
    declared charset if the bytes really are in it, else detection. Pages often declare gb2312 and
    use GBK characters, so the GB family decodes as gb18030, its superset."""
    encoding = _canonical(declared) if declared else None
    if data and encoding and not any(data.startswith(bom) for bom, _ in _BOMS):
        try:
            data.decode("utf_8")
        except UnicodeDecodeError:
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                pass
    return decode_text(data)


def _canonical(declared: str) -> str | None:
    try:
        name = codecs.lookup(declared.strip()).name
    except LookupError:
        return None
    if name in {"gb2312", "gbk", "gb18030"}:
        return "gb18030"
    if name in {"big5", "cp950", "big5hkscs"}:
        return name
    return None  # a Western code page would decode anything into nonsense: detect instead


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DecodeError(f"invalid {encoding} at byte {error.start}") from error
