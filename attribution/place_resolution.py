"""Which jurisdiction a name means, and which one a document talks about most.

Mentions are counted once over the whole text: a full name (鼓楼区) counts 2, a short name (鼓楼) 1.
Names that are also ordinary words need more before they count:
- a short name counts when it is customary (巴州), a province's (安徽), three or more characters
  long (内蒙古), or when its entity's full name also occurs; two-character county short names are
  often plain words (平安, 公安, 振兴, 共和);
- a two-character full name (和县, 城区, 新县), or one that starts like a scope word (全州县 in
  全州县市两级), counts when the text also names a division above it.
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
WORDLIKE_FULL_NAME_LENGTH = 2


@dataclass(frozen=True)
class MentionCounts:
    """Weighted mentions per jurisdiction id in one document."""

    weights: Counter[str]
    named_in_full: frozenset[str]  # ids whose full name occurs in the text

    def of(self, jurisdiction_id: str) -> int:
        return self.weights.get(jurisdiction_id, 0)

    def context_support(self, jurisdiction_id: str, gazetteer: Gazetteer) -> int:
        """How much the text mentions the divisions above this one (广州市 for 花都区)."""
        return sum(self.of(a.jurisdiction_id) for a in gazetteer.ancestors(jurisdiction_id))


def count_mentions(hits: Iterable[NameHit], gazetteer: Gazetteer) -> MentionCounts:
    hits = list(hits)
    scope_prefixes = gazetteer.vocabulary.words("scope_prefix")
    weights: Counter[str] = Counter()
    wordlike: list[str] = []
    shorts: list[str] = []
    for hit in hits:
        full = gazetteer.ids_by_full_name.get(hit.surface)
        if not full:
            shorts.append(hit.surface)
        elif len(hit.surface) <= WORDLIKE_FULL_NAME_LENGTH or hit.surface.startswith(scope_prefixes):
            wordlike.extend(full)
        else:
            weights.update(dict.fromkeys(full, FULL_NAME_WEIGHT))
    for jurisdiction_id in wordlike:  # after the others, so their ancestors are known
        if any(weights[a.jurisdiction_id] for a in gazetteer.ancestors(jurisdiction_id)):
            weights[jurisdiction_id] += FULL_NAME_WEIGHT
    named_in_full = frozenset(weights)
    for surface in shorts:
        weights.update(safe_short_name_targets(surface, named_in_full, gazetteer))
    return MentionCounts(weights, named_in_full)


def safe_short_name_targets(surface: str, named_in_full: frozenset[str], gazetteer: Gazetteer) -> list[str]:
    """The ids a short name may stand for in this text, [] when it is probably a plain word."""
    candidates = gazetteer.ids_by_short_name.get(surface, ())
    in_full = [i for i in candidates if i in named_in_full]
    if in_full:
        return in_full
    if surface.startswith(gazetteer.vocabulary.words("scope_prefix")):
        return []  # 全州 is "the whole prefecture" unless 全州县 is confirmed
    safe = [
        i
        for i in candidates
        if gazetteer.jurisdictions[i].level == "province"
        or len(surface) >= SAFE_SHORT_NAME_LENGTH
        or (surface, i) in gazetteer.customary_short_names
    ]
    return _by_level(safe, gazetteer)[:1]  # 海南 alone is the province, not 海南藏族自治州


def candidates_for(surface: str, gazetteer: Gazetteer) -> tuple[str, ...]:
    return gazetteer.ids_by_full_name.get(surface) or gazetteer.ids_by_short_name.get(surface, ())


def resolve_chain(
    surfaces: tuple[str, ...],
    counts: MentionCounts,
    gazetteer: Gazetteer,
    hint_ids: tuple[str, ...] = (),
    body_follows: bool = False,
) -> str | None:
    """The jurisdiction the last name of a chain means (广州市 花都区 -> 440114).

    Each name narrows the next: a candidate below the one before it wins. A short name that would
    not count on its own is trusted after a name above it (江苏省句容…) or before a body word
    (西安高新区管委会, 长安区政府: ``body_follows``).
    Remaining ties are decided by hints (ids named in a strong position, e.g. the addressee), then
    by the candidate's own mentions, then by how much the text mentions its parents, then by the
    higher level (吉林 -> 吉林省).
    """
    chosen: str | None = None
    for surface in surfaces:
        candidates = list(candidates_for(surface, gazetteer))
        below = [c for c in candidates if chosen and gazetteer.is_ancestor(chosen, c)]
        if below:
            candidates = below
        elif surface in gazetteer.ids_by_short_name and not body_follows:
            candidates = safe_short_name_targets(surface, counts.named_in_full, gazetteer)
        if candidates:
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
        # Own mentions first: 铁岭 is 铁岭市 when the text says 铁岭市, although 铁岭县 lies below it.
        own = counts.of(candidate)
        return (
            hinted,
            own,
            counts.context_support(candidate, gazetteer),
            -_rank(candidate, gazetteer),
            -int(candidate),
        )

    return max(candidates, key=score)


def dominant_jurisdiction(counts: MentionCounts, gazetteer: Gazetteer) -> str | None:
    """The most mentioned jurisdiction. Ties go to the one whose parents the text names (鼓楼区 of
    福州 when 福州 is named), then to the more specific one (a county report names its prefecture
    in headers as often as itself, rarely the other way round)."""
    if not counts.weights:
        return None
    top = max(counts.weights.values())
    tied = [i for i, weight in counts.weights.items() if weight == top]
    return max(tied, key=lambda i: (counts.context_support(i, gazetteer), _rank(i, gazetteer), -int(i)))


def _rank(jurisdiction_id: str, gazetteer: Gazetteer) -> int:
    return LEVEL_RANK.get(gazetteer.jurisdictions[jurisdiction_id].level, 3)


def _by_level(ids: list[str], gazetteer: Gazetteer) -> list[str]:
    return sorted(ids, key=lambda i: _rank(i, gazetteer))
