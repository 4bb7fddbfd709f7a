"""The per-document UDFs give the same rows on a pool of worker processes as in-process."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.dbt_plugin import register_functions
from fazhi.row_pool import RowPool, split_by_weight

WEIGHTS = st.lists(st.integers(min_value=0, max_value=10_000), max_size=60)


@given(WEIGHTS, st.integers(min_value=1, max_value=12))
def test_split_by_weight_covers_every_row_once_in_order(weights: list[int], parts: int) -> None:
    ranges = split_by_weight(weights, parts)
    assert [i for r in ranges for i in r] == list(range(len(weights)))
    assert len(ranges) <= parts
    assert all(len(r) > 0 for r in ranges)


def test_split_by_weight_balances_the_text() -> None:
    ranges = split_by_weight([100] * 40, 4)
    assert [len(r) for r in ranges] == [10, 10, 10, 10]
    one_heavy = split_by_weight([1000, 1, 1, 1, 1, 1], 2)
    assert one_heavy[0] == range(0, 1)


def _exit_in_worker(value: str) -> str:
    """Kills the worker process it runs in; in the calling process it returns its argument."""
    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return value


@pytest.fixture(scope="module")
def pool() -> Iterator[RowPool]:
    started = RowPool(workers=2, min_chars=0, start_chars=0)
    yield started
    started.shutdown()


def test_a_dead_worker_costs_the_batch_its_pool_not_its_rows(pool: RowPool) -> None:
    rows = [(str(i),) for i in range(8)]
    assert pool.map(_exit_in_worker, rows, [1] * 8) == [str(i) for i in range(8)]


def _in_worker(value: str) -> bool:
    return multiprocessing.parent_process() is not None


def test_workers_start_only_once_the_process_has_done_enough_work_itself() -> None:
    lazy = RowPool(workers=2, min_chars=0, start_chars=10)
    try:
        rows = [(str(i),) for i in range(4)]
        assert lazy.map(_in_worker, rows, [2] * 4) == [False] * 4  # 8 characters so far: here
        assert lazy.pooled_batches == 0
        assert lazy.map(_in_worker, rows, [2] * 4) == [True] * 4  # 16 > 10: the workers start
        assert lazy.map(_in_worker, rows[:2], [1, 1]) == [True, True]  # and take every batch after
        assert lazy.pooled_batches == 2
    finally:
        lazy.shutdown()


def _connection(pool: RowPool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    register_functions(con, pool)
    return con


def _documents(con: duckdb.DuckDBPyConnection, texts: dict[str, str]) -> None:
    con.execute(
        "create table documents (file_name varchar, paragraphs varchar[], metadata map(varchar, varchar))"
    )
    for name, text in texts.items():
        paragraphs = [line for line in text.splitlines() if line.strip()]
        con.execute("insert into documents values (?, ?, map())", [name, paragraphs])
    con.execute("insert into documents values ('null.txt', null, null)")  # null in, null out


UDF_QUERY = """
    with simplified as (
        select file_name, metadata, list_transform(paragraphs, lambda p: to_simplified(p)) as paragraphs
        from documents
    )
    select
        file_name,
        simplified_content_key(array_to_string(paragraphs, '')) as content_key,
        extract_document_quantities(paragraphs) as extraction,
        attribute_document(array_to_string(paragraphs, chr(10)), file_name, metadata) as attribution
    from simplified
    order by file_name
"""


def test_the_pool_gives_what_one_process_gives(pool: RowPool, sample_texts: dict[str, str]) -> None:
    in_process = _connection(RowPool(workers=1))
    pooled = _connection(pool)
    for con in (in_process, pooled):
        _documents(con, sample_texts)
    expected = in_process.execute(UDF_QUERY).fetchall()
    before = pool.pooled_batches
    assert pooled.execute(UDF_QUERY).fetchall() == expected
    assert pool.pooled_batches > before  # the workers did compute them
    by_name = {row[0]: row for row in expected}
    assert by_name["null.txt"][1:] == (None, None, None)
    extracted = [row for row in expected if row[0] != "null.txt"]
    assert all(row[2]["error"] is None and row[3]["error"] is None for row in extracted)
    assert sum(len(m) for row in extracted for m in row[2]["mentions"]) > 200  # the samples hold ~300
