"""attribute_document: who reports, on which year, when, in whose name.

Sources of the reporting jurisdiction, strongest first (the first that yields one wins):
1. the title (广州市花都区人民政府2022年法治政府建设年度报告; page metadata 标题 if given);
2. the signature block and the letterhead (巴音郭楞蒙古自治州人民政府 / 2021年12月17日);
3. the reporting sentence and the opening (现将巴州工作…报告如下; 2020年,高州市政府坚持…);
4. the page's issuer fields (发布机构, 来源, metadata 发布机构): they name the publisher, often a
   department publishing its government's report, so they give a place, never a department; when
   the text mostly talks about a place below it (甘肃 publisher, 酒泉 news), that place wins;
5. the jurisdiction the text names most.
Ambiguous names (鼓楼区) are resolved with the names around them, then with the addressee line
and the rest of the text (see place_resolution).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from attribution.gazetteer import Gazetteer
from attribution.model import Attribution
from attribution.org_names import DEPARTMENT, GOVERNMENT, DocumentNames, OrgReading, read_organisation
from attribution.place_resolution import (
    MentionCounts,
    candidates_for,
    count_mentions,
    dominant_jurisdiction,
    resolve_chain,
)
from attribution.report_year import report_year
from attribution.reporter import Reporter, from_jurisdiction, resolve_reading
from attribution.text_layout import (
    SignatureBlock,
    addressee,
    field_date,
    field_values,
    find_title,
    first_date,
    letterhead,
    non_empty_lines,
    normalise,
    opening_subjects,
    report_statement,
    signature_block,
)

TOWNSHIP_SCAN_CHARS = 1500  # townships are looked for near the top only: that is where a reporter is named


@dataclass(frozen=True)
class _Document:
    """One normalised report with what every rule needs: its lines and its name mentions."""

    text: str
    lines: list[str]
    gazetteer: Gazetteer
    counts: MentionCounts
    names: DocumentNames

    def read(self, value: str) -> OrgReading | None:
        return read_organisation(value, self.gazetteer, self.names)

    def read_from_first_place(self, value: str) -> OrgReading | None:
        """Read from the start, else from the first place name (法治湖南网 -> 湖南…)."""
        reading = self.read(value)
        if reading:
            return reading
        hits = self.gazetteer.matcher.scan(value)
        return self.read(value[hits[0].start :]) if hits else None

    def resolve(self, readings: Iterable[OrgReading | None], hints: tuple[str, ...]) -> Reporter | None:
        for reading in readings:
            resolved = resolve_reading(reading, self.counts, self.gazetteer, hints) if reading else None
            if resolved:
                return resolved
        return None


def attribute_document(
    text: str, file_name: str, gazetteer: Gazetteer, metadata: dict[str, str] | None = None
) -> Attribution:
    """Attribute one report (``text`` already converted to simplified Chinese).

    ``file_name`` is accepted for the pipeline's signature and deliberately not used: names of
    stored files are hashes, and a rule keyed on them would not carry to other reports.
    """
    del file_name
    metadata = {key: normalise(value) for key, value in (metadata or {}).items() if value}
    document = _prepare(normalise(text), gazetteer)
    vocabulary = gazetteer.vocabulary

    title = metadata.get("标题") or find_title(document.lines, vocabulary)
    title_reading = document.read_from_first_place(title) if title else None
    signature = signature_block(document.lines)
    signed = [r for r in map(_whole_line_reading(document), _signed_lines(document, signature)) if r]
    openings = [r for r in map(document.read, _opening_phrases(document)) if r]
    issuer_values = [metadata["发布机构"]] if "发布机构" in metadata else []
    issuer_values += field_values(document.text, vocabulary.words("issuer_field"))
    hints = _addressee_hints(document)

    reporter = (
        document.resolve([title_reading], hints)
        or document.resolve(signed, hints)
        or document.resolve(openings, hints)
        or _from_issuer_fields(document, issuer_values)
        or _dominant(document)
    )
    published = _publish_date(document, metadata, signature)
    return Attribution(
        title=title,
        jurisdiction_id=reporter.jurisdiction_id if reporter else None,
        jurisdiction_name=reporter.name if reporter else None,
        jurisdiction_level=reporter.level if reporter else None,
        parent=reporter.parent if reporter else None,
        parent_id=reporter.parent_id if reporter else None,
        admin_code=reporter.admin_code if reporter else None,
        report_year=report_year(document.text, title, published, vocabulary.words("plan_word")),
        publish_date=published,
        issuer=_issuer(document, signed, title_reading, issuer_values, openings),
    )


def _prepare(text: str, gazetteer: Gazetteer) -> _Document:
    return _Document(
        text=text,
        lines=non_empty_lines(text),
        gazetteer=gazetteer,
        counts=count_mentions(gazetteer.matcher.scan(text), gazetteer),
        names=DocumentNames(text, _township_short_forms(text, gazetteer)),
    )


def _township_short_forms(text: str, gazetteer: Gazetteer) -> dict[str, str]:
    """寮步 -> 寮步镇 for townships whose full name occurs near the top: reports shorten their own name."""
    suffixes = gazetteer.vocabulary.level_suffixes.get("township", ())
    shorts = {}
    for hit in gazetteer.township_matcher.scan(text[:TOWNSHIP_SCAN_CHARS]):
        for suffix in suffixes:
            if hit.surface.endswith(suffix) and len(hit.surface) - len(suffix) >= 2:
                shorts[hit.surface[: -len(suffix)]] = hit.surface
                break
    return shorts


def _signed_lines(document: _Document, signature: SignatureBlock | None) -> Iterator[str]:
    yield from (signature.organisations if signature else ())
    head = letterhead(document.lines, document.gazetteer.vocabulary)
    if head:
        yield head


def _whole_line_reading(document: _Document):
    """A letterhead or signature line is an organisation and nothing else."""

    def read_line(line: str) -> OrgReading | None:
        reading = document.read(line)
        if reading and reading.has_body_word and reading.written == line.strip():
            return reading
        return None

    return read_line


def _opening_phrases(document: _Document) -> list[str]:
    statement = report_statement(document.text)
    return ([statement] if statement else []) + opening_subjects(document.text, document.gazetteer.vocabulary)


def _addressee_hints(document: _Document) -> tuple[str, ...]:
    """The addressee (城中区委全面依法治区委员会:) names the level above the reporter.

    Every candidate of an ambiguous addressee is kept (城中区: 西宁, 柳州); the reporter's own
    candidates are intersected with them later.
    """
    line = addressee(document.lines)
    reading = document.read(line) if line else None
    if not reading or not reading.chain:
        return ()
    gazetteer = document.gazetteer
    above = resolve_chain(reading.chain[:-1], document.counts, gazetteer) if len(reading.chain) > 1 else None
    candidates = candidates_for(reading.chain[-1], gazetteer)
    return tuple(c for c in candidates if above is None or gazetteer.is_ancestor(above, c)) or candidates


def _from_issuer_fields(document: _Document, values: list[str]) -> Reporter | None:
    gazetteer = document.gazetteer
    for value in values:
        reading = document.read_from_first_place(value)
        if not reading or not reading.chain:
            continue
        place = gazetteer.get(resolve_chain(reading.chain, document.counts, gazetteer))
        if place is None:
            continue
        dominant = dominant_jurisdiction(document.counts, gazetteer)
        if dominant and gazetteer.is_ancestor(place.jurisdiction_id, dominant):
            return from_jurisdiction(gazetteer.jurisdictions[dominant])
        return from_jurisdiction(place)
    return None


def _dominant(document: _Document) -> Reporter | None:
    found = dominant_jurisdiction(document.counts, document.gazetteer)
    return from_jurisdiction(document.gazetteer.jurisdictions[found]) if found else None


def _publish_date(
    document: _Document, metadata: dict[str, str], signature: SignatureBlock | None
) -> date | None:
    """The page's publication date if shown, else the signature date, else the 成文日期."""
    fields = document.gazetteer.vocabulary.words("publish_date_field")
    return (
        first_date(metadata.get("发布日期", ""))
        or field_date(document.text, fields)
        or (signature.signed_on if signature else None)
        or first_date(metadata.get("成文日期", ""))
    )


def _issuer(
    document: _Document,
    signed: list[OrgReading],
    title_reading: OrgReading | None,
    issuer_values: list[str],
    openings: list[OrgReading],
) -> str | None:
    """The issuing body as written: the signature's (joined by ";"), the title's, the page's
    publisher field, or the body that opens the report."""
    if signed:
        return ";".join(dict.fromkeys(r.written for r in signed))
    if title_reading and title_reading.has_body_word:
        return title_reading.written
    for value in issuer_values:
        reading = document.read(value)
        if reading and reading.has_body_word and reading.kind in (GOVERNMENT, DEPARTMENT):
            return reading.written
    aliases = {d.suffix for d in document.gazetteer.vocabulary.department_suffixes if d.province_name}
    for reading in openings:
        if reading.has_body_word and reading.department_suffix not in aliases:
            return reading.written
    return None
