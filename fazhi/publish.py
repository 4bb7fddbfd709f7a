"""Publish the build database: a reader sees the old warehouse or the new one, never a mix.

Write-audit-publish, the copy written while the audit runs:

1. `staging(paths)` checkpoints the build database (everything in its main file, nothing left in
   the WAL), then a background thread copies it beside the published file. Until the copy is on
   disk nothing may write the build: the caller only reads it, read-only (the checks).
2. `Staging.finish()`, once the gate passed, exports the marts to hidden Parquet files beside
   theirs while the copy finishes, and waits for the copy. (Not during the checks: both keep
   two cores busy, so together they took longer than one after the other; the copy is mostly
   the disk's.)
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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
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
        stale.unlink(missing_ok=True)
        removed.append(f"{paths.parquet.name}/{stale.name}")
    return removed


class Staging:
    """The build's copy (written by a background thread) and Parquet export; see the module's docstring."""

    def __init__(self, paths: WarehousePaths) -> None:
        self.paths = paths
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="publish-copy")
        self._copied = self._pool.submit(_copy_durably, paths.build, paths.staging_copy)
        self._parquet: dict[Path, Path] = {}  # staged -> final

    def finish(self, export: bool = True) -> None:
        """Export the marts to staged Parquet files while the copy finishes (not after a failed
        gate), then wait for the copy. Raises what failed (OSError, duckdb.Error) once neither runs."""
        try:
            if export:
                self._parquet = _export_parquet(self.paths.build, self.paths.parquet)
        finally:
            self._copied.result()

    def record(self, write: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
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
        for staged, final in self._parquet.items():  # each file whole, old or new
            os.replace(staged, final)
        if self._parquet:
            _fsync_dir(self.paths.parquet)
        return file_identity(self.paths.published)

    def discard(self) -> None:
        """Wait for the copy to end, then remove whatever was not put in place."""
        self._pool.shutdown(wait=True)
        copy = self.paths.staging_copy
        for path in (copy, copy.with_name(f"{copy.name}.wal"), *self._parquet):
            path.unlink(missing_ok=True)


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


def _export_parquet(build: Path, folder: Path) -> dict[Path, Path]:
    """Write every mart to a hidden file beside `<folder>/<mart>.parquet`; return staged -> final."""
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
                staged[target] = folder / f"{mart}.parquet"
                sql = f"copy (select * from build.marts.{mart}) to ? ({PARQUET_OPTIONS})"
                con.execute(sql, [str(target)])
                _fsync(target)  # on disk before its rename, like the warehouse copy
    except BaseException:
        for target in staged:
            target.unlink(missing_ok=True)
        raise
    return staged


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
