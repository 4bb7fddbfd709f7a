"""Write a synthetic corpus: N report files and, beside them, the gold CSVs they must score on.

Each report is drawn from its own seeded generator (seed, index), so the corpus is the same
for a seed whatever the number of worker processes; files and rows stream to disk as they
are made, so memory does not grow with N.
"""

from __future__ import annotations

import csv
import os
import random
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from synth.compose import DOCUMENT_COLUMNS, MENTION_COLUMNS, SynthDocument, compose_document
from synth.places import load_places
from synth.script import as_written, to_traditional
from synth.templates import load_templates

DEFAULT_SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
CHUNK = 200  # reports per task handed to a worker


@dataclass(frozen=True, slots=True)
class CorpusSpec:
    n_docs: int
    seed: int = 0
    traditional_share: float = 0.2
    prefix: str = "s"
    samples_dir: Path = DEFAULT_SAMPLES


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    n_docs: int
    n_mentions: int
    n_characters: int
    n_traditional: int


def file_name(spec: CorpusSpec, index: int) -> str:
    return f"{spec.prefix}{index:07d}.txt"


def make_document(spec: CorpusSpec, index: int) -> SynthDocument:
    """Report number `index` of the corpus: a pure function of (spec, index)."""
    rng = random.Random(f"{spec.seed}:{spec.prefix}:{index}")
    traditional = rng.random() < spec.traditional_share
    return compose_document(
        rng,
        file_name(spec, index),
        load_templates(spec.samples_dir),
        load_places(),
        traditional,
        to_traditional if traditional else as_written,
    )


def _make_chunk(spec: CorpusSpec, start: int, stop: int) -> list[SynthDocument]:
    return [make_document(spec, i) for i in range(start, stop)]


def iter_documents(spec: CorpusSpec, workers: int = 1) -> Iterator[SynthDocument]:
    """The corpus's reports in order, made by `workers` processes."""
    bounds = [(s, min(s + CHUNK, spec.n_docs)) for s in range(0, spec.n_docs, CHUNK)]
    if workers <= 1 or len(bounds) <= 1:
        for start, stop in bounds:
            yield from _make_chunk(spec, start, stop)
        return
    with ProcessPoolExecutor(workers) as pool:
        # map keeps order and runs ahead by at most the pool's queue: bounded memory
        for chunk in pool.map(_make_chunk, *zip(*[(spec, s, e) for s, e in bounds], strict=True)):
            yield from chunk


def generate_corpus(spec: CorpusSpec, out: Path, workers: int | None = None) -> CorpusSummary:
    """Write the reports into `out`, with expected_mentions.csv and expected_documents.csv."""
    out.mkdir(parents=True, exist_ok=True)
    workers = workers if workers is not None else (os.cpu_count() or 1)
    n_mentions = n_chars = n_traditional = n_docs = 0
    with (
        (out / "expected_mentions.csv").open("w", encoding="utf-8", newline="") as mentions_file,
        (out / "expected_documents.csv").open("w", encoding="utf-8", newline="") as documents_file,
    ):
        mentions = csv.DictWriter(mentions_file, MENTION_COLUMNS)
        documents = csv.DictWriter(documents_file, DOCUMENT_COLUMNS)
        mentions.writeheader()
        documents.writeheader()
        for doc in iter_documents(spec, workers):
            (out / doc.file_name).write_text(doc.text, encoding="utf-8")
            documents.writerow(doc.document_row)
            mentions.writerows(doc.mention_rows)
            n_docs += 1
            n_mentions += len({(r["surface"], r["occurrence"]) for r in doc.mention_rows})
            n_chars += len(doc.text)
            n_traditional += doc.document_row["script"] == "traditional"
    return CorpusSummary(n_docs, n_mentions, n_chars, n_traditional)
