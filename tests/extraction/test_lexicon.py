"""Rule: the language lives in seeds — extending a CSV changes what is found, and the
loader honours FAZHI_SEEDS_DIR."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from extraction import default_seeds_dir, extract_mentions, load_lexicon


def seeds_copy(folder: Path, **additions: str) -> Path:
    """A copy of the project's seeds with lines appended to some files (a new folder each
    time, since lexicons are cached per folder)."""
    folder.mkdir()
    for f in default_seeds_dir().glob("*.csv"):
        shutil.copy(f, folder / f.name)
    for name, line in additions.items():
        with (folder / f"{name}.csv").open("a", encoding="utf-8") as f:
            f.write(line + "\n")
    return folder


def test_default_seeds_dir_env(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FAZHI_SEEDS_DIR", str(tmp_path))
    assert default_seeds_dir() == tmp_path
    monkeypatch.delenv("FAZHI_SEEDS_DIR")
    assert default_seeds_dir().name == "seeds"


def test_a_new_measure_word_from_the_seed(tmp_path: Path) -> None:
    text = "建成法治长廊3处,种植树木50棵"
    before = extract_mentions(text, load_lexicon(seeds_copy(tmp_path / "a")))
    after = extract_mentions(text, load_lexicon(seeds_copy(tmp_path / "b", units="棵,棵,count,no,")))
    assert [text[m.start : m.end] for m in before] == ["3处"]
    assert [text[m.start : m.end] for m in after] == ["3处", "50棵"]


def test_a_new_slogan_from_the_seed(tmp_path: Path) -> None:
    text = "开展三堂课活动"
    with_unit = seeds_copy(tmp_path / "a", units="堂,堂,count,yes,")
    assert len(extract_mentions(text, load_lexicon(with_unit))) == 1
    with_slogan = seeds_copy(tmp_path / "b", units="堂,堂,count,yes,", slogans="三堂课,reform_slogan")
    assert extract_mentions(text, load_lexicon(with_slogan)) == []


LANGUAGE_SEEDS = [
    "units",
    "multipliers",
    "qualifier_words",
    "slogans",
    "exclusion_words",
    "period_words",
    "scope_words",
    "change_words",
    "noun_units",
    "subject_words",
]


def test_seed_files_have_headers_and_no_empty_column() -> None:
    for name in LANGUAGE_SEEDS:
        path = default_seeds_dir() / f"{name}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert rows, path.name
        for column in rows[0]:
            assert column == column.lower().replace(" ", "_"), (path.name, column)
            assert any(r[column] for r in rows), (path.name, column)
