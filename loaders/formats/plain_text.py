"""Plain text (.txt): the decoded bytes are the document text, unchanged."""

from __future__ import annotations

from loaders.decode import decode_text
from loaders.formats.base import ExtractedText
from loaders.limits import LoadLimits


def read_plain_text(data: bytes, limits: LoadLimits) -> ExtractedText:
    del limits  # the file-size limit, checked before reading, is the only one that applies
    decoded = decode_text(data)
    return ExtractedText(decoded.text, "text/plain", decoded.encoding)
