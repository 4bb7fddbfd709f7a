"""Fixtures for the mapping rules: a tiny vocabulary written as seeds, so each rule is tested on
its own words, and a helper that maps the quantities of one paragraph."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from indicators import MentionIn, Vocabulary, load_vocabulary, map_document

CATALOG_FIELDS = [
    "metric_id", "category", "name_zh", "name_en", "kind", "unit",
    "valid_min", "valid_max", "aliases_zh", "example", "notes",
]  # fmt: skip


def _write(path: Path, fields: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def make_vocabulary(tmp_path: Path):
    """Write a vocabulary as the four seeds and load it."""

    def make(
        indicators: list[tuple[str, str, str, str]],  # metric_id, kind, unit, aliases (| separated)
        units: list[tuple[str, str, str, str]] = (),  # metric_id, metric unit, stated unit, factor
        terms: list[tuple[str, str, str]] = (),  # metric_id, role, words
        scopes: list[tuple[str, str]] = (),  # metric_id, scope pattern
        ranges: dict[str, tuple[str, str]] | None = None,
    ) -> Vocabulary:
        root = tmp_path / f"seeds{len(list(tmp_path.iterdir()))}"
        root.mkdir()
        ranges = ranges or {}
        catalog = []
        for metric_id, kind, unit, aliases in indicators:
            low, high = ranges.get(metric_id, ("", ""))
            names = aliases.split("|")
            catalog.append(
                {"metric_id": metric_id, "kind": kind, "unit": unit, "name_zh": names[0],
                 "aliases_zh": "|".join(names[1:]), "valid_min": low, "valid_max": high}
            )  # fmt: skip
        _write(root / "metric_catalog.csv", CATALOG_FIELDS, catalog)
        same = {(u, u, "1") for _, _, u, _ in indicators}
        unit_fields = ["metric_id", "metric_unit", "mention_unit", "factor"]
        unit_rows = [dict(zip(unit_fields, ("", u, s, f), strict=True)) for u, s, f in same]
        unit_rows += [dict(zip(unit_fields, row, strict=True)) for row in units]
        _write(root / "metric_unit_compatibility.csv", unit_fields, unit_rows)
        _write(
            root / "metric_context_terms.csv",
            ["metric_id", "role", "terms"],
            [{"metric_id": m, "role": r, "terms": t} for m, r, t in terms],
        )
        _write(
            root / "metric_scope_rules.csv",
            ["metric_id", "scope_pattern"],
            [{"metric_id": m, "scope_pattern": p} for m, p in scopes],
        )
        return load_vocabulary(root)

    return make


QUANTITY = re.compile(r"(\d+(?:\.\d+)?)(万)?(个工作日|人次|场次|件|次|人|名|个|项|宗|场|户|条|%)")
KINDS = {"%": "rate"}


def quantities(paragraph: str) -> list[MentionIn]:
    """Every number + measure word of a test paragraph as a mention (subject from `【…】` marks)."""
    found = []
    for i, m in enumerate(QUANTITY.finditer(paragraph)):
        value = float(m.group(1)) * (10_000 if m.group(2) else 1)
        unit = m.group(3)
        found.append(MentionIn(f"m{i}", 0, m.start(), m.end(), value, unit, KINDS.get(unit, "count")))
    return found


@pytest.fixture
def mapped():
    """{surface: metric_id} for the quantities of one paragraph (subjects given by hand)."""

    def run(
        vocabulary: Vocabulary,
        paragraph: str,
        subjects: dict[str, str] | None = None,
        scopes: dict[str, str] | None = None,
        heading: str | None = None,
        kinds: dict[str, str] | None = None,
    ) -> dict[str, str | None]:
        mentions = []
        position = 1 if heading is not None else 0
        for m in quantities(paragraph):
            surface = paragraph[m.start : m.end]
            kind = (kinds or {}).get(surface, m.kind)
            subject, scope = (subjects or {}).get(surface), (scopes or {}).get(surface)
            mentions.append(
                MentionIn(m.mention_id, position, m.start, m.end, m.value, m.unit, kind, subject, scope)
            )
        paragraphs = [heading, paragraph] if heading is not None else [paragraph]
        matches = {x.mention_id: x for x in map_document(vocabulary, paragraphs, mentions)}
        return {
            paragraph[m.start : m.end]: (matches[m.mention_id].metric_id if m.mention_id in matches else None)
            for m in mentions
        }

    return run


@pytest.fixture(scope="session")
def project_vocabulary() -> Vocabulary:
    return load_vocabulary()
