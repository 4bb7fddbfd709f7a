"""Web pages (.html/.htm): the report's main text without the page chrome, plus the page's fields.

trafilatura finds the main text (it is maintained, benchmarked on news and government pages,
and drops navigation, share boxes and CMS footers); lxml reads the page's own fields —
the <meta name="ArticleTitle|PubDate|ContentSource"> tags Chinese government CMSs write and
the 索引号 / 发布机构 / 发布日期 / 成文日期 labels of the 信息公开 box — which trafilatura does
not know. The fields land as document metadata and feed attribution.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from loaders.decode import decode_declared
from loaders.formats.base import ExtractedText
from loaders.limits import LoadLimits
from loaders.rejection import Rejected

MIN_MAIN_TEXT_CHARS = 100  # fewer characters of prose (not links) is a list or link page, not a report
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# CMS <meta> names (the national government-website standard) and the field each fills.
_META_FIELDS = {"articletitle": "标题", "pubdate": "发布日期", "contentsource": "来源"}
# Labels of the 信息公开 box; 发布时间 is another name for 发布日期.
_LABELS = ("索引号", "发布机构", "发文机关", "发布日期", "发布时间", "成文日期", "文号", "发文字号", "来源")
_LABEL_ALIASES = {"发布时间": "发布日期", "发文机关": "发布机构"}
_FIELD = re.compile(
    rf"({'|'.join(_LABELS)})(?:\s*[:：]\s*|\s+|(?=\d))(?!{'|'.join(_LABELS)})([^\s:：]{{1,80}})"
)
# Words of the page's field box and info line (索引号 … 发布日期, 来源 … 浏览次数): a short block
# holding two of them, one at least a field only pages have, is page chrome whose content lands as
# metadata, so it leaves the main text. 来源 or 文号 alone occur in report prose, so they only add.
_BOX_WORDS = (
    "索引号",
    "发布机构",
    "发布日期",
    "发布时间",
    "成文日期",
    "主题分类",
    "公开方式",
    "浏览次数",
    "访问量",
)
_BOX_EXTRA_WORDS = ("来源", "文号", "发文字号", "发文机关", "点击数", "字体", "打印")
MAX_BOX_CHARS = 400
_ATTACHMENT = re.compile(r"\.(pdf|docx?|wps|xlsx?|ofd|zip|rar)$", re.IGNORECASE)


def read_web_page(data: bytes, limits: LoadLimits) -> ExtractedText:
    del limits  # bounded by the file-size limit; lxml and trafilatura work on the one page
    declared = _CHARSET.search(data[:4096])
    decoded = decode_declared(data, declared.group(1).decode("ascii") if declared else None)
    page = _XML_DECLARATION.sub("", decoded.text, count=1)  # lxml refuses str with an encoding declaration
    tree = _parse(page)
    metadata = page_fields(tree) if tree is not None else {}
    if tree is not None:
        _drop_field_boxes(tree)
    extracted = trafilatura.bare_extraction(
        tree if tree is not None else page,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        favor_recall=True,  # a report is long prose: better a footer line too many than a lost paragraph
        deduplicate=False,
    )
    text = (extracted.text if extracted is not None else None) or ""
    if "标题" not in metadata and extracted is not None and extracted.title:
        metadata["标题"] = extracted.title.strip()
    if _prose_chars(text, tree) < MIN_MAIN_TEXT_CHARS:
        attachments = metadata.get("附件")
        hint = f"; its attachments ({attachments}) hold the report: load those" if attachments else ""
        raise Rejected(f"the web page has no report text, only navigation and links{hint}", "no_main_text")
    return ExtractedText(_with_title(text, metadata.get("标题")), "text/html", decoded.encoding, metadata)


def _prose_chars(text: str, tree: etree._Element | None) -> int:
    """Non-space characters of the main text outside lines that are only a link's text."""
    links = set()
    if tree is not None:
        links = {"".join(a.text_content().split()) for a in tree.iter("a")}
    lines = ("".join(line.split()) for line in text.splitlines())
    return sum(len(line) for line in lines if line not in links)


def _parse(page: str) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def _drop_field_boxes(tree: etree._Element) -> None:
    """Remove the field box and info line (outermost short blocks naming two page fields)."""
    boxes = []
    for element in tree.iter("table", "div", "p", "span", "ul", "dl", "section", "li", "tr"):
        text = element.text_content()
        if len(text) > MAX_BOX_CHARS:
            continue
        strong = sum(word in text for word in _BOX_WORDS)
        if strong >= 2 or (strong == 1 and any(word in text for word in _BOX_EXTRA_WORDS)):
            boxes.append(element)
    dropped: set[etree._Element] = set()
    for box in boxes:  # document order: an outer box comes before the blocks inside it
        if not any(ancestor in dropped for ancestor in box.iterancestors()):
            dropped.add(box)
    for box in dropped:
        box.drop_tree()


def page_fields(tree: etree._Element) -> dict[str, str]:
    """The page's own fields: CMS <meta> tags first, then the labelled fields of the page text."""
    fields: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = _META_FIELDS.get((meta.get("name") or "").strip().lower())
        value = (meta.get("content") or "").strip()
        if key and value and key not in fields:
            fields[key] = value[:200]
    for script in tree.xpath("//script|//style|//noscript"):
        script.drop_tree()
    # each text node stands apart, so a label in one table cell and its value in the next read as "索引号 123"
    page_text = " ".join(part.strip() for part in tree.itertext() if part.strip())
    for match in _FIELD.finditer(page_text):
        key = _LABEL_ALIASES.get(match.group(1), match.group(1))
        fields.setdefault(key, match.group(2))
    attachments = [
        (link.text_content().strip() or href.rsplit("/", 1)[-1])
        for link in tree.iter("a")
        if _ATTACHMENT.search(href := (link.get("href") or "").strip())
    ]
    if attachments:
        fields["附件"] = "; ".join(dict.fromkeys(attachments))[:500]
    return fields


def _with_title(text: str, title: str | None) -> str:
    """Pages show the title as a heading that main-text extraction leaves out; it is the report's
    first line, so it is put back when the text does not already open with it."""
    if not title:
        return text
    head = ["".join(line.split()) for line in text.splitlines()[:3]]
    if "".join(title.split()) in head:
        return text
    return f"{title}\n{text}"
