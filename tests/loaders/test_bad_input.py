"""A crawl folder's worst: each bad file is rejected with a reason a person understands, and the
load goes on. Every fixture is generated here; nothing binary is checked in."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from loaders import formats
from loaders import prepare as prepare_module
from loaders.formats import ExtractedText
from loaders.land import land_files
from loaders.limits import MB, LoadLimits
from loaders.progress import PlainLines


def rejects(con) -> dict[str, tuple[str, str]]:
    rows = con.execute("select file_name, reason_code, reason from raw.rejects").fetchall()
    return {name: (code, reason) for name, code, reason in rows}


@pytest.fixture()
def crawl(tmp_path, files, sample_texts) -> Path:
    """One good report and every kind of bad file."""
    text = next(iter(sample_texts.values()))
    folder = tmp_path / "crawl"
    folder.mkdir()
    good_pdf = files.pdf_document(text)
    (folder / "good.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "scan.pdf").write_bytes(files.image_only_pdf())
    (folder / "truncated.pdf").write_bytes(good_pdf[: len(good_pdf) // 2])
    (folder / "locked.pdf").write_bytes(files.encrypted_pdf(text))
    (folder / "bomb.docx").write_bytes(files.zip_bomb(300 * MB))
    (folder / "not-a-zip.docx").write_text("这不是Word文件", encoding="utf-8")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (folder / "links-only.html").write_bytes(files.link_page())
    (folder / "blank.txt").write_text(" \n\u3000\n", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as handle:  # 200 MB, sparse: never read
        handle.truncate(200 * MB)
    return folder


EXPECTED_CODES = {
    "empty.txt": "empty",
    "empty.pdf": "empty",
    "binary.txt": "binary",
    "photo.png": "unsupported_type",
    "scan.pdf": "no_text_layer",
    "truncated.pdf": "damaged",
    "locked.pdf": "encrypted",
    "bomb.docx": "zip_bomb",
    "not-a-zip.docx": "not_a_zip",
    "old.doc": "unsupported_type",
    "links-only.html": "no_main_text",
    "blank.txt": "no_text",
    "huge.txt": "too_large",
}


def test_every_bad_file_is_rejected_with_its_reason_and_the_good_one_lands(con, crawl):
    summary = land_files(con, [crawl])
    assert summary.files_seen == len(EXPECTED_CODES) + 1
    assert summary.files_landed == 1
    assert summary.files_rejected == len(EXPECTED_CODES)
    found = rejects(con)
    assert {name: code for name, (code, _) in found.items()} == EXPECTED_CODES
    assert "password" in found["locked.pdf"][1]
    assert "text layer" in found["scan.pdf"][1]
    assert "truncated" in found["truncated.pdf"][1]
    assert "limit is 50.0 MB" in found["huge.txt"][1] and "--max-file-mb" in found["huge.txt"][1]
    assert "zip bomb" in found["bomb.docx"][1]
    assert ".docx" in found["old.doc"][1]
    assert "attachments" in found["links-only.html"][1]
    assert summary.reject_codes["too_large"] == 1


def test_limits_are_configurable(con, tmp_path, files, sample_texts):
    text = next(iter(sample_texts.values()))
    folder = tmp_path / "limits"
    folder.mkdir()
    (folder / "a.txt").write_text(text * 10, encoding="utf-8")
    (folder / "long.pdf").write_bytes(files.pdf_document(text, lines_per_page=5))
    (folder / "small-bomb.docx").write_bytes(files.zip_bomb(3 * MB))
    limits = LoadLimits(max_file_bytes=100_000, max_pdf_pages=3, max_unzipped_bytes=2 * MB)
    land_files(con, [folder], limits=limits)
    codes = {name: code for name, (code, _) in rejects(con).items()}
    assert codes == {"a.txt": "too_large", "long.pdf": "too_many_pages", "small-bomb.docx": "zip_bomb"}


def test_limits_come_from_the_environment():
    limits = LoadLimits.from_env({"FAZHI_MAX_FILE_MB": "2", "FAZHI_MAX_PDF_PAGES": "7"})
    assert limits.max_file_bytes == 2 * MB and limits.max_pdf_pages == 7
    with pytest.raises(ValueError, match="FAZHI_MAX_FILE_MB"):
        LoadLimits.from_env({"FAZHI_MAX_FILE_MB": "-1"})


def test_a_file_that_vanishes_during_the_load_is_rejected_and_the_load_goes_on(con, tmp_path, sample_texts):
    folder = tmp_path / "vanish"
    folder.mkdir()
    texts = list(sample_texts.values())
    for index in range(3):
        (folder / f"{index}.txt").write_text(texts[index], encoding="utf-8")

    class DeleteTheLast(PlainLines):
        def update(self, summary):
            if summary.files_seen == 1:
                (folder / "2.txt").unlink()

    summary = land_files(con, [folder], progress=DeleteTheLast(3, io.StringIO()))
    assert summary.files_landed == 2
    assert rejects(con)["2.txt"][0] == "vanished"


def test_a_file_that_cannot_be_read_is_rejected(con, tmp_path, sample_texts, monkeypatch):
    folder = tmp_path / "unreadable"
    folder.mkdir()
    (folder / "ok.txt").write_text(next(iter(sample_texts.values())), encoding="utf-8")
    (folder / "locked.txt").write_text("受理12件", encoding="utf-8")
    real = prepare_module.read_bounded

    def read(path, limit):  # the test runs as root, so chmod cannot make a file unreadable
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, limit)

    monkeypatch.setattr(prepare_module, "read_bounded", read)
    summary = land_files(con, [folder])
    assert summary.files_landed == 1
    assert rejects(con)["locked.txt"] == ("unreadable", "cannot read the file: Permission denied")


def test_a_fifo_and_a_broken_link_are_rejected_without_blocking(con, tmp_path):
    folder = tmp_path / "special"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    land_files(con, [folder])
    codes = {name: code for name, (code, _) in rejects(con).items()}
    assert codes == {"pipe.txt": "not_regular", "dangling.txt": "unreadable"}


def test_a_link_to_a_folder_outside_is_not_followed(con, tmp_path, sample_texts):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("外部共10件", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "elsewhere").symlink_to(outside, target_is_directory=True)
    summary = land_files(con, [folder])
    assert summary.files_landed == 0
    assert rejects(con)["elsewhere"][0] == "symlink_outside"


def test_odd_file_names_land_verbatim(con, tmp_path, samples_dir):
    folder = tmp_path / "names"
    folder.mkdir()
    names = ["a'b.txt", 'say "hi".txt', "x; drop table raw.rejects; --.html", "空 格\t.txt", "%_\\.pdf"]
    source = next(samples_dir.glob("002_*.txt")).read_text(encoding="utf-8")
    for index, name in enumerate(names):
        (folder / name).write_text(source + "\n" * index, encoding="utf-8")  # distinct bytes
    undecodable = os.fsencode(folder) + b"/bad\xffname.txt"
    with open(undecodable, "wb") as handle:
        handle.write(b"")
    land_files(con, [folder])
    landed = {row[0] for row in con.execute("select file_name from raw.documents").fetchall()}
    # a text file named .html is read as a page: its text is its main text
    assert landed == {"a'b.txt", 'say "hi".txt', "空 格\t.txt", "x; drop table raw.rejects; --.html"}
    found = rejects(con)
    assert found["bad\\xffname.txt"][0] == "empty"
    assert found["%_\\.pdf"][0] == "damaged"


def test_identical_copies_are_landed_once_and_counted(con, tmp_path, samples_dir):
    folder = tmp_path / "copies"
    shutil.copytree(samples_dir, folder)
    first = next(folder.glob("001_*.txt"))
    shutil.copy(first, folder / "zz copy.txt")
    summary = land_files(con, [folder])
    assert summary.files_landed == 5 and summary.files_identical_copies == 1
    assert "1 identical copies" in summary.paragraph()


def test_an_older_build_database_gains_the_new_columns_and_keeps_loading(tmp_path, samples_dir):
    database = tmp_path / "old.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute(
            """create schema raw;
               create table raw.documents (document_id varchar primary key, file_name varchar not null,
                 source_path varchar not null, media_type varchar not null, encoding varchar,
                 byte_size bigint not null, text varchar not null, load_id varchar not null,
                 loaded_at timestamptz not null);
               create table raw.rejects (load_id varchar not null, source_path varchar not null,
                 file_name varchar not null, byte_size bigint, content_hash varchar, reason varchar not null,
                 rejected_at timestamptz not null);
               insert into raw.documents values ('old', 'old.txt', '/old.txt', 'text/plain', 'utf_8', 3,
                 '旧', 'l0', now());"""
        )
        summary = land_files(con, [samples_dir])
        assert summary.files_landed == 5
        assert con.execute("select metadata from raw.documents where document_id = 'old'").fetchall() == [
            (None,)
        ]


def test_progress_lines_and_the_summary_paragraph(con, tmp_path, samples_dir):
    stream = io.StringIO()
    summary = land_files(con, [samples_dir], progress=PlainLines(5, stream, every=0.0))
    lines = stream.getvalue().splitlines()
    assert lines[-1].startswith("fazhi load: 5/5 files (100%)") and "rejected" in lines[-1]
    paragraph = summary.paragraph()
    assert paragraph.startswith("Loaded 5 files") and "files/s" in paragraph and "5 landed" in paragraph
    assert "\n" not in paragraph


def test_a_page_field_that_cannot_be_stored_is_cleaned_and_the_file_lands(con, tmp_path, monkeypatch):
    def title_with_nul_and_surrogate(data: bytes, limits: LoadLimits) -> ExtractedText:
        return ExtractedText(data.decode("utf-8"), "application/pdf", None, {"文件标题": "报\x00告\ud800"})

    monkeypatch.setitem(formats.READERS, ".txt", title_with_nul_and_surrogate)
    folder = tmp_path / "title"
    folder.mkdir()
    (folder / "r.txt").write_text("受理12件", encoding="utf-8")
    assert land_files(con, [folder]).files_landed == 1
    assert con.execute("select metadata from raw.documents").fetchall() == [({"文件标题": "报告?"},)]
