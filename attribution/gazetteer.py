"""The jurisdiction gazetteer and the attribution vocabulary, loaded from the dbt seeds."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from attribution.name_matcher import NameMatcher
from seedfiles import default_seeds_dir
from seedfiles import read_seed_rows as _read

LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    jurisdiction_id: str  # GB/T 2260 six-digit code
    name: str
    level: str  # province | prefecture | county
    parent_id: str | None
    parent_chain: str  # names above it, outermost first (广东省茂名市)
    short_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DepartmentSuffix:
    suffix: str
    province_name: str | None  # the official suffix in a province (司法行政系统 -> 司法厅), None = as written
    local_name: str | None  # the same below province level (司法局)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    level_suffixes: dict[str, tuple[str, ...]]  # level -> suffixes, longest first
    department_suffixes: tuple[DepartmentSuffix, ...]  # longest first
    national_departments: tuple[str, ...]  # longest first
    keywords: dict[str, tuple[str, ...]]  # role -> keywords, in file order

    def words(self, role: str) -> tuple[str, ...]:
        return self.keywords.get(role, ())


@dataclass(frozen=True)
class Gazetteer:
    jurisdictions: dict[str, Jurisdiction]
    ids_by_full_name: dict[str, tuple[str, ...]]
    ids_by_short_name: dict[str, tuple[str, ...]]
    township_parent_ids: dict[str, tuple[str, ...]]  # township name -> ids of the divisions above it
    customary_short_names: frozenset[tuple[str, str]]  # (巴州, 652800): safe although short
    vocabulary: Vocabulary
    matcher: NameMatcher  # full and short names of provinces, prefectures and counties
    township_matcher: NameMatcher

    def get(self, jurisdiction_id: str | None) -> Jurisdiction | None:
        return self.jurisdictions.get(jurisdiction_id) if jurisdiction_id else None

    def ancestors(self, jurisdiction_id: str) -> list[Jurisdiction]:
        """Nearest first."""
        found = []
        current = self.get(jurisdiction_id)
        while current and current.parent_id:
            current = self.get(current.parent_id)
            if current:
                found.append(current)
        return found

    def is_ancestor(self, ancestor_id: str, jurisdiction_id: str) -> bool:
        return any(a.jurisdiction_id == ancestor_id for a in self.ancestors(jurisdiction_id))

    def chain_including(self, jurisdiction_id: str) -> str:
        """广东省茂名市 for 茂名市: the parent chain followed by the name itself."""
        found = self.jurisdictions[jurisdiction_id]
        return found.parent_chain + found.name


def load_gazetteer(seeds_dir: Path | None = None) -> Gazetteer:
    """Cached per directory: building the matchers takes a fraction of a second, attributing far less."""
    return _load_gazetteer(Path(seeds_dir or default_seeds_dir()).resolve())


@lru_cache(maxsize=4)
def _load_gazetteer(seeds_dir: Path) -> Gazetteer:
    jurisdictions: dict[str, Jurisdiction] = {}
    full: dict[str, list[str]] = {}
    short: dict[str, list[str]] = {}
    for row in _read(seeds_dir / "jurisdictions.csv"):
        shorts = tuple(s for s in row["short_names"].split("|") if s)
        item = Jurisdiction(
            row["jurisdiction_id"],
            row["name"],
            row["level"],
            row["parent_id"] or None,
            row["parent_chain"],
            shorts,
        )
        jurisdictions[item.jurisdiction_id] = item
        full.setdefault(item.name, []).append(item.jurisdiction_id)
        for name in shorts:
            short.setdefault(name, []).append(item.jurisdiction_id)
    townships: dict[str, list[str]] = {}
    for row in _read(seeds_dir / "jurisdiction_townships.csv"):
        townships.setdefault(row["name"], []).append(row["parent_id"])
    return Gazetteer(
        jurisdictions=jurisdictions,
        ids_by_full_name={k: tuple(v) for k, v in full.items()},
        ids_by_short_name={k: tuple(v) for k, v in short.items() if k not in full},
        township_parent_ids={k: tuple(dict.fromkeys(v)) for k, v in townships.items()},
        customary_short_names=frozenset(
            (row["short_name"], row["jurisdiction_id"])
            for row in _read(seeds_dir / "jurisdiction_customary_short_names.csv")
        ),
        vocabulary=_load_vocabulary(seeds_dir),
        matcher=NameMatcher([*full, *short]),
        township_matcher=NameMatcher(townships),
    )


def _load_vocabulary(seeds_dir: Path) -> Vocabulary:
    level_suffixes: dict[str, list[str]] = {}
    for row in _read(seeds_dir / "jurisdiction_level_suffixes.csv"):
        level_suffixes.setdefault(row["level"], []).append(row["suffix"])
    departments = [
        DepartmentSuffix(row["suffix"], row["province_name"] or None, row["local_name"] or None)
        for row in _read(seeds_dir / "department_suffixes.csv")
    ]
    keywords: dict[str, list[str]] = {}
    for row in _read(seeds_dir / "attribution_keywords.csv"):
        keywords.setdefault(row["role"], []).append(row["keyword"])
    national = [row["name"] for row in _read(seeds_dir / "national_departments.csv")]
    return Vocabulary(
        level_suffixes={k: _longest_first(v) for k, v in level_suffixes.items()},
        department_suffixes=tuple(sorted(departments, key=lambda d: len(d.suffix), reverse=True)),
        national_departments=_longest_first(national),
        keywords={k: tuple(v) for k, v in keywords.items()},
    )


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))
