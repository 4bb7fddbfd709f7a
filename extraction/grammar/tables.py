"""Table cells that reach the extractor without their measure word.

Statistical tables come out of web pages either one cell per line (收案数 / 132 / 118) or
one row per line (省人社厅 132 118). Their numbers are counts in the unit of the text
around the table (`table_unit`), or percentages when written with %.
"""

from __future__ import annotations

import re

from extraction.lexicon import Lexicon
from extraction.model import Mention
from extraction.numerals import ARABIC_DIGITS, parse_arabic

YEAR_LIKE = range(1900, 2101)  # a bare 4-digit cell in this range is a year heading
_CELL = rf"[{ARABIC_DIGITS}]+(?:[.．][{ARABIC_DIGITS}]+)?[%％]?"
_GAP = r"[ \t\u3000\xa0]+"
_BARE = re.compile(_CELL)
# [serial] label cell cell ...: the label names the row (a department, a city, a category).
_ROW = re.compile(
    rf"(?:[{ARABIC_DIGITS}]{{1,3}}{_GAP})?(?P<label>[^{ARABIC_DIGITS}\s,，。;；:：%％()()]{{2,20}})"
    rf"(?P<cells>(?:{_GAP}{_CELL})+)"
)
_NOT_A_LABEL_END = ("第", "共", "页", "頁")  # pagination: 第 3 页, 共 12


def _cell(text: str, start: int, end: int, table_unit: str, subject: str) -> Mention:
    raw = text[start:end]
    if raw[-1] in "%％":
        return Mention(start, end, parse_arabic(raw[:-1]), "%", "exact", "rate", subject)
    return Mention(start, end, parse_arabic(raw), table_unit, "exact", "count", subject)


def table_cells(text: str, lexicon: Lexicon, table_unit: str) -> list[Mention] | None:
    """The cells of a paragraph that is a bare cell or a table row; None when it is neither."""
    stripped = text.strip()
    offset = text.index(stripped) if stripped else 0
    if _BARE.fullmatch(stripped):
        value = parse_arabic(stripped.rstrip("%％"))
        if stripped[-1] not in "%％" and (
            value in YEAR_LIKE or stripped in lexicon.exclusions.get("hotline", ())
        ):
            return []
        return [_cell(text, offset, offset + len(stripped), table_unit, "")]
    row = _ROW.fullmatch(stripped)
    if row is None:
        return None
    label = row.group("label")
    furniture = lexicon.exclusions.get("code_label", ()) + lexicon.exclusions.get("counter_label", ())
    if label.endswith(_NOT_A_LABEL_END + furniture) or lexicon.patterns.blocked.search(stripped):
        return None
    cells = list(_BARE.finditer(row.group("cells")))
    if len(cells) == 1 and parse_arabic(cells[0].group().rstrip("%％")) in YEAR_LIKE:
        return None  # 湖里区人民政府 2019: a caption with its year
    base = offset + row.start("cells")
    return [_cell(text, base + m.start(), base + m.end(), table_unit, label) for m in cells]
