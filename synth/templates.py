"""The sample corpus cut into paragraph templates: literal text and slots to re-draw.

A slot is a labelled quantity (its number is re-drawn), a year (shifted with the report's
year) or the reporting jurisdiction's name (replaced). Quantities are the ones the project's
own extractor finds in the sample paragraph, so the expectation of a synthetic report is what
a correct extractor must find in it: only the numbers change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from attribution import attribute_document, load_gazetteer
from extraction import Mention, extract_document, extract_mentions, load_lexicon
from hanzi import to_simplified
from loaders.paragraphs import split_paragraphs
from synth.numbers import written_value

# One run of Arabic digits as the grammar reads it (ASCII or full-width, thousands, decimals).
NUMBER = re.compile(r"[0-9０-９]+(?:,[0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?")
YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
CJK = re.compile(r"[\u4e00-\u9fff]")
# Lines that are the report's own frame (title, signature, date, page furniture), not its body.
DATE_LINE = re.compile(r"^[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日$")
SIGNATURE_ENDINGS = ("政府", "办事处", "委员会", "办公室", "管委会", "司法厅", "司法局", ":", "：")
EXACT_MULTIPLIERS = (1.0, 10.0, 100.0, 1e3, 1e4, 1e8, 1e12)
MIN_BODY_CHARS = 12
MIN_CJK_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class QuantitySlot:
    """A labelled quantity whose number is re-drawn: surface = before + number + after."""

    before: str
    number: str
    after: str
    multiplier: float
    mentions: tuple[Mention, ...]  # one per subject (均 lists), offsets into the source paragraph

    @property
    def is_rate(self) -> bool:
        return self.mentions[0].unit in ("%", "个百分点")


@dataclass(frozen=True, slots=True)
class FixedSlot:
    """A labelled quantity kept as written (Chinese numerals, ranges, odd formats)."""

    surface: str
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class YearSlot:
    year: int


@dataclass(frozen=True, slots=True)
class NameSlot:
    short: bool  # the source wrote its short name (巴州) rather than the full one


Segment = str | QuantitySlot | FixedSlot | YearSlot | NameSlot


@dataclass(frozen=True, slots=True)
class Template:
    """One body paragraph of a sample report."""

    source: str  # sample file name
    position: float  # relative place in its report (0 = top), to keep sections in order
    segments: tuple[Segment, ...]
    length: int  # characters of the source paragraph
    n_quantities: int
    source_year: int


def _is_body(paragraph: str, title: str | None) -> bool:
    if len(paragraph) < MIN_BODY_CHARS or paragraph == title or DATE_LINE.match(paragraph):
        return False
    if len(CJK.findall(paragraph)) < MIN_CJK_SHARE * len(paragraph):
        return False  # page furniture: 索引号, menus, codes
    return not (len(paragraph) < 40 and paragraph.endswith(SIGNATURE_ENDINGS))


def _quantity_slot(paragraph: str, mentions: tuple[Mention, ...]) -> QuantitySlot | FixedSlot:
    first = mentions[0]
    surface = paragraph[first.start : first.end]
    numbers = list(NUMBER.finditer(surface))
    fixed = FixedSlot(surface, mentions)
    if first.chinese_numeral or len(numbers) != 1 or first.unit == "年":
        return fixed  # Chinese numerals, ranges and durations in years keep their words
    number = numbers[0]
    if number.end() == len(surface):
        return fixed  # the lower bound of a range (10-20人) has no measure word of its own
    written = written_value(number.group())
    if written == 0:
        return fixed
    multiplier = first.value / written
    if not any(abs(multiplier - m) <= 1e-9 * m for m in EXACT_MULTIPLIERS):
        return fixed  # 百分之 spelled out, or a value the grammar derived otherwise
    before, after = surface[: number.start()], surface[number.end() :]
    return QuantitySlot(before, number.group(), after, multiplier, mentions)


def _segments(paragraph: str, mentions: list[Mention], names: tuple[str, ...], year_to: int) -> list[Segment]:
    """Cut a paragraph into literal text and slots (quantities first; years and names between)."""
    by_span: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        by_span.setdefault((m.start, m.end), []).append(m)
    segments: list[Segment] = []
    cursor = 0
    name_pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    short_names = set(names[1:])

    def literal(text: str) -> None:
        # years up to the report's next year move with it (plans ending in 2035 stay put)
        pieces: list[tuple[int, int, Segment]] = [
            (y.start(), y.end(), YearSlot(int(y.group())))
            for y in YEAR.finditer(text)
            if 2000 <= int(y.group()) <= year_to + 1
        ]
        pieces += [
            (n.start(), n.end(), NameSlot(n.group() in short_names)) for n in name_pattern.finditer(text)
        ]
        at = 0
        for start, end, slot in sorted(pieces, key=lambda p: p[0]):
            if start < at:
                continue  # a year inside a name, or the reverse: the first wins
            segments.append(text[at:start])
            segments.append(slot)
            at = end
        segments.append(text[at:])

    for (start, end), group in sorted(by_span.items()):
        if start < cursor:
            continue  # overlapping spans: keep the first
        literal(paragraph[cursor:start])
        segments.append(_quantity_slot(paragraph, tuple(group)))
        cursor = end
    literal(paragraph[cursor:])
    return [s for s in segments if s != ""]


def _source_names(gazetteer, jurisdiction_id: str | None, name: str | None) -> tuple[str, ...]:
    """The full name first, then the short names the gazetteer knows (巴音郭楞蒙古自治州, 巴州 …)."""
    item = gazetteer.get(jurisdiction_id) if jurisdiction_id else None
    full = item.name if item else name
    shorts = tuple(getattr(item, "short_names", ()) or ()) if item else ()
    return tuple(n for n in (full, *shorts) if n and len(n) >= 2)


def templates_of(file_name: str, text: str, seeds_dir: Path | None = None) -> list[Template]:
    """The body paragraphs of one sample report, as templates."""
    lexicon = load_lexicon(seeds_dir)
    gazetteer = load_gazetteer(seeds_dir)
    paragraphs = [to_simplified(p.text) for p in split_paragraphs(text)]
    found = extract_document(paragraphs, lexicon)
    attribution = attribute_document("\n".join(paragraphs), file_name, gazetteer)
    names = _source_names(gazetteer, attribution.jurisdiction_id, attribution.jurisdiction_name)
    year = attribution.report_year or 2021
    templates = []
    for index, (paragraph, mentions) in enumerate(zip(paragraphs, found, strict=True)):
        if not _is_body(paragraph, attribution.title):
            continue
        if mentions != extract_mentions(paragraph, lexicon):
            continue  # read with a table's unit from above: not movable on its own
        segments = _segments(paragraph, mentions, names, year) if names else [paragraph]
        n_quantities = sum(isinstance(s, QuantitySlot | FixedSlot) for s in segments)
        position = index / max(1, len(paragraphs) - 1)
        templates.append(Template(file_name, position, tuple(segments), len(paragraph), n_quantities, year))
    return templates


@lru_cache(maxsize=4)
def load_templates(samples_dir: Path, seeds_dir: Path | None = None) -> tuple[Template, ...]:
    """Every body paragraph of every sample report (`.txt`) in `samples_dir`."""
    templates: list[Template] = []
    for path in sorted(Path(samples_dir).glob("*.txt")):
        templates += templates_of(path.name, path.read_text(encoding="utf-8"), seeds_dir)
    return tuple(templates)
