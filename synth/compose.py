"""One synthetic report: a title, recombined body paragraphs, a signature — and its gold rows."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from synth.numbers import redraw, written_value
from synth.places import Place
from synth.templates import FixedSlot, NameSlot, QuantitySlot, Template, YearSlot

YEARS = (2016, 2024)  # report years drawn from (inclusive)
LENGTH = (3000, 5000, 7000)  # characters: low, mode, high (the sample reports span 3,187–6,868)
QUANTITY_WEIGHT = 0.7  # body paragraphs are drawn with weight (1 + quantities) ** this: ~1 per 60 chars
TITLES = (
    "{name}{year}年法治政府建设年度报告",
    "{name}{year}年度法治政府建设情况报告",
    "{name}人民政府关于{year}年法治政府建设工作情况的报告",
)
MENTION_COLUMNS = (
    "doc",
    "surface",
    "occurrence",
    "value",
    "unit",
    "qualifier",
    "kind",
    "subject",
    "period",
    "scope",
    "chinese_numeral",
    "note",
    "metric_id",
    "char_start",
)  # fmt: skip  (char_start: an extra column beside the gold format, so a benchmark can join on it)
DOCUMENT_COLUMNS = (
    "doc", "jurisdiction", "level", "parent", "admin_code", "report_year",
    "publish_date", "issuer", "script", "source_url",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class SynthDocument:
    file_name: str
    text: str
    document_row: dict[str, str]
    mention_rows: list[dict[str, str]]


def _format_value(value: float) -> str:
    rounded = round(value, 6)
    return str(int(rounded)) if rounded == int(rounded) else repr(rounded)


def _body(rng: random.Random, templates: Sequence[Template], budget: int) -> list[Template]:
    """Paragraphs drawn without replacement until the budget is spent, in their sources' order."""
    pool = list(templates)
    weights = [(1 + t.n_quantities) ** QUANTITY_WEIGHT for t in pool]
    chosen: list[Template] = []
    used = 0
    while used < budget and pool:
        i = rng.choices(range(len(pool)), weights)[0]
        chosen.append(pool.pop(i))
        weights.pop(i)
        used += chosen[-1].length + 1
    return sorted(chosen, key=lambda t: (t.position, t.source))


def compose_document(
    rng: random.Random,
    file_name: str,
    templates: Sequence[Template],
    places: Sequence[Place],
    traditional: bool,
    script: Callable[[str], str],
) -> SynthDocument:
    """`script` converts simplified text to the report's script (identity, or OpenCC s2t)."""
    place = rng.choice(places)
    year = rng.randint(*YEARS)
    title = rng.choice(TITLES).format(name=place.title_name, year=year)
    issuer = f"{place.name}人民政府"
    # signed in December of the report year, or early the next year
    if rng.random() < 0.4:
        published = date(year, 12, rng.randint(1, 31))
    else:
        published = date(year + 1, rng.randint(1, 3), rng.randint(1, 28))
    signature = [issuer, f"{published.year}年{published.month}月{published.day}日"]
    low, mode, high = LENGTH
    budget = int(rng.triangular(low, high, mode)) - len(title) - sum(len(s) + 1 for s in signature)

    lines = [script(title)]
    spans: list[tuple[int, str, float, QuantitySlot | FixedSlot]] = []  # (start, surface, value, slot)
    offset = len(lines[0]) + 1
    for template in _body(rng, templates, budget):
        delta = year - template.source_year
        parts: list[str] = []
        at = offset
        for segment in template.segments:
            if isinstance(segment, str):
                piece = script(segment)
            elif isinstance(segment, QuantitySlot):
                number = redraw(rng, segment.number, segment.is_rate)
                piece = script(segment.before) + number + script(segment.after)
                spans.append((at, piece, written_value(number) * segment.multiplier, segment))
            elif isinstance(segment, FixedSlot):
                piece = script(segment.surface)
                spans.append((at, piece, segment.mentions[0].value, segment))
            elif isinstance(segment, YearSlot):
                piece = str(segment.year + delta)
            else:
                assert isinstance(segment, NameSlot)
                piece = script(place.short if segment.short else place.name)
            parts.append(piece)
            at += len(piece)
        lines.append("".join(parts))
        offset = at + 1
    lines += [script(line) for line in signature]
    text = "\n".join(lines) + "\n"

    document_row = {
        "doc": file_name, "jurisdiction": place.name, "level": place.level, "parent": place.parent_chain,
        "admin_code": place.jurisdiction_id, "report_year": str(year), "publish_date": published.isoformat(),
        "issuer": issuer, "script": "traditional" if traditional else "simplified", "source_url": "",
    }  # fmt: skip
    return SynthDocument(file_name, text, document_row, _mention_rows(file_name, text, spans))


def _occurrence_index(text: str, surface: str) -> dict[int, int]:
    """start → 1-based occurrence, counting overlapping hits as the gold format does."""
    found: dict[int, int] = {}
    pos = text.find(surface)
    while pos >= 0:
        found[pos] = len(found) + 1
        pos = text.find(surface, pos + 1)
    return found


def _mention_rows(
    file_name: str, text: str, spans: list[tuple[int, str, float, QuantitySlot | FixedSlot]]
) -> list[dict[str, str]]:
    occurrences: dict[str, dict[int, int]] = {}
    rows = []
    for start, surface, value, slot in spans:
        if surface not in occurrences:
            occurrences[surface] = _occurrence_index(text, surface)
        for m in slot.mentions:
            if isinstance(slot, FixedSlot):
                value = m.value  # kept as written (a range's bounds differ)
            rows.append({
                "doc": file_name, "surface": surface, "occurrence": str(occurrences[surface][start]),
                "value": _format_value(value), "unit": m.unit, "qualifier": m.qualifier, "kind": m.kind,
                "subject": m.subject, "period": m.period, "scope": m.scope,
                "chinese_numeral": "true" if m.chinese_numeral else "false", "note": "", "metric_id": "",
                "char_start": str(start),
            })  # fmt: skip
    return rows
