"""Great Expectations' SQL data source on the build database: GX's metrics run as DuckDB queries.

GX 1.24.1 opens a new SQLAlchemy connection per query unless the dialect is in its
`_PERSISTED_CONNECTION_DIALECTS`; on duckdb-engine that fails every expectation ("list index out
of range"). DuckDB is added to that tuple: GX then keeps one connection for the whole validation,
which also keeps the temp tables the mart queries read (`checks.marts.PREPARE_SQL`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from great_expectations.execution_engine import sqlalchemy_execution_engine as engine_module

from checks.marts import DUCKDB_CONFIG

DIALECT = "duckdb"


class _DialectName(str):
    """Equal to "duckdb" and with a `.value`, like the GXSqlDialect members of that tuple."""

    __slots__ = ()

    @property
    def value(self) -> str:
        return str(self)


def persist_duckdb_connections() -> None:
    """Idempotent: add DuckDB to the dialects GX validates on one persisted connection."""
    dialects = engine_module._PERSISTED_CONNECTION_DIALECTS
    if DIALECT not in dialects:
        engine_module._PERSISTED_CONNECTION_DIALECTS = (*dialects, _DialectName(DIALECT))


def _connect_args(build_db: Path) -> dict[str, Any]:
    # the path goes to duckdb.connect as it is (in a URL, '#', '%' or '?' would need escaping)
    return {"database": str(build_db), "read_only": True, "config": dict(DUCKDB_CONFIG)}


@contextmanager
def duckdb_source(context: Any, name: str, build_db: Path, prepare: Sequence[str]) -> Iterator[Any]:
    """A read-only GX SQL data source on `build_db`; every connection runs `prepare` first.

    The connection is closed on exit, so the caller can open the file read-write again.
    """
    persist_duckdb_connections()
    source = context.data_sources.add_sql(
        name, connection_string=f"{DIALECT}:///:memory:", kwargs={"connect_args": _connect_args(build_db)}
    )
    execution_engine = source.get_execution_engine()

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        for statement in prepare:
            dbapi_connection.execute(statement)

    sa.event.listen(execution_engine.engine, "connect", on_connect)
    try:
        yield source
    finally:
        _close(source, execution_engine)


def _close(source: Any, execution_engine: Any) -> None:
    # GX keeps the persisted connection checked out: dispose() alone would leave it open
    connection = execution_engine._connection
    if connection is not None:
        connection.close()
        execution_engine._connection = None
    execution_engine.engine.dispose()
    source.get_engine().dispose()  # the source's own engine (its connection test), if it made one
