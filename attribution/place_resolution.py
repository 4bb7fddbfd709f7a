"""Which jurisdiction a name means, and which one a document talks about most.

Mentions are counted once over the whole text. A full name (鼓楼区) counts 2, a short name (鼓楼) 1.
A short name counts only where it is safe: its entity's full name also occurs, it is a province's,
or it has three or more characters (内蒙古). Two-character short names of counties are often
ordinary words (平安, 公安, 振兴, 共和), which must not outvote the reporter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from attribution.gazetteer import LEVEL_RANK, Gazetteer
from attribution.name_matcher import NameHit

FULL_NAME_WEIGHT = 2
SHORT_NAME_WEIGHT = 1
SAFE_SHORT_NAME_LENGTH = 3


@dataclass(frozen=True)
class MentionCounts:
    """Weighted mentions per jurisdiction id in one document."""

    weights: Counter[str]

    def of(self, jurisdiction_id: str) -> int:
        return self.weights.get(jurisdiction_id, 0)

    def context_support(self, jurisdiction_id: str, gazetteer: Gazetteer) -> int:
        """How much the text mentions the divisions above this one (广州市 for 花都区)."""
        return sum(self.of(a.jurisdiction_id) for a in gazetteer.ancestors(jurisdiction_id))


def count_mentions(hits: Iterable[NameHit], gazetteer: Gazetteer) -> MentionCounts:
    hits = list(hits)
    full_ids = {i for h in hits for i in gazetteer.ids_by_full_name.get(h.surface, ())}
    weights: Counter[str] = Counter()
    for hit in hits:
        if hit.surface in gazetteer.ids_by_full_name:
            for jurisdiction_id in gazetteer.ids_by_full_name[hit.surface]:
                weights[jurisdiction_id] += FULL_NAME_WEIGHT
            continue
        for jurisdiction_id in _short_name_targets(hit.surface, full_ids, gazetteer):
            weights[jurisdiction_id] += SHORT_NAME_WEIGHT
    return MentionCounts(weights)


def _short_name_targets(surface: str, full_ids: set[str], gazetteer: Gazetteer) -> list[str]:
    candidates = gazetteer.ids_by_short_name.get(surface, ())
    named_in_full = [i for i in candidates if i in full_ids]
    if named_in_full:
        return named_in_full
    safe = [
        i
        for i in candidates
        if gazetteer.jurisdictions[i].level == "province" or len(surface) >= SAFE_SHORT_NAME_LENGTH
    ]
    return _highest_level(safe, gazetteer)[:1] if len(safe) > 1 else safe


def candidates_for(surface: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    return gazetteer.ids_by_full_name.get(surface) or gazetteer.ids_by_short_name.get(surface, ())


def resolve_chain(
    surfaces: tuple[str, ...], counts: MentionCounts, gazetteer: Gazetteer, hint_ids: tuple[str, ...] = ()
) -> str | None:
    """The jurisdiction the last name of a chain means (广州市 花都区 -> 440114).

    Each name narrows the next: a candidate below the one before it wins. Remaining ties are
    decided by hints (ids named elsewhere in a strong position, e.g. the addressee), then by the
    candidate's own mentions, then by how much the text mentions its parents, then by the higher
    level (吉林 -> 吉林省).
    """
    chosen: str | None = None
    for surface in surfaces:
        candidates = list(candidates_for(surface, gazetteer))
        if not candidates:
            continue
        if chosen:
            below = [c for c in candidates if gazetteer.is_ancestor(chosen, c)]
            candidates = below or candidates
        chosen = pick_best(candidates, counts, gazetteer, hint_ids)
    return chosen


def pick_best(
    candidates: list[str], counts: MentionCounts, gazetteer: Gazetteer, hint_ids: tuple[str, ...] = ()
) -> str:
    if len(candidates) == 1:
        return candidates[0]

    def score(candidate: str) -> tuple[int, int, int, int, int]:
        related = [candidate, *(a.jurisdiction_id for a in gazetteer.ancestors(candidate))]
        hinted = sum(1 for h in hint_ids if h in related or gazetteer.is_ancestor(candidate, h))
        level = -LEVEL_RANK.get(gazetteer.jurisdictions[candidate].level, 3)
        # Own mentions first: 铁岭 is 铁岭市 when the text says 铁岭市, although 铁岭县 lies below it.
        own = counts.of(candidate)
        return (hinted, own, counts.context_support(candidate, gazetteer), level, -int(candidate))

    return max(candidates, key=score)


def dominant_jurisdiction(counts: MentionCounts, gazetteer: Gazetteer) -> str | None:
    """The most mentioned jurisdiction; on a tie the more specific one (a county report names its
    prefecture as often as itself in headers, rarely the other way round)."""
    if not counts.weights:
        return None
    top = max(counts.weights.values())
    best = [i for i, w in counts.weights.items() if w == top]
    return _highest_level(best, gazetteer, reverse=True)[0] if len(best) > 1 else best[0]


def _highest_level(ids: list[str], gazetteer: Gazetteer, reverse: bool = False) -> list[str]:
    def rank(i: str) -> int:
        return LEVEL_RANK.get(gazetteer.jurisdictions[i].level, 3)

    return sorted(ids, key=rank, reverse=reverse)
