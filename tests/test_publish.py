"""Publishing a build: the warehouse copy is written in the background (while the caller reads the
build), the Parquet export while it finishes, and both are only renamed into place when whole; a
failure in either, or a caller that leaves without putting them in place (a failed gate), leaves
the old files as they were."""

from __future__ import annotations

import hashlib
import shutil
import threading
from pathlib import Path

import duckdb
import pytest

from checks.marts import DUCKDB_CONFIG
from fazhi import publish as publish_module
from fazhi.audit import MARTS
from fazhi.paths import WarehousePaths, warehouse_paths
from fazhi.publish import PARTITIONED_MARTS, PARTS_FOLDER, file_identity, remove_stale_copies, staging

ROWS = 2_000


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hidden(folder: Path) -> list[str]:
    """Hidden entries but the folders of parts every published link points into."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != PARTS_FOLDER)


def unlinked_parts(folder: Path) -> list[Path]:
    """Folders of parts no link in `folder` points to: an export given up, or superseded."""
    linked = {p.resolve() for p in folder.iterdir() if p.is_symlink()}
    parts = folder / PARTS_FOLDER
    return [p for p in parts.iterdir() if p.resolve() not in linked] if parts.is_dir() else []


def exported(paths: WarehousePaths, mart: str) -> str:
    """What a reader passes to read_parquet for a mart."""
    if mart in PARTITIONED_MARTS:
        return str(paths.parquet / mart / "*.parquet")
    return str(paths.parquet / f"{mart}.parquet")


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
    return (
        hidden(paths.published.parent) == []
        and hidden(paths.parquet) == []
        and not unlinked_parts(paths.parquet)
    )


@pytest.fixture()
def paths(tmp_path: Path) -> WarehousePaths:
    """A build database with every mart, and an older published warehouse with its Parquet files."""
    paths = warehouse_paths(tmp_path / "warehouse" / "fazhi.duckdb")
    paths.build.parent.mkdir(parents=True)
    with duckdb.connect(str(paths.build)) as con:
        con.execute("create schema marts")
        for mart in MARTS:  # fixed names
            con.execute(
                f"""create table marts.{mart} as
                    select range as id, 'row ' || range as label, 'doc' || (range % 10) as document_id
                    from range(?)""",
                [ROWS],
            )
        # ten documents, landed by two loads
        con.execute("create schema staging")
        con.execute(
            """create table staging.stg_documents as
               select 'doc' || range as document_id, if(range < 5, 'load-a', 'load-b') as load_id
               from range(10)"""
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
            in_parquet = con.execute("select count(*), sum(id) from read_parquet(?)", [exported(paths, mart)])
            assert in_parquet.fetchall() == [(ROWS, ROWS * (ROWS - 1) // 2)], mart
    # the marts that grow by document: one part per load, and not the single file of old
    for mart in PARTITIONED_MARTS:
        assert len(list((paths.parquet / mart).glob("load-a-*.parquet"))) == 1
        assert not (paths.parquet / f"{mart}.parquet").exists()
    assert nothing_staged(paths)


def test_a_publish_writes_only_the_parts_whose_rows_changed(paths: WarehousePaths):
    publish(paths)
    mart = PARTITIONED_MARTS[0]
    before = {p.name.split("-")[1]: p for p in (paths.parquet / mart).iterdir()}
    inodes = {load: path.stat().st_ino for load, path in before.items()}
    with duckdb.connect(str(paths.build)) as con:  # load-b loses a row; load-c lands a document
        con.execute(f"delete from marts.{mart} where id = 9")
        con.execute("insert into staging.stg_documents values ('doc10', 'load-c')")
        con.execute(f"insert into marts.{mart} values ({ROWS}, 'new', 'doc10')")
    publish(paths)
    after = {p.name.split("-")[1]: p for p in (paths.parquet / mart).iterdir()}
    assert sorted(after) == ["a", "b", "c"]
    assert after["a"].stat().st_ino == inodes["a"]  # the same file, linked from the last export
    assert after["b"].name != before["b"].name  # written again: its rows changed
    with duckdb.connect() as con:
        counted = con.execute("select count(*), max(id) from read_parquet(?)", [exported(paths, mart)])
        assert counted.fetchall() == [(ROWS, ROWS)]
    assert nothing_staged(paths)  # the last export's folder is gone


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


def test_a_caller_that_leaves_before_the_copy_and_export_ended_leaves_nothing_staged(
    paths: WarehousePaths,
):
    with pytest.raises(RuntimeError, match="the gate crashed"), staging(paths):
        raise RuntimeError("the gate crashed")
    assert old_files_in_place(paths) and nothing_staged(paths)


def test_after_a_failed_gate_the_export_and_the_copy_are_removed(paths: WarehousePaths):
    with staging(paths) as staged:
        staged.finish(keep_export=False)
        assert paths.staging_copy.exists() and hidden(paths.parquet) == []
        assert not unlinked_parts(paths.parquet)  # the folders of parts it wrote, too
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


def test_a_folder_of_parts_copied_as_a_real_folder_is_replaced(paths: WarehousePaths):
    """`shutil.copytree` (and `cp -rL`) copy the link as a folder: the next publish still works."""
    publish(paths)
    copied = paths.published.parent.parent / "copied"
    shutil.copytree(paths.published.parent, copied)
    paths = warehouse_paths(copied / paths.published.name)
    mart = PARTITIONED_MARTS[0]
    assert not (paths.parquet / mart).is_symlink()
    publish(paths)
    assert (paths.parquet / mart).is_symlink() and nothing_staged(paths)
    with duckdb.connect() as con:
        assert con.execute("select count(*) from read_parquet(?)", [exported(paths, mart)]).fetchall() == [
            (ROWS,)
        ]


def test_what_a_killed_publish_left_is_removed_by_the_next_run(paths: WarehousePaths):
    left = [paths.staging_copy, paths.parquet / f".{MARTS[0]}{publish_module.PARQUET_STAGING_INFIX}123"]
    for path in left:
        path.write_bytes(b"half")
    parts = paths.parquet / PARTS_FOLDER / f"{PARTITIONED_MARTS[0]}-given-up"
    parts.mkdir(parents=True)
    (parts / "load-a-1-0.parquet").write_bytes(b"half")
    staged_link = paths.parquet / f".{PARTITIONED_MARTS[0]}{publish_module.PARQUET_STAGING_INFIX}123"
    staged_link.symlink_to(parts.relative_to(paths.parquet), target_is_directory=True)
    assert sorted(remove_stale_copies(paths)) == sorted(
        [paths.staging_copy.name, f"parquet/{left[1].name}", f"parquet/{staged_link.name}"]
    )
    assert nothing_staged(paths) and not parts.exists()
