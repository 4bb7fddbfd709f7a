"""Turn an organisation reading into the reporting jurisdiction: name, level, parents, ids."""

from __future__ import annotations

from dataclasses import dataclass

from attribution.gazetteer import Gazetteer, Jurisdiction
from attribution.org_names import DEPARTMENT, DEV_ZONE, NATIONAL_DEPARTMENT, TOWNSHIP, OrgReading
from attribution.place_resolution import MentionCounts, dominant_jurisdiction, pick_best, resolve_chain

NATIONAL_CODE = "100000"  # the country, commonly coded 100000; ministries are keyed "100000:<name>"
NATIONAL_PARENT = "国务院"
MUNICIPALITY_SUFFIX = "市"  # a province-level 市 (北京市) names its departments like a city: 司法局


@dataclass(frozen=True, slots=True)
class Reporter:
    jurisdiction_id: str
    name: str
    level: str
    parent: str | None
    parent_id: str | None
    admin_code: str | None


def from_jurisdiction(item: Jurisdiction) -> Reporter:
    return Reporter(
        item.jurisdiction_id,
        item.name,
        item.level,
        item.parent_chain or None,
        item.parent_id,
        item.jurisdiction_id,
    )


def resolve_reading(
    reading: OrgReading, counts: MentionCounts, gazetteer: Gazetteer, hint_ids: tuple[str, ...] = ()
) -> Reporter | None:
    if reading.kind == NATIONAL_DEPARTMENT and reading.unit_name:
        name = reading.unit_name
        return Reporter(f"{NATIONAL_CODE}:{name}", name, "department", NATIONAL_PARENT, None, None)
    if reading.kind == TOWNSHIP and reading.unit_name:
        parent = _township_parent(reading, counts, gazetteer, hint_ids)
        return _below(parent, reading.unit_name, TOWNSHIP, gazetteer) if parent else None
    government = gazetteer.get(
        resolve_chain(reading.chain, counts, gazetteer, hint_ids, reading.has_body_word)
    )
    if government is None:
        return None
    if reading.kind == DEPARTMENT and reading.department_suffix:
        return _below(
            government,
            _department_name(government, reading.department_suffix, gazetteer),
            DEPARTMENT,
            gazetteer,
        )
    if reading.kind == DEV_ZONE and reading.unit_name:
        return _below(government, reading.unit_name, DEV_ZONE, gazetteer)
    return from_jurisdiction(government)


def _below(parent: Jurisdiction, name: str, level: str, gazetteer: Gazetteer) -> Reporter:
    """A unit without its own code, keyed to the nearest coded division above it."""
    return Reporter(
        f"{parent.jurisdiction_id}:{name}",
        name,
        level,
        gazetteer.chain_including(parent.jurisdiction_id),
        parent.jurisdiction_id,
        None,
    )


def _department_name(government: Jurisdiction, written_suffix: str, gazetteer: Gazetteer) -> str:
    for suffix in gazetteer.vocabulary.department_suffixes:
        if suffix.suffix != written_suffix:
            continue
        provincial = government.level == "province" and not government.name.endswith(MUNICIPALITY_SUFFIX)
        official = suffix.province_name if provincial else suffix.local_name
        return government.name + (official or written_suffix)
    return government.name + written_suffix


def _township_parent(
    reading: OrgReading, counts: MentionCounts, gazetteer: Gazetteer, hint_ids: tuple[str, ...]
) -> Jurisdiction | None:
    """The chain written before it (屏边县新华乡); else the seed's parents of that township name,
    chosen by context; else the hinted or most mentioned division of the text."""
    if reading.chain:
        return gazetteer.get(resolve_chain(reading.chain, counts, gazetteer, hint_ids, body_follows=True))
    known = list(gazetteer.township_parent_ids.get(reading.unit_name or "", ()))
    if known:
        return gazetteer.get(pick_best(known, counts, gazetteer, hint_ids))
    for hint in hint_ids:
        if gazetteer.get(hint):
            return gazetteer.get(hint)
    return gazetteer.get(dominant_jurisdiction(counts, gazetteer))
