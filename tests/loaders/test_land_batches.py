"""Documents land in batches of transactions; every one lands whole, with its paragraphs."""

import duckdb
import pytest

from loaders import land
from loaders.batch import DocumentBatch, memory_bytes
from loaders.land import land_files


@pytest.fixture()
def many_reports(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for i in range(7):
        text = f"某县{i}年法治政府建设年度报告\n办理案件{i + 10}件。\n"
        (folder / f"r{i}.txt").write_text(text, encoding="utf-8")
    (folder / "copy.txt").write_text("某县0年法治政府建设年度报告\n办理案件10件。\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_files_over_several_batches_all_land_with_their_paragraphs(con, many_reports, monkeypatch):
    monkeypatch.setattr(land, "BATCH_FILES", 3)
    summary = land_files(con, [many_reports])
    assert (summary.files_landed, summary.files_identical_copies, summary.files_rejected) == (7, 1, 1)
    assert con.execute("select count(*) from raw.documents").fetchone() == (7,)
    assert con.execute("select count(*) from raw.paragraphs").fetchone() == (14,)
    again = land_files(con, [many_reports])
    assert (again.files_landed, again.files_already_landed) == (0, 8)


def test_a_failed_batch_leaves_no_document_without_its_paragraphs(con, many_reports, monkeypatch):
    monkeypatch.setattr(land, "BATCH_FILES", 3)
    calls = 0

    def fail_on_second_commit(self):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise duckdb.IOException("disk full")
        original(self)

    original = DocumentBatch.commit
    monkeypatch.setattr(DocumentBatch, "commit", fail_on_second_commit)
    with pytest.raises(duckdb.IOException):
        land_files(con, [many_reports])
    orphans = con.execute(
        """select count(*) from raw.documents d
           where not exists (select 1 from raw.paragraphs p where p.document_id = d.document_id)"""
    ).fetchone()
    assert orphans == (0,)
    assert con.execute("select count(*) from raw.documents").fetchone() == (3,)


SETTINGS = "select current_setting('memory_limit'), current_setting('checkpoint_threshold')"


@pytest.mark.parametrize(("configured", "while_loading"), [("8GiB", "512.0 MiB"), ("100MiB", "100.0 MiB")])
def test_a_load_bounds_duckdbs_memory_and_restores_the_connections_settings(
    con, many_reports, monkeypatch, configured, while_loading
):
    con.execute("set memory_limit = ?", [configured])
    con.execute("set checkpoint_threshold = '20MiB'")
    before = con.execute(SETTINGS).fetchone()
    during = []
    original = DocumentBatch.commit

    def spy(self):
        during.append(con.execute(SETTINGS).fetchone())
        original(self)

    monkeypatch.setattr(DocumentBatch, "commit", spy)
    land_files(con, [many_reports])
    assert set(during) == {(while_loading, "256.0 MiB")}  # a lower limit set on the connection is kept
    assert con.execute(SETTINGS).fetchone() == before


def test_amounts_of_memory_are_read_as_duckdb_shows_them():
    assert memory_bytes("18.8 GiB") == int(18.8 * 2**30)
    assert memory_bytes("1GB") == 10**9
    assert memory_bytes("512 bytes") == 512
    assert memory_bytes("unlimited") is None
