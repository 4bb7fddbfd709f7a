"""The language of the reports as data: measure words, multipliers, qualifier words,
slogans, exclusions, period/scope/change cues. Loaded once from the dbt seed CSVs and
compiled into the regexes the grammar runs (see grammar/patterns.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extraction.grammar.patterns import Patterns, build_patterns
from extraction.subject import SubjectWords, compile_subject_words
from seedfiles import default_seeds_dir
from seedfiles import read_seed_rows as _rows


@dataclass(frozen=True, slots=True)
class UnitEntry:
    """A measure word as written (件(次), 個, %) and what it normalizes to."""

    written: str
    unit: str  # simplified, without multiplier: 件次, 个, %
    kind: str  # default kind of a quantity in this unit
    chinese_numeral: bool  # may a Chinese numeral count with it (四个, 两轮) rather than name a formula
    not_followed_by: str  # characters that turn it into another word (部门, 人民, 条例)
    requires_after: tuple[str, ...] = ()  # words one of which must follow (日 only as 15日内)


@dataclass(frozen=True, slots=True)
class Lexicon:
    units: dict[str, UnitEntry]
    multipliers: dict[str, float]
    qualifiers: dict[str, dict[str, str]]  # position (before/after_number/after_unit) -> word -> qualifier
    qualifier_unit_kinds: dict[str, str]  # word -> the only unit kind it may follow (内: duration), or any
    slogans: tuple[str, ...]
    exclusions: dict[str, tuple[str, ...]]  # rule -> words
    period_words: dict[str, str]  # phrase -> meaning (year, to_date, partial, frequency, ...)
    duration_leads: tuple[str, ...]  # words that make a Chinese-numeral duration a quantity (连续三年)
    scope_words: tuple[str, ...]
    cues: dict[str, str]  # word -> change | level | comparison
    noun_units: dict[str, str]  # noun naming what is counted -> implicit unit (150万国家工作人员 -> 人)
    patterns: Patterns = field(repr=False)
    subject_words: SubjectWords = field(repr=False)


def _yes(value: str) -> bool:
    return value.lower() in {"yes", "true", "1", "y"}


@lru_cache(maxsize=8)
def _load(seeds_dir: str) -> Lexicon:
    root = Path(seeds_dir)
    units = {
        r["written"]: UnitEntry(
            r["written"],
            r["unit"],
            r["kind"],
            _yes(r["chinese_numeral"]),
            r["not_followed_by"],
            tuple(w for w in r.get("requires_after", "").split("|") if w),
        )
        for r in _rows(root / "units.csv")
    }
    multipliers = {r["written"]: float(r["factor"]) for r in _rows(root / "multipliers.csv")}
    qualifiers: dict[str, dict[str, str]] = {"before": {}, "after_number": {}, "after_unit": {}}
    qualifier_unit_kinds: dict[str, str] = {}
    for r in _rows(root / "qualifier_words.csv"):
        qualifiers[r["position"]][r["word"]] = r["qualifier"]
        qualifier_unit_kinds[r["word"]] = r.get("unit_kinds") or "any"
    slogans = tuple(r["phrase"] for r in _rows(root / "slogans.csv") if r["phrase"])
    exclusions: dict[str, list[str]] = {}
    for r in _rows(root / "exclusion_words.csv"):
        exclusions.setdefault(r["rule"], []).append(r["word"])
    period_rows = _rows(root / "period_words.csv")
    period_words = {r["phrase"]: r["meaning"] for r in period_rows if r["meaning"] != "duration_lead"}
    duration_leads = tuple(r["phrase"] for r in period_rows if r["meaning"] == "duration_lead")
    scope_words = tuple(r["phrase"] for r in _rows(root / "scope_words.csv"))
    cues = {r["word"]: r["cue"] for r in _rows(root / "change_words.csv")}
    noun_units = {r["noun"]: r["unit"] for r in _rows(root / "noun_units.csv")}
    frozen_exclusions = {k: tuple(v) for k, v in exclusions.items()}
    patterns = build_patterns(
        units=units,
        multipliers=multipliers,
        qualifiers=qualifiers,
        slogans=slogans,
        exclusions=frozen_exclusions,
        period_words=period_words,
        scope_words=scope_words,
        cues=cues,
        noun_units=noun_units,
    )
    subject_words = compile_subject_words((r["word"], r["role"]) for r in _rows(root / "subject_words.csv"))
    return Lexicon(
        units,
        multipliers,
        qualifiers,
        qualifier_unit_kinds,
        slogans,
        frozen_exclusions,
        period_words,
        duration_leads,
        scope_words,
        cues,
        noun_units,
        patterns,
        subject_words,
    )


def load_lexicon(seeds_dir: Path | None = None) -> Lexicon:
    """Read the seed CSVs once per folder; later calls return the cached, compiled lexicon."""
    return _load(str(Path(seeds_dir or default_seeds_dir()).resolve()))
