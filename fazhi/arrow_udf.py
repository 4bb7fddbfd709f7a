"""Python row functions as vectorized (Arrow) DuckDB UDFs whose rows a process pool computes.

DuckDB hands an Arrow UDF up to 2,048 rows at once; the rows go to fazhi/row_pool.py in chunks,
and each worker returns its chunk as an Arrow array, so converting the results costs the
workers, not the process running DuckDB. No dbt here: the workers import this module.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

import duckdb
import pyarrow as pa

from fazhi.row_pool import Row, RowPool

POOL = RowPool()  # one per process: every UDF of a build shares its workers


def _text_length(value: Any) -> int:
    """A row's weight for the pool: its characters (a list of paragraphs counts them all)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(len(item) for item in value if isinstance(item, str))
    return 0


@dataclass(frozen=True)
class RowFunction:
    """One UDF: a function of fazhi.udfs, its DuckDB types, and which argument carries the text."""

    name: str
    function: Callable[..., Any]
    parameters: tuple[str, ...]
    returns: str
    text_argument: int = 0


@cache
def arrow_type(duckdb_type: str) -> pa.DataType:
    """The Arrow type DuckDB exchanges a value of this type as (the types are the plugin's
    constants, never input)."""
    with duckdb.connect() as con:
        return con.sql(f"select null::{duckdb_type} as value").to_arrow_table().schema.field("value").type


def arrow_chunk(function: Callable[..., Any], returns: str, rows: Sequence[Row]) -> pa.Array:
    """In a worker (or here): the function on every row, as the UDF's Arrow result. A row with
    a null argument gives null without a call, as DuckDB's default null handling does for a
    scalar UDF. Building the Arrow array in the worker keeps that cost off the dbt process."""
    results = [None if None in row else function(*row) for row in rows]
    return pa.array(results, type=arrow_type(returns))


def vectorized(spec: RowFunction, pool: RowPool = POOL) -> Callable[..., pa.Array]:
    """The Arrow UDF of a row function: DuckDB's rows, handed to the pool in chunks."""
    to_arrow = partial(arrow_chunk, spec.function, spec.returns)

    def udf(*columns: pa.Array) -> pa.Array:
        rows: list[Row] = list(zip(*(column.to_pylist() for column in columns), strict=True))
        weights = [_text_length(row[spec.text_argument]) for row in rows]
        chunks = pool.map_chunks(to_arrow, rows, weights)
        return chunks[0] if len(chunks) == 1 else pa.concat_arrays(chunks)

    # DuckDB counts a UDF's parameters from its signature: give the varargs one of the right arity
    udf.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(f"arg{i}", inspect.Parameter.POSITIONAL_ONLY) for i in range(len(spec.parameters))]
    )
    return udf
