"""Publishing a build: the warehouse copy is written in the background (while the caller reads the
build), the Parquet export while it finishes, and both are only renamed into place when whole; a
failure in either, or a caller that leaves without putting them in place (a failed gate), leaves
the old files as they were."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import duckdb
import pytest

from checks.marts import DUCKDB_CONFIG
from fazhi import publish as publish_module
from fazhi.audit import MARTS
from fazhi.paths import WarehousePaths, warehouse_paths
from fazhi.publish import file_identity, remove_stale_copies, staging

ROWS = 2_000


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def publish(paths: WarehousePaths) -> str | None:
    """Stage, finish, put in place: a publish with nothing to check and nothing to record."""
    with staging(paths) as staged:
        staged.finish()
        return staged.put_in_place()


def old_files_in_place(paths: WarehousePaths) -> bool:
    return paths.published.read_bytes() == b"the old warehouse" and {
        (paths.parquet / f"{mart}.parquet").read_bytes() for mart in MARTS
    } == {b"the old export"}


def nothing_staged(paths: WarehousePaths) -> bool:
    return hidden(paths.published.parent) == [] and hidden(paths.parquet) == []


@pytest.fixture()
def paths(tmp_path: Path) -> WarehousePaths:
    """A build database with every mart, and an older published warehouse with its Parquet files."""
    paths = warehouse_paths(tmp_path / "warehouse" / "fazhi.duckdb")
    paths.build.parent.mkdir(parents=True)
    with duckdb.connect(str(paths.build)) as con:
        con.execute("create schema marts")
        for mart in MARTS:  # fixed names
            con.execute(
                f"create table marts.{mart} as select range as id, 'row ' || range as label from range(?)",
                [ROWS],
            )
    paths.published.write_bytes(b"the old warehouse")
    paths.parquet.mkdir()
    for mart in MARTS:
        (paths.parquet / f"{mart}.parquet").write_bytes(b"the old export")
    return paths


def test_the_copy_and_every_mart_are_put_in_place_whole(paths: WarehousePaths):
    identity = publish(paths)
    assert identity == file_identity(paths.published)
    assert sha256(paths.published) == sha256(paths.build)  # the build, checkpointed, byte for byte
    with duckdb.connect(str(paths.published), read_only=True) as con:
        for mart in MARTS:  # fixed names
            in_parquet = con.execute(
                "select count(*), sum(id) from read_parquet(?)", [str(paths.parquet / f"{mart}.parquet")]
            )
            assert in_parquet.fetchall() == [(ROWS, ROWS * (ROWS - 1) // 2)], mart
    assert hidden(paths.published.parent) == [] and hidden(paths.parquet) == []


def test_a_failed_export_publishes_nothing(paths: WarehousePaths):
    with duckdb.connect(str(paths.build)) as con:
        con.execute(f"drop table marts.{MARTS[-1]}")
    with pytest.raises(duckdb.Error):
        publish(paths)
    assert old_files_in_place(paths) and nothing_staged(paths)


def test_a_failed_copy_publishes_nothing_and_waits_for_the_export(
    paths: WarehousePaths, monkeypatch: pytest.MonkeyPatch
):
    def full_disk(source: Path, target: Path) -> None:
        target.write_bytes(b"half a warehouse")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publish_module, "_copy_durably", full_disk)
    with pytest.raises(OSError, match="No space left"):
        publish(paths)
    # the export had finished or failed before publish returned: nothing of it is left
    assert old_files_in_place(paths) and nothing_staged(paths)


def test_a_caller_that_leaves_without_publishing_leaves_nothing_staged(paths: WarehousePaths):
    """The copy and the export were written, then the block is left by an error."""
    with pytest.raises(RuntimeError, match="the record failed"), staging(paths) as staged:
        staged.finish()
        assert paths.staging_copy.exists() and len(hidden(paths.parquet)) == len(MARTS)
        raise RuntimeError("the record failed")
    assert old_files_in_place(paths) and nothing_staged(paths)


def test_after_a_failed_gate_nothing_is_exported_and_the_copy_is_removed(paths: WarehousePaths):
    with staging(paths) as staged:
        staged.finish(export=False)
        assert paths.staging_copy.exists() and hidden(paths.parquet) == []
    assert old_files_in_place(paths) and nothing_staged(paths)


def test_the_copy_and_the_export_run_while_the_caller_reads_the_build(
    paths: WarehousePaths, monkeypatch: pytest.MonkeyPatch
):
    """The checks read the build during the copy, on read-only connections with their own
    configuration (GX's adds a user agent): the export does not need the same one."""
    reading = threading.Event()
    copy = publish_module._copy_durably

    def copy_once_read(source: Path, target: Path) -> None:
        assert reading.wait(timeout=60)
        copy(source, target)

    monkeypatch.setattr(publish_module, "_copy_durably", copy_once_read)
    checker = {**DUCKDB_CONFIG, "custom_user_agent": "a checker"}
    with staging(paths) as staged:
        with duckdb.connect(str(paths.build), read_only=True, config=checker) as con:
            reading.set()
            staged.finish()  # copied and exported while this connection was open
            assert con.execute(f"select count(*) from marts.{MARTS[0]}").fetchall() == [(ROWS,)]
        staged.put_in_place()
    assert sha256(paths.published) == sha256(paths.build) and nothing_staged(paths)


def test_the_copy_published_holds_what_was_recorded_in_the_build(paths: WarehousePaths):
    def record(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("create table if not exists marts.runs (run varchar)")
        con.execute("insert into marts.runs values ('this run')")

    with staging(paths) as staged:
        staged.finish()
        with duckdb.connect(str(paths.build)) as con:
            record(con)
        staged.record(record)
        staged.put_in_place()
    for database in (paths.build, paths.published):
        with duckdb.connect(str(database), read_only=True) as con:
            assert con.execute("select * from marts.runs").fetchall() == [("this run",)], database
    assert nothing_staged(paths)  # checkpointed: the copy left no log beside it


def test_what_a_killed_publish_left_is_removed_by_the_next_run(paths: WarehousePaths):
    left = [paths.staging_copy, paths.parquet / f".{MARTS[0]}{publish_module.PARQUET_STAGING_INFIX}123"]
    for path in left:
        path.write_bytes(b"half")
    assert sorted(remove_stale_copies(paths)) == sorted([paths.staging_copy.name, f"parquet/{left[1].name}"])
    assert hidden(paths.published.parent) == [] and hidden(paths.parquet) == []
