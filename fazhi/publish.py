"""Publish the build database: a reader sees the old warehouse or the new one, never a mix.

Write-audit-publish, the copy written while the audit runs:

1. `staging(paths)` checkpoints the build database (everything in its main file, nothing left in
   the WAL), then two background threads copy it beside the published file and export its
   marts to hidden Parquet files beside theirs. Until both are done nothing may write the
   build: the caller only reads it, read-only (the checks). Since the export writes only the
   Parquet parts whose rows changed, it fits beside the checks: at 100,000 reports the time from
   the end of dbt to the rename went from 28 s (export after the gate) to 22-24 s.
2. `Staging.finish(keep_export)` waits for both; after a failed gate (`keep_export` false) the
   export is removed.
3. `Staging.record(write)` applies `write` to the copy (the caller applies the same function to
   the build: the run's record and check results, so the published file carries its own run),
   checkpoints the copy and puts it on disk.
4. `Staging.put_in_place()` renames the copy over the published file, then each Parquet file
   over its own: each rename is atomic.

Leaving the `staging` block any other way (a failed gate, an error) waits for the copy and
removes what was staged: the published files stay as they were. A killed process leaves them
behind for the next run to remove (`remove_stale_copies`). The published file is never opened:
a BI tool holding it open read-only keeps reading the old one until it reconnects.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from pathlib import Path

import duckdb

from fazhi import testhooks
from fazhi.audit import MARTS
from fazhi.paths import WarehousePaths


def file_identity(path: Path) -> str | None:
    """size:mtime of a file: changes whenever the file is replaced or rewritten (a copy made
    with its times kept, as by a backup, keeps it)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def remove_stale_copies(paths: WarehousePaths) -> list[str]:
    """Copies left by a publish that was killed before its rename (the caller holds the lock)."""
    removed = []
    for stale in paths.published.parent.glob(f"{paths.staging_prefix}*"):
        stale.unlink(missing_ok=True)
        removed.append(stale.name)
    for stale in paths.parquet.glob(f".*{PARQUET_STAGING_INFIX}*"):
        stale.unlink(missing_ok=True)  # a file, or a link to a folder of parts
        removed.append(f"{paths.parquet.name}/{stale.name}")
    _prune_parts(paths.parquet)
    return removed


Write = Callable[[duckdb.DuckDBPyConnection], None]


class Staging:
    """The build's copy and Parquet export (written by background threads); see the module's docstring."""

    def __init__(self, paths: WarehousePaths) -> None:
        self.paths = paths
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="publish")
        self._copied = self._pool.submit(_copy_durably, paths.build, paths.staging_copy)
        self._exported = self._pool.submit(_export_parquet, paths.build, paths.parquet)
        # staged -> final; None until the export is collected (`_collect`), {} once dropped or put in place
        self._parquet: dict[Path, Path] | None = None

    def finish(self, keep_export: bool = True) -> None:
        """Wait for the copy and the export; a failed gate (`keep_export` false) drops the export.
        Raises what failed (OSError, duckdb.Error; the copy's first) once neither runs."""
        self._collect()
        if not keep_export:
            self._drop_parquet()
        self._copied.result()
        self._exported.result()

    def record(self, write: Write) -> None:
        """`write` on the finished copy, checkpointed and on disk before it is renamed."""
        self._copied.result()
        with duckdb.connect(str(self.paths.staging_copy)) as con:
            write(con)
            con.execute("checkpoint")
        _fsync(self.paths.staging_copy)

    def put_in_place(self) -> str | None:
        """Rename the copy over the published file, then the Parquet files; returns the identity of
        the published file."""
        self._copied.result()
        testhooks.pause("publish")
        os.replace(self.paths.staging_copy, self.paths.published)  # atomic on one file system
        _fsync_dir(self.paths.published.parent)
        if self._parquet:
            for staged, final in self._parquet.items():  # each file (or folder link) whole, old or new
                _replace(staged, final)
            _fsync_dir(self.paths.parquet)
            for mart in PARTITIONED_MARTS:  # the single file earlier versions wrote
                (self.paths.parquet / f"{mart}.parquet").unlink(missing_ok=True)
            _prune_parts(self.paths.parquet)
        self._parquet = {}
        return file_identity(self.paths.published)

    def discard(self) -> None:
        """Wait for the copy and the export to end, then remove whatever was not put in place."""
        self._pool.shutdown(wait=True)
        self._collect()  # left before `finish`: the export's files are staged all the same
        self._drop_parquet()
        copy = self.paths.staging_copy
        for path in (copy, copy.with_name(f"{copy.name}.wal")):
            path.unlink(missing_ok=True)

    def _collect(self) -> None:
        """Wait for the copy and the export, and hold the files the export staged (none if it
        failed: it removed its own); once only, so nothing dropped or put in place comes back."""
        wait([self._copied, self._exported])
        if self._parquet is None:
            self._parquet = self._exported.result() if self._exported.exception() is None else {}

    def _drop_parquet(self) -> None:
        if self._parquet:
            _remove_staged(self.paths.parquet, self._parquet)
        self._parquet = {}


@contextmanager
def staging(paths: WarehousePaths) -> Iterator[Staging]:
    """Checkpoint the build database and start copying it; on leaving, wait for the copy and
    remove whatever was not put in place."""
    paths.published.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(paths.build)) as con:
        con.execute("checkpoint")  # everything in the main file: the copy is the whole database
    staged = Staging(paths)
    try:
        yield staged
    finally:
        staged.discard()


def _copy_durably(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    _fsync(target)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


PARQUET_STAGING_INFIX = ".parquet.publishing-"
# zstd at level 1: at 100,000 reports it writes the marts with 13 % less CPU than the default
# level 3, for files 1 % larger.
PARQUET_OPTIONS = "format parquet, compression zstd, compression_level 1"
# Without a limit DuckDB's buffer pool keeps what the export read, up to 80 % of RAM: 3.0 GB at
# 100,000 reports; 2.0 GB at this limit, in 15 s instead of 14 (at 1GB, 22 s).
EXPORT_CONFIG = {"memory_limit": "2GB"}


# The marts that grow by document are folders of Parquet files, one per load (the documents it
# landed), named by the part's row count and a hash of its rows: a publish writes only the parts
# whose rows changed (a nightly: the new load's), and links the others from the last export.
# At 100,000 reports a whole export took ~27 CPU-seconds, for a hundred new reports.
# `<folder>/<mart>` is a symbolic link to a folder of parts under `<folder>/.parts/`, replaced
# by a rename, so a reader of `<mart>/*.parquet` sees one export or the other, never a mix.
PARTITIONED_MARTS = ("fct_quantity_mentions", "fct_metric_observations")
PARTS_FOLDER = ".parts"
_PART_HASHES_SQL = """
    select d.load_id, count(*), bit_xor(hash(m))
    from build.marts.{mart} as m
    inner join build.staging.stg_documents as d on d.document_id = m.document_id
    group by d.load_id
"""
_PART_ROWS_SQL = """
    select * from build.marts.{mart}
    where document_id in (select document_id from build.staging.stg_documents where load_id = ?)
"""


def _export_parquet(build: Path, folder: Path) -> dict[Path, Path]:
    """Write every mart beside `<folder>/<mart>.parquet` (or, partitioned, `<folder>/<mart>/`) as a
    hidden file or link; return staged -> final."""
    folder.mkdir(parents=True, exist_ok=True)
    staged: dict[Path, Path] = {}
    # `build` attached read-only to a DuckDB of its own, with its own limit, whatever this process
    # has open on the file (DuckDB opens a file once per process, with one configuration: GX's
    # connections have theirs). It spills into a folder of its own too: the checks' DuckDB
    # spills into `<build>.tmp`.
    config = {**EXPORT_CONFIG, "temp_directory": f"{build}.export.tmp"}
    try:
        with duckdb.connect(config=config) as con:
            con.execute("attach ? as build (read_only)", [str(build)])
            for mart in MARTS:  # fixed names, not input; the paths are bound parameters
                target = folder / f".{mart}{PARQUET_STAGING_INFIX}{os.getpid()}"
                if mart in PARTITIONED_MARTS:
                    staged[target] = folder / mart
                    _export_parts(con, mart, folder, target)
                    continue
                staged[target] = folder / f"{mart}.parquet"
                sql = f"copy (select * from build.marts.{mart}) to ? ({PARQUET_OPTIONS})"
                con.execute(sql, [str(target)])
                _fsync(target)  # on disk before its rename, like the warehouse copy
    except BaseException:
        _remove_staged(folder, staged)
        raise
    return staged


def _remove_staged(folder: Path, staged: dict[Path, Path]) -> None:
    """Remove staged Parquet files and links, and the folders of parts no link points to anymore."""
    for target in staged:
        target.unlink(missing_ok=True)
    _prune_parts(folder)


def _export_parts(con: duckdb.DuckDBPyConnection, mart: str, folder: Path, link: Path) -> None:
    """A new folder of `mart`'s parts, each linked from the last export when its rows are the same,
    else written; `link` (hidden) points to it."""
    current = folder / mart
    parts = folder / PARTS_FOLDER / f"{mart}-{uuid.uuid4().hex}"
    parts.mkdir(parents=True)
    for load_id, rows, row_hash in con.execute(_PART_HASHES_SQL.format(mart=mart)).fetchall():
        name = f"{load_id}-{rows}-{row_hash:016x}.parquet"
        if (current / name).is_file():
            _link_or_copy(current / name, parts / name)
            continue
        con.execute(f"copy ({_PART_ROWS_SQL.format(mart=mart)}) to ? ({PARQUET_OPTIONS})",
                    [load_id, str(parts / name)])  # fmt: skip
        _fsync(parts / name)
    _fsync_dir(parts)
    link.symlink_to(parts.relative_to(folder), target_is_directory=True)


def _replace(staged: Path, final: Path) -> None:
    """Rename `staged` over `final`; a folder of parts that is a real folder, not a link (the
    warehouse folder was copied by a tool that follows links), is first moved aside, to be pruned."""
    if final.is_dir() and not final.is_symlink():
        os.replace(final, final.parent / PARTS_FOLDER / f"{final.name}-copied-{uuid.uuid4().hex}")
    os.replace(staged, final)  # atomic on one file system


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)  # the same file, not a second copy of it
    except OSError:
        shutil.copy2(source, target)


def _prune_parts(folder: Path) -> None:
    """Remove the folders of parts no link in `folder` points to (an older export, or one staged
    and given up); a reader that has a file of them open keeps reading it."""
    root = folder / PARTS_FOLDER
    if not root.is_dir():
        return
    linked = {(folder / os.readlink(path)).resolve() for path in folder.iterdir() if path.is_symlink()}
    for parts in root.iterdir():
        if parts.resolve() not in linked:
            shutil.rmtree(parts, ignore_errors=True)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
