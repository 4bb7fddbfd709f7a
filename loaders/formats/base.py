"""What every format reader returns: the text to land, its media type, encoding and page metadata."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ExtractedText:
    text: str  # the landed text: every paragraph offset points into it
    media_type: str
    encoding: str | None  # the character encoding the text was decoded from, if the format has one
    metadata: dict[str, str] = field(default_factory=dict)  # page fields: 标题, 发布机构, 发布日期 ...
