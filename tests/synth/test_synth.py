"""The benchmark corpus generator: deterministic, and its expectations are what the extractor finds."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from extraction import extract_document, load_lexicon
from hanzi import to_simplified
from loaders.paragraphs import split_paragraphs
from synth.corpus import CorpusSpec, generate_corpus, make_document

N_DOCS = 6


def _found(text: str) -> set[tuple[int, float]]:
    """(document offset, value) of every mention the project's extractor finds in `text`."""
    paragraphs = split_paragraphs(text)
    mentions = extract_document([to_simplified(p.text) for p in paragraphs], load_lexicon())
    return {
        (p.char_start + m.start, round(m.value, 6))
        for p, found in zip(paragraphs, mentions, strict=True)
        for m in found
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate_corpus(CorpusSpec(N_DOCS, seed=3, traditional_share=0.5), out, workers=1)
    return out


def test_a_seed_makes_the_same_corpus():
    spec = CorpusSpec(2, seed=11, traditional_share=0.5)
    assert [make_document(spec, i) for i in range(2)] == [make_document(spec, i) for i in range(2)]
    other = CorpusSpec(2, seed=12, traditional_share=0.5)
    assert make_document(spec, 0).text != make_document(other, 0).text


def test_reports_have_the_real_size_and_density(corpus):
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    assert len(texts) == N_DOCS
    assert all(2500 <= len(t) <= 7500 for t in texts)
    with (corpus / "expected_mentions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    per_quantity = sum(map(len, texts)) / len({(r["doc"], r["surface"], r["occurrence"]) for r in rows})
    assert 35 <= per_quantity <= 90


def test_expected_quantities_are_where_the_gold_says_and_the_extractor_finds_them(corpus):
    with (corpus / "expected_mentions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    found = {name: _found(text) for name, text in texts.items()}
    for row in rows:
        text, start = texts[row["doc"]], int(row["char_start"])
        assert text[start : start + len(row["surface"])] == row["surface"]
        # occurrence counts overlapping hits of the surface, as the gold format does
        hits, pos = [], text.find(row["surface"])
        while pos >= 0:
            hits.append(pos)
            pos = text.find(row["surface"], pos + 1)
        assert hits.index(start) + 1 == int(row["occurrence"])
        assert (start, round(float(row["value"]), 6)) in found[row["doc"]], row


def test_documents_name_their_jurisdiction_year_and_script(corpus):
    with (corpus / "expected_documents.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == N_DOCS
    for row in rows:
        text = (corpus / row["doc"]).read_text(encoding="utf-8")
        title = to_simplified(text.splitlines()[0])
        assert row["report_year"] in title and row["jurisdiction"] in title
        assert (to_simplified(text) != text) == (row["script"] == "traditional")
