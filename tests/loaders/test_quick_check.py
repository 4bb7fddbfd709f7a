"""A file unchanged since a load read it (path, size, mtime) is not read again (loaders.quick_check)."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import duckdb
import pytest

from fazhi.supersede import supersede_changed_files
from loaders import pool as pool_module
from loaders.land import land_files
from loaders.pool import PoolSettings
from loaders.summary import LoadSummary

IN_PROCESS = PoolSettings(workers=1)
FORCED_POOL = PoolSettings(workers=2, min_seconds=0)
HOUR_AGO_NS = (time.time_ns() // 10**9 - 3600) * 10**9  # files older than this have settled


def report(i: int, cases: int = 10) -> str:
    return f"某县{i}年法治政府建设年度报告\n办理行政复议案件{cases}件。\n"


def set_mtime(path: Path, modified_ns: int) -> None:
    os.utime(path, ns=(modified_ns, modified_ns))


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    """Three reports, written an hour ago."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for i in range(3):
        path = folder / f"r{i}.txt"
        path.write_text(report(i), encoding="utf-8")
        set_mtime(path, HOUR_AGO_NS)
    return folder


@pytest.fixture()
def reads(monkeypatch) -> list[str]:
    """The names of the files each load reads (prepares), in order."""
    names: list[str] = []
    original = pool_module.prepare_file

    def spy(path, limits, known):
        names.append(path.name)
        return original(path, limits, known)

    monkeypatch.setattr(pool_module, "prepare_file", spy)
    return names


def load(con: duckdb.DuckDBPyConnection, folder: Path, reads: list[str]) -> tuple[LoadSummary, list[str]]:
    """Land the folder in one process; the summary and the files read."""
    reads.clear()
    summary = land_files(con, [folder], pool=IN_PROCESS)
    assert summary.files_seen == (
        summary.files_landed
        + summary.files_already_landed
        + summary.files_identical_copies
        + summary.files_rejected
    )
    assert summary.files_unchanged <= summary.files_already_landed
    return summary, sorted(reads)


def seen_files(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("select source_path, document_id from raw.seen_files").fetchall())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_second_load_reads_no_file(con, inbox, reads):
    first, read = load(con, inbox, reads)
    assert first.files_landed == 3 and read == ["r0.txt", "r1.txt", "r2.txt"]
    assert seen_files(con) == {str(path): sha256(path) for path in inbox.iterdir()}
    again, read = load(con, inbox, reads)
    assert read == [] and again.bytes_read == 0
    assert (again.files_seen, again.files_already_landed, again.files_unchanged, again.files_landed) == (
        3,
        3,
        3,
        0,
    )
    assert "3 already landed (3 of them unchanged since their last load, not read)" in again.describe()
    assert "(3 of them unchanged since their last load, not read)" in again.paragraph()
    assert con.execute(
        "select files_seen, files_already_landed, files_unchanged from raw.loads where load_id = ?",
        [again.load_id],
    ).fetchall() == [(3, 3, 3)]


def test_a_file_rewritten_with_new_content_is_read_again_and_replaces_the_old(con, inbox, reads):
    load(con, inbox, reads)
    changed = inbox / "r1.txt"
    old_id = sha256(changed)
    changed.write_text(report(1, cases=20), encoding="utf-8")  # the same size: only the mtime tells
    set_mtime(changed, HOUR_AGO_NS + 10**9)
    summary, read = load(con, inbox, reads)
    assert read == ["r1.txt"]
    assert (summary.files_landed, summary.files_already_landed, summary.files_unchanged) == (1, 2, 2)
    assert supersede_changed_files(con) == 1
    assert con.execute(
        "select document_id from raw.documents where source_path = ?", [str(changed)]
    ).fetchall() == [(sha256(changed),)]
    assert old_id != sha256(changed) and seen_files(con)[str(changed)] == sha256(changed)
    _, read = load(con, inbox, reads)
    assert read == []


def test_a_touched_file_is_read_again_and_counted_already_landed(con, inbox, reads):
    load(con, inbox, reads)
    set_mtime(inbox / "r2.txt", HOUR_AGO_NS + 10**9)
    summary, read = load(con, inbox, reads)
    assert read == ["r2.txt"]
    assert (summary.files_landed, summary.files_already_landed, summary.files_unchanged) == (0, 3, 2)
    assert summary.bytes_read == (inbox / "r2.txt").stat().st_size
    _, read = load(con, inbox, reads)
    assert read == []  # its new mtime was recorded


def test_a_file_whose_document_left_raw_is_read_again_and_lands(con, inbox, reads):
    load(con, inbox, reads)
    gone = sha256(inbox / "r0.txt")
    con.execute("delete from raw.paragraphs where document_id = ?", [gone])
    con.execute("delete from raw.documents where document_id = ?", [gone])
    summary, read = load(con, inbox, reads)
    assert read == ["r0.txt"]
    assert (summary.files_landed, summary.files_unchanged) == (1, 2)
    assert con.execute("select count(*) from raw.documents where document_id = ?", [gone]).fetchone() == (1,)


def test_identical_copies_are_recorded_at_each_path_and_not_read_again(con, inbox, reads):
    copy = inbox / "z-copy.txt"
    copy.write_bytes((inbox / "r0.txt").read_bytes())
    set_mtime(copy, HOUR_AGO_NS)
    first, _ = load(con, inbox, reads)
    assert (first.files_landed, first.files_identical_copies) == (3, 1)
    later = inbox / "zz-later-copy.txt"  # a copy arriving after its original landed
    later.write_bytes(copy.read_bytes())
    set_mtime(later, HOUR_AGO_NS)
    summary, read = load(con, inbox, reads)
    assert read == ["zz-later-copy.txt"]
    assert (summary.files_already_landed, summary.files_unchanged, summary.files_identical_copies) == (
        5,
        4,
        0,
    )
    seen = seen_files(con)
    assert seen[str(copy)] == seen[str(later)] == seen[str(inbox / "r0.txt")]
    _, read = load(con, inbox, reads)
    assert read == []


def test_rejected_files_and_files_modified_just_now_are_read_by_every_load(con, inbox, reads):
    blank = inbox / "blank.txt"
    blank.write_text(" \n\u3000\n", encoding="utf-8")
    set_mtime(blank, HOUR_AGO_NS)
    (inbox / "new.txt").write_text(report(9), encoding="utf-8")  # modified now: not settled
    load(con, inbox, reads)
    assert set(seen_files(con)) == {str(inbox / f"r{i}.txt") for i in range(3)}
    summary, read = load(con, inbox, reads)
    assert read == ["blank.txt", "new.txt"]
    assert (summary.files_rejected, summary.files_already_landed, summary.files_unchanged) == (1, 4, 3)
    assert con.execute("select count(*) from raw.rejects").fetchone() == (1,)


def test_the_stat_is_taken_before_the_file_is_read(con, inbox, reads, monkeypatch):
    """A file changed while being read has a newer mtime than the one recorded: read again."""
    original = pool_module.prepare_file  # the spy of `reads`

    def rewritten_while_read(path, limits, known):
        if path.name == "r1.txt":
            path.write_text(report(1, cases=30), encoding="utf-8")
            set_mtime(path, HOUR_AGO_NS + 10**9)
        return original(path, limits, known)

    monkeypatch.setattr(pool_module, "prepare_file", rewritten_while_read)
    load(con, inbox, reads)
    monkeypatch.setattr(pool_module, "prepare_file", original)
    summary, read = load(con, inbox, reads)
    assert read == ["r1.txt"] and summary.files_already_landed == 3  # its new content landed the first time


def test_an_older_build_database_gains_the_table_and_reads_everything_once(con, inbox, reads):
    load(con, inbox, reads)
    con.execute("drop table raw.seen_files")
    con.execute("alter table raw.loads drop column files_unchanged")
    summary, read = load(con, inbox, reads)
    assert len(read) == 3 and summary.files_already_landed == 3
    _, read = load(con, inbox, reads)
    assert read == []


def test_the_pool_records_what_one_process_records(tmp_path, inbox, monkeypatch):
    recorded = {}
    for name, settings in {"in_process": IN_PROCESS, "pool": FORCED_POOL}.items():
        with duckdb.connect(str(tmp_path / f"{name}.duckdb")) as con:
            land_files(con, [inbox], pool=settings)
            recorded[name] = con.execute(
                "select source_path, byte_size, modified_ns, document_id from raw.seen_files order by all"
            ).fetchall()
            again = land_files(con, [inbox], pool=settings)
            assert (again.files_unchanged, again.bytes_read) == (3, 0)
    assert recorded["pool"] == recorded["in_process"] and len(recorded["pool"]) == 3
