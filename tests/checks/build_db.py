"""A small build database with the tables and columns the checks read, for the gate's tests.

10 documents × 10 paragraphs × 3 mentions (a rate of an indicator, a count, an amount): all in
range, all inside their paragraphs. Tests change rows with plain SQL to make violations.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

DOCUMENTS, PARAGRAPHS, PER_PARAGRAPH = 10, 10, 3
MENTIONS = DOCUMENTS * PARAGRAPHS * PER_PARAGRAPH
# (kind, unit, value, metric_id) of the j-th mention of a paragraph
KINDS = [("rate", "%", 50.0, "a_rate"), ("count", "件", 12.0, None), ("amount", "万元", 3.5, None)]

SCHEMA = """
create schema marts; create schema staging; create schema seeds;
create table seeds.metric_catalog (metric_id varchar, valid_min double, valid_max double, unit varchar);
create table seeds.dq_kind_ranges (kind varchar, unit varchar, valid_min double, valid_max double);
create table seeds.units (unit varchar);
create table seeds.noun_units (unit varchar);
create table staging.stg_paragraphs (paragraph_id varchar, document_id varchar, char_start integer,
                                     char_end integer);
create table marts.dim_documents (document_id varchar, report_year integer, jurisdiction_level varchar);
create table marts.fct_quantity_mentions (
    mention_id varchar, document_id varchar, file_name varchar, paragraph_id varchar, char_start integer,
    char_end integer, surface varchar, value double, unit varchar, qualifier varchar, kind varchar,
    metric_id varchar, dq_valid_min double, dq_valid_max double, dq_status varchar);
create table marts.fct_metric_observations (
    mention_id varchar, metric_id varchar, report_year integer, document_id varchar, paragraph_id varchar,
    char_start integer, char_end integer, value double);
create table marts.metrics_by_jurisdiction_year (jurisdiction_id varchar, report_year integer,
                                                 metric_id varchar, value double);
create table marts.dim_metric (metric_id varchar, valid_min double, valid_max double);
create table marts.dim_jurisdiction (jurisdiction_id varchar);
insert into seeds.metric_catalog values ('a_rate', 0, 100, '%'), ('b_count', 0, null, '件');
insert into seeds.dq_kind_ranges values ('rate', '%', 0, 100), ('count', '*', 0, null),
                                        ('count', '个', 0, 1e4), ('amount', '*', 0, null);
insert into seeds.units values ('%'), ('件'), ('万元');
insert into seeds.noun_units values ('人');
insert into marts.dim_metric select metric_id, valid_min, valid_max from seeds.metric_catalog;
"""


def make_build_db(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        con.execute(SCHEMA)
        for d in range(DOCUMENTS):
            doc = f"doc{d}"
            con.execute("insert into marts.dim_documents values (?, 2024, 'county')", [doc])
            con.execute("insert into marts.dim_jurisdiction values (?)", [f"j{d}"])
            con.execute(
                "insert into marts.metrics_by_jurisdiction_year values (?, 2024, 'a_rate', 50)", [f"j{d}"]
            )
            for p in range(PARAGRAPHS):
                para = f"{doc}-p{p}"
                con.execute(
                    "insert into staging.stg_paragraphs values (?, ?, ?, ?)",
                    [para, doc, p * 100, p * 100 + 100],
                )
                for j, (kind, unit, value, metric) in enumerate(KINDS):
                    mention = f"{para}-m{j}"
                    start = p * 100 + 10 * j
                    con.execute(
                        """insert into marts.fct_quantity_mentions values
                           (?, ?, ?, ?, ?, ?, ?, ?, ?, 'exact', ?, ?, 0, null, 'ok')""",
                        [mention, doc, f"{doc}.txt", para, start, start + 5, f"{value}{unit}", value, unit,
                         kind, metric],
                    )  # fmt: skip
                    if metric:
                        con.execute(
                            "insert into marts.fct_metric_observations values (?, ?, 2024, ?, ?, ?, ?, ?)",
                            [mention, metric, doc, para, start, start + 5, value],
                        )
    return path
