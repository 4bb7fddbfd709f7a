"""The language of the mention → indicator mapping, read from the seeds (no rule lives here).

- `metric_catalog.csv`: every indicator, its kind, unit, plausible range, name and aliases.
- `metric_unit_compatibility.csv`: which stated units an indicator's unit accepts, with the
  exact factor when the conversion is exact (名 → 人 is 1) and none when it is only a family
  (个 for 项, 宗 for 件): accepted for mapping, not converted.
- `metric_context_terms.csv`: per indicator (or `*` for all), words that decide between
  indicators: `topic` (one must stand in the mention's section, paragraph or sentence),
  `off_topic` (none may stand nearer than the nearest topic word), `require` (one must stand in
  the mention's own phrase), `exclude` (none may stand there) and, for `*` only, `counted`
  (words right after a count's measure word that make it count bodies: 34个部门).
- `metric_scope_rules.csv`: which narrower scopes an indicator still takes (`*`: all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from seedfiles import default_seeds_dir
from seedfiles import read_seed_rows as _rows

ALL = "*"
# an ellipsis in an alias ("审查…政策措施文件") stands for a few characters of anything
ELLIPSIS_SPAN = 20


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    pattern: re.Pattern[str]
    length: int  # characters without the ellipses: longer is more specific
    anchor: str = ""  # the literal every match starts with (the text before the first …)


@dataclass(frozen=True, slots=True)
class Indicator:
    metric_id: str
    kind: str
    unit: str
    valid_min: float | None
    valid_max: float | None
    aliases: tuple[Alias, ...]


@dataclass(frozen=True)
class Anchors:
    """The literal every match of an alias starts with (Alias.anchor), indexed: an indicator none
    of whose anchors is in a text has no name in it.

    By kind, then by the anchor's first character: a mention's context is tested only for the
    anchors whose first character it holds (one set intersection), not for every name of its kind.
    """

    # kind -> first character -> (anchor, positions in Vocabulary.indicators of its indicators)
    by_kind: dict[str, dict[str, tuple[tuple[str, tuple[int, ...]], ...]]]
    everywhere: dict[str, frozenset[int]]  # kind -> indicators with an empty anchor (a name "…X")

    @classmethod
    def of(cls, vocabulary: Vocabulary) -> Anchors:
        positions: dict[str, dict[str, set[int]]] = {}
        for position, indicator in enumerate(vocabulary.indicators):
            for alias in indicator.aliases:
                positions.setdefault(indicator.kind, {}).setdefault(alias.anchor, set()).add(position)
        by_kind: dict[str, dict[str, tuple[tuple[str, tuple[int, ...]], ...]]] = {}
        everywhere: dict[str, frozenset[int]] = {}
        for kind, anchors in positions.items():
            grouped: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
            for anchor, found in sorted(anchors.items()):
                if anchor:
                    grouped.setdefault(anchor[0], []).append((anchor, tuple(sorted(found))))
            by_kind[kind] = {first: tuple(items) for first, items in grouped.items()}
            everywhere[kind] = frozenset(anchors.get("", ()))
        return cls(by_kind, everywhere)

    def candidates(self, kind: str, text: str, characters: set[str] | None = None) -> list[int]:
        """Positions (in Vocabulary.indicators, in order) of the indicators of `kind` one of whose
        anchors stands in `text`. `characters`: the characters of `text` (or more), when the
        caller has them cheaper than set(text)."""
        groups = self.by_kind.get(kind, {})
        found = set(self.everywhere.get(kind, ()))
        for first in groups.keys() & (set(text) if characters is None else characters):
            for anchor, positions in groups[first]:
                if anchor in text:
                    found.update(positions)
        return sorted(found)


@dataclass(frozen=True)
class Vocabulary:
    indicators: tuple[Indicator, ...]
    # (metric_id or "", metric unit) -> {stated unit: exact factor, or None for a family match}
    units: dict[tuple[str, str], dict[str, float | None]]
    topics: dict[str, re.Pattern[str]] = field(default_factory=dict)
    requires: dict[str, re.Pattern[str]] = field(default_factory=dict)
    excludes: dict[str, re.Pattern[str]] = field(default_factory=dict)
    scopes: dict[str, re.Pattern[str]] = field(default_factory=dict)
    off_topics: dict[str, re.Pattern[str]] = field(default_factory=dict)
    counted: re.Pattern[str] | None = None  # words right after a count that make it count bodies

    @cached_property
    def anchors(self) -> Anchors:
        """Built once per vocabulary (not per document)."""
        return Anchors.of(self)

    def unit_factor(self, indicator: Indicator, stated_unit: str) -> tuple[bool, float | None]:
        """Whether the stated unit is accepted for the indicator, and the exact factor if any."""
        for key in ((indicator.metric_id, indicator.unit), ("", indicator.unit)):
            accepted = self.units.get(key, {})
            if stated_unit in accepted:
                return True, accepted[stated_unit]
        return False, None


def alias_pattern(alias: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in alias.split("…")]
    return re.compile(f".{{0,{ELLIPSIS_SPAN}}}".join(parts))


def _terms(text: str) -> list[str]:
    return [t.strip() for t in text.split("|") if t.strip()]


def _union(words: list[str]) -> re.Pattern[str]:
    # longest first, so the regex reports the most specific word
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


def _number(text: str) -> float | None:
    return float(text) if text else None


@lru_cache(maxsize=8)
def _load(seeds_dir: str) -> Vocabulary:
    root = Path(seeds_dir)
    indicators = []
    for row in _rows(root / "metric_catalog.csv"):
        names = [row["name_zh"], *_terms(row["aliases_zh"])]
        seen: dict[str, Alias] = {}
        for name in names:
            if name and name not in seen:
                seen[name] = Alias(
                    name, alias_pattern(name), len(name.replace("…", "")), name.split("…", 1)[0]
                )
        indicators.append(
            Indicator(
                row["metric_id"],
                row["kind"],
                row["unit"],
                _number(row["valid_min"]),
                _number(row["valid_max"]),
                tuple(seen.values()),
            )
        )
    units: dict[tuple[str, str], dict[str, float | None]] = {}
    for row in _rows(root / "metric_unit_compatibility.csv"):
        key = (row["metric_id"], row["metric_unit"])
        units.setdefault(key, {})[row["mention_unit"]] = _number(row["factor"])
    words: dict[str, dict[str, list[str]]] = {
        "topic": {},
        "off_topic": {},
        "require": {},
        "exclude": {},
        "counted": {},
    }
    for row in _rows(root / "metric_context_terms.csv"):
        words[row["role"]].setdefault(row["metric_id"], []).extend(_terms(row["terms"]))
    scopes = {
        row["metric_id"]: re.compile(row["scope_pattern"]) for row in _rows(root / "metric_scope_rules.csv")
    }
    counted = words["counted"].get(ALL)
    return Vocabulary(
        tuple(indicators),
        units,
        topics={k: _union(v) for k, v in words["topic"].items()},
        requires={k: _union(v) for k, v in words["require"].items()},
        excludes={k: _union(v) for k, v in words["exclude"].items()},
        scopes=scopes,
        off_topics={k: _union(v) for k, v in words["off_topic"].items()},
        counted=_union(counted) if counted else None,
    )


def load_vocabulary(seeds_dir: Path | str | None = None) -> Vocabulary:
    return _load(str(seeds_dir or default_seeds_dir()))
