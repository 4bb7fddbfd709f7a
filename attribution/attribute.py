"""attribute_document: who reports, on which year, when, in whose name.

Sources of the reporting jurisdiction, strongest first (the first that yields one wins):
1. the title (广州市花都区人民政府2022年法治政府建设年度报告; page metadata 标题 if given);
2. the letterhead and the signature block (巴音郭楞蒙古自治州人民政府 / 2021年12月17日);
3. the reporting sentence and the opening (现将巴州工作…报告如下; 2020年,高州市政府坚持…);
4. the page's issuer fields (发布机构, 来源, metadata 发布机构): they name the publisher, often a
   department publishing its government's report, so they give a place, never a department; when
   the text mostly talks about a place below it (甘肃 publisher, 酒泉 news), that place wins;
5. the jurisdiction the text names most.
Ambiguous names (鼓楼区) are resolved with the names around them, then with the addressee line
and the rest of the text (see place_resolution).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from attribution.gazetteer import Gazetteer, Vocabulary
from attribution.model import Attribution
from attribution.org_names import DEPARTMENT, GOVERNMENT, OrgReading, read_organisation
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

TOWNSHIP_SCAN_CHARS = 3000  # townships are looked for near the top only: that is where a reporter is named


def attribute_document(
    text: str, file_name: str, gazetteer: Gazetteer, metadata: dict[str, str] | None = None
) -> Attribution:
    """Attribute one report (``text`` already converted to simplified Chinese).

    ``file_name`` is accepted for the pipeline's signature and deliberately not used: names of
    stored files are hashes, and a rule keyed on them would not carry to other reports.
    """
    del file_name
    metadata = {k: normalise(v) for k, v in (metadata or {}).items() if v}
    text = normalise(text)
    vocabulary = gazetteer.vocabulary
    lines = non_empty_lines(text)
    counts = count_mentions(gazetteer.matcher.scan(text), gazetteer)
    township_shorts = _township_short_forms(text, gazetteer)

    def read(value: str) -> OrgReading | None:
        return read_organisation(value, gazetteer, township_shorts)

    title = metadata.get("标题") or find_title(lines, vocabulary)
    signature = signature_block(lines)
    hints = _addressee_hints(lines, gazetteer, counts, read)
    signed_lines = _letterhead_and_signature(lines, signature, vocabulary)
    signed = [r for r in (_whole_line_reading(line, read) for line in signed_lines) if r]
    issuer_values = [metadata["发布机构"]] if "发布机构" in metadata else []
    issuer_values += field_values(text, vocabulary.words("issuer_field"))
    openings = [r for r in map(read, _opening_phrases(text, gazetteer)) if r]
    title_reading = _title_reading(title, gazetteer, read)

    reporter = (
        _first_resolved([title_reading], counts, gazetteer, hints)
        or _first_resolved(signed, counts, gazetteer, hints)
        or _first_resolved(openings, counts, gazetteer, hints)
        or _from_issuer_fields(issuer_values, counts, gazetteer, read)
        or _dominant(counts, gazetteer)
    )
    published = _publish_date(text, metadata, signature, gazetteer)
    return Attribution(
        title=title,
        jurisdiction_id=reporter.jurisdiction_id if reporter else None,
        jurisdiction_name=reporter.name if reporter else None,
        jurisdiction_level=reporter.level if reporter else None,
        parent=reporter.parent if reporter else None,
        parent_id=reporter.parent_id if reporter else None,
        admin_code=reporter.admin_code if reporter else None,
        report_year=report_year(text, title, published),
        publish_date=published,
        issuer=_issuer(signed, title_reading, issuer_values, openings, read),
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


def _title_reading(title: str | None, gazetteer: Gazetteer, read) -> OrgReading | None:
    """Read the title from its start, else from the first place name in it."""
    if not title:
        return None
    reading = read(title)
    if reading:
        return reading
    hits = gazetteer.matcher.scan(title)
    return read(title[hits[0].start :]) if hits else None


def _letterhead_and_signature(
    lines: list[str], signature: SignatureBlock | None, vocabulary: Vocabulary
) -> Iterator[str]:
    yield from (signature.organisations if signature else ())
    head = letterhead(lines, vocabulary)
    if head:
        yield head


def _whole_line_reading(line: str, read) -> OrgReading | None:
    """A letterhead or signature line is an organisation and nothing else."""
    reading = read(line)
    if reading and reading.has_body_word and reading.written == line.strip():
        return reading
    return None


def _opening_phrases(text: str, gazetteer: Gazetteer) -> list[str]:
    statement = report_statement(text)
    return ([statement] if statement else []) + opening_subjects(text, gazetteer.vocabulary)


def _addressee_hints(lines: list[str], gazetteer: Gazetteer, counts: MentionCounts, read) -> tuple[str, ...]:
    """The addressee (城中区委全面依法治区委员会:) names the level above the reporter."""
    line = addressee(lines)
    reading = read(line) if line else None
    if not reading or not reading.chain:
        return ()
    # Keep every candidate of an ambiguous addressee (城中区: 西宁, 柳州): the reporter's own
    # candidates are intersected with them later.
    above = resolve_chain(reading.chain[:-1], counts, gazetteer) if len(reading.chain) > 1 else None
    candidates = candidates_for(reading.chain[-1], gazetteer)
    return tuple(c for c in candidates if above is None or gazetteer.is_ancestor(above, c)) or candidates


def _first_resolved(
    readings: list[OrgReading | None], counts: MentionCounts, gazetteer: Gazetteer, hints: tuple[str, ...]
) -> Reporter | None:
    for reading in readings:
        if reading is None:
            continue
        resolved = resolve_reading(reading, counts, gazetteer, hints)
        if resolved:
            return resolved
    return None


def _from_issuer_fields(
    values: list[str], counts: MentionCounts, gazetteer: Gazetteer, read
) -> Reporter | None:
    for value in values:
        reading = read(value) or _reading_from_first_place(value, gazetteer, read)
        if not reading or not reading.chain:
            continue
        place = gazetteer.get(resolve_chain(reading.chain, counts, gazetteer))
        if place is None:
            continue
        dominant = dominant_jurisdiction(counts, gazetteer)
        if dominant and gazetteer.is_ancestor(place.jurisdiction_id, dominant):
            return from_jurisdiction(gazetteer.jurisdictions[dominant])
        return from_jurisdiction(place)
    return None


def _reading_from_first_place(value: str, gazetteer: Gazetteer, read) -> OrgReading | None:
    hits = gazetteer.matcher.scan(value)
    return read(value[hits[0].start :]) if hits else None


def _dominant(counts: MentionCounts, gazetteer: Gazetteer) -> Reporter | None:
    found = dominant_jurisdiction(counts, gazetteer)
    return from_jurisdiction(gazetteer.jurisdictions[found]) if found else None


def _publish_date(
    text: str, metadata: dict[str, str], signature: SignatureBlock | None, gazetteer: Gazetteer
) -> date | None:
    """The page's publication date if shown, else the signature date, else the 成文日期."""
    fields = gazetteer.vocabulary.words("publish_date_field")
    return (
        first_date(metadata.get("发布日期", ""))
        or field_date(text, fields)
        or (signature.signed_on if signature else None)
        or first_date(metadata.get("成文日期", ""))
    )


def _issuer(
    signed: list[OrgReading],
    title_reading: OrgReading | None,
    issuer_values: list[str],
    openings: list[OrgReading],
    read,
) -> str | None:
    """The issuing body as written: the signature's (joined by ";"), the title's, the page's
    publisher field, or the body that opens the report."""
    if signed:
        return ";".join(dict.fromkeys(r.written for r in signed))
    if title_reading and title_reading.has_body_word:
        return title_reading.written
    for value in issuer_values:
        reading = read(value)
        if reading and reading.has_body_word and reading.kind in (GOVERNMENT, DEPARTMENT):
            return reading.written
    for reading in openings:
        if reading.has_body_word:
            return reading.written
    return None
