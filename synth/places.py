"""The jurisdictions a synthetic report can be about (the gazetteer's provinces, prefectures and
counties), with the names it is written under."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from attribution import load_gazetteer
from extraction import extract_mentions, load_lexicon


@dataclass(frozen=True, slots=True)
class Place:
    jurisdiction_id: str
    name: str
    short: str
    level: str
    parent_chain: str
    title_name: str  # the name as a title writes it: with its parents when the name is ambiguous


@lru_cache(maxsize=4)
def load_places(seeds_dir: Path | None = None) -> tuple[Place, ...]:
    gazetteer = load_gazetteer(seeds_dir)
    lexicon = load_lexicon(seeds_dir)
    places = []
    for item in sorted(gazetteer.jurisdictions.values(), key=lambda j: j.jurisdiction_id):
        short = item.short_names[0] if item.short_names else item.name
        # a name that reads as a quantity (五家渠市: 五家) would add a mention nobody expects
        if extract_mentions(f"{item.name}人民政府，{short}", lexicon):
            continue
        ambiguous = len(gazetteer.ids_by_full_name.get(item.name, ())) > 1
        title_name = f"{item.parent_chain}{item.name}" if ambiguous else item.name
        places.append(
            Place(item.jurisdiction_id, item.name, short, item.level, item.parent_chain, title_name)
        )
    return tuple(places)
