"""Files prepared in worker processes land exactly as files prepared in the loading process."""

from __future__ import annotations

import shutil
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import duckdb
import pytest

from loaders import pool as pool_module
from loaders.discover import FoundFile
from loaders.land import land_files, paragraph_id
from loaders.limits import LoadLimits
from loaders.pool import PoolSettings
from loaders.prepare import prepare_file

IN_PROCESS = PoolSettings(workers=1)
FORCED_POOL = PoolSettings(workers=2, min_seconds=0)  # the pool however few the files


@pytest.fixture()
def mixed(tmp_path, files, samples_dir, sample_texts) -> Path:
    """Every kind of outcome, spread over several chunks: new files in three formats and two
    encodings, identical copies in other chunks, and rejects."""
    folder = tmp_path / "mixed"
    shutil.copytree(samples_dir, folder)
    texts = list(sample_texts.values())
    for index, text in enumerate(texts):
        excerpt = "\n".join(text.splitlines()[: 8 + index])
        (folder / f"gb-{index}.txt").write_bytes(excerpt.encode("gb18030"))
        (folder / f"page-{index}.html").write_bytes(files.web_page(excerpt))
        (folder / f"zz-copy-{index}.txt").write_bytes(text.encode("utf-8"))  # same bytes as a sample
    (folder / "report.docx").write_bytes(files.word_document(texts[0]))
    (folder / "report.pdf").write_bytes(files.pdf_document(texts[1]))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\u3000\n", encoding="utf-8")
    (folder / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "big.txt").write_text("受理12件\n" * 20_000, encoding="utf-8")
    (folder / "outside.txt").symlink_to(samples_dir / next(iter(sample_texts)))
    return folder


LIMITS = LoadLimits(max_file_bytes=100_000)  # big.txt is over it


def landed(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Everything the loads wrote, without the load ids and clock times."""
    return {
        "documents": con.execute(
            """select document_id, file_name, source_path, media_type, encoding, byte_size, text, metadata
               from raw.documents order by document_id"""
        ).fetchall(),
        "paragraphs": con.execute("select * from raw.paragraphs order by paragraph_id").fetchall(),
        "rejects": con.execute(
            """select source_path, file_name, byte_size, content_hash, reason, reason_code
               from raw.rejects order by source_path"""
        ).fetchall(),
        "loads": con.execute(
            """select files_seen, files_landed, files_already_landed, files_identical_copies, files_rejected
               from raw.loads order by started_at"""
        ).fetchall(),
    }


def counts(summary) -> tuple:
    return (
        summary.files_seen,
        summary.files_landed,
        summary.files_already_landed,
        summary.files_identical_copies,
        summary.files_rejected,
        summary.bytes_read,
        dict(summary.reject_codes),
        summary.rejects,
    )


def not_in_this_process(*args):
    raise AssertionError("a file was prepared in the loading process")


def test_the_pool_lands_exactly_what_one_process_lands(tmp_path, mixed, monkeypatch):
    monkeypatch.setattr(pool_module, "CHUNK_FILES", 3)  # many chunks, several in flight at once
    results = {}
    for name, settings in {"in_process": IN_PROCESS, "pool": FORCED_POOL}.items():
        if name == "pool":  # every file is prepared by a worker: none falls back to this process
            monkeypatch.setattr(pool_module, "_in_process", not_in_this_process)
        with duckdb.connect(str(tmp_path / f"{name}.duckdb")) as con:
            first = land_files(con, [mixed], limits=LIMITS, pool=settings)
            again = land_files(con, [mixed], limits=LIMITS, pool=settings)
            results[name] = (counts(first), counts(again), landed(con))
    assert results["pool"] == results["in_process"]
    first, again, rows = results["pool"]
    assert first[1:5] == (17, 0, 5, 5)  # 5 samples, 5 GB18030, 5 pages, docx, pdf
    assert again[1:5] == (0, 22, 0, 5)  # the copies too were landed before
    assert first[6] == {"empty": 1, "no_text": 1, "unsupported_type": 1, "too_large": 1, "symlink_outside": 1}
    assert {row[1] for row in rows["documents"]} >= {"report.docx", "report.pdf", "gb-0.txt", "page-0.html"}
    assert len(rows["rejects"]) == 5  # recorded once, though rejected by both loads


def test_paragraph_ids_are_the_documents_id_and_index(con, mixed):
    land_files(con, [mixed], limits=LIMITS, pool=IN_PROCESS)
    rows = con.execute("select paragraph_id, document_id, paragraph_index from raw.paragraphs").fetchall()
    assert len(rows) > 100
    assert all(pid == paragraph_id(document, index) for pid, document, index in rows)


def found(*names: str, problem: str | None = None) -> list[FoundFile]:
    return [FoundFile(Path("/in") / name, Path("/in"), problem) for name in names]


def test_the_pool_is_used_when_preparing_in_process_would_take_long_enough():
    settings = PoolSettings(workers=2, min_seconds=3)
    assert not settings.use_pool(found(*(f"{i}.txt" for i in range(1000))))  # ~0.3 s of text
    assert settings.use_pool(found(*(f"{i}.txt" for i in range(10_000))))
    assert not settings.use_pool(found(*(f"{i}.pdf" for i in range(50))))
    assert settings.use_pool(found(*(f"{i}.html" for i in range(100))))
    assert not settings.use_pool(found(*(f"{i}.pdf" for i in range(100)), problem="a fifo"))
    assert not PoolSettings(workers=1, min_seconds=0).use_pool(found("a.pdf"))


def test_pool_settings_come_from_the_environment():
    settings = PoolSettings.from_env({"FAZHI_WORKERS": "3", "FAZHI_LOAD_POOL_MIN_SECONDS": "0.5"})
    assert settings == PoolSettings(workers=3, min_seconds=0.5)
    assert PoolSettings.from_env({"FAZHI_WORKERS": "0"}).workers == 1
    assert PoolSettings.from_env({}).workers >= 1


class DyingPool:
    """A pool whose workers die after two chunks (killed, out of memory)."""

    def __init__(self, **settings) -> None:
        self.chunks = 0

    def submit(self, function, paths) -> Future:
        self.chunks += 1
        future: Future = Future()
        if self.chunks <= 2:
            future.set_result([prepare_file(path, LIMITS, set()) for path in paths])
        else:
            future.set_exception(BrokenProcessPool("a worker died"))
        return future

    def shutdown(self, **options) -> None:
        pass


def test_when_workers_die_the_rest_is_prepared_in_process(tmp_path, mixed, monkeypatch, capsys):
    monkeypatch.setattr(pool_module, "CHUNK_FILES", 3)
    with duckdb.connect(str(tmp_path / "in_process.duckdb")) as con:
        expected = counts(land_files(con, [mixed], limits=LIMITS, pool=IN_PROCESS)), landed(con)
    monkeypatch.setattr(pool_module, "ProcessPoolExecutor", DyingPool)
    with duckdb.connect(str(tmp_path / "dying.duckdb")) as con:
        assert (counts(land_files(con, [mixed], limits=LIMITS, pool=FORCED_POOL)), landed(con)) == expected
    assert "worker processes failed" in capsys.readouterr().err
