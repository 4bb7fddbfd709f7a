"""Publishing a build: the warehouse copy and the Parquet export are written while each other runs,
and only renamed into place when both are whole; a failure in either leaves the old files as they were."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from fazhi import publish as publish_module
from fazhi.audit import MARTS
from fazhi.paths import WarehousePaths, warehouse_paths
from fazhi.publish import file_identity, publish, remove_stale_copies

ROWS = 2_000


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


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
    assert paths.published.read_bytes() == b"the old warehouse"
    assert {(paths.parquet / f"{mart}.parquet").read_bytes() for mart in MARTS} == {b"the old export"}
    assert hidden(paths.published.parent) == [] and hidden(paths.parquet) == []


def test_a_failed_copy_publishes_nothing_and_waits_for_the_export(
    paths: WarehousePaths, monkeypatch: pytest.MonkeyPatch
):
    def full_disk(source: Path, target: Path) -> None:
        target.write_bytes(b"half a warehouse")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(publish_module, "_copy_durably", full_disk)
    with pytest.raises(OSError, match="No space left"):
        publish(paths)
    assert paths.published.read_bytes() == b"the old warehouse"
    assert {(paths.parquet / f"{mart}.parquet").read_bytes() for mart in MARTS} == {b"the old export"}
    # the export had finished or failed before publish returned: nothing of it is left
    assert hidden(paths.published.parent) == [] and hidden(paths.parquet) == []


def test_what_a_killed_publish_left_is_removed_by_the_next_run(paths: WarehousePaths):
    left = [paths.staging_copy, paths.parquet / f".{MARTS[0]}{publish_module.PARQUET_STAGING_INFIX}123"]
    for path in left:
        path.write_bytes(b"half")
    assert sorted(remove_stale_copies(paths)) == sorted([paths.staging_copy.name, f"parquet/{left[1].name}"])
    assert hidden(paths.published.parent) == [] and hidden(paths.parquet) == []
