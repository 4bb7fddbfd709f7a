"""Did speed cost correctness? The published warehouse against the corpus's expected rows.

Matched in SQL (the official scorer, /work/shared/tools/score_extraction.py, is pairwise
Python and too slow for a million mentions): a predicted mention matches an expected one of
the same document that starts at the same character with the same value (relative 1e-6).
That is stricter than the scorer's 40-character tolerance.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class Score:
    expected: int
    predicted: int
    matched: int
    documents: int
    jurisdiction_right: int
    year_right: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(warehouse: Path, corpus: Path) -> Score:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute(
            """create temp table expected as
               select distinct doc, char_start::bigint as char_start, value::double as value
               from read_csv(?, all_varchar = true)""",
            [str(corpus / "expected_mentions.csv")],
        )
        con.execute(
            """create temp table predicted as
               select distinct d.file_name as doc, m.char_start, m.char_end, m.value
               from marts.fct_quantity_mentions m join marts.dim_documents d using (document_id)
               where m.value is not null"""
        )
        expected, predicted, matched = con.execute(
            """select (select count(*) from expected), (select count(*) from predicted),
                      (select count(*) from expected e where exists (
                           select 1 from predicted p where p.doc = e.doc and p.char_start = e.char_start
                           and abs(p.value - e.value) <= 1e-6 * greatest(1, abs(e.value))))"""
        ).fetchone()
        documents, jurisdiction, year = con.execute(
            """select count(*), count(*) filter (where d.jurisdiction_name = e.jurisdiction),
                      count(*) filter (where d.report_year::varchar = e.report_year)
               from read_csv(?, all_varchar = true) e
               left join marts.dim_documents d on d.file_name = e.doc""",
            [str(corpus / "expected_documents.csv")],
        ).fetchone()
    return Score(expected, predicted, matched, documents, jurisdiction, year)
