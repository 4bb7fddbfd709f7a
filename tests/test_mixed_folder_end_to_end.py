"""A crawl folder mixing every format, encoding, duplicate and bad file loads in one
`fazhi refresh` with exit code 0, an accurate rejects table, and each report counted once."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from hanzi import to_simplified

FAZHI = str(Path(sys.executable).parent / "fazhi")
MB = 1024 * 1024


def _fixture_files():
    spec = importlib.util.spec_from_file_location(
        "fazhi_fixture_files", Path(__file__).parent / "fixture_files.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


EXPECTED_REJECTS = {
    "empty.txt": "empty",
    "scan.pdf": "no_text_layer",
    "truncated.pdf": "damaged",
    "locked.pdf": "encrypted",
    "bomb.docx": "zip_bomb",
    "not-a-zip.docx": "not_a_zip",
    "column-page.html": "no_main_text",
    "huge.txt": "too_large",
    "photo.jpg": "unsupported_type",
    "escape.txt": "symlink_outside",
}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, samples_dir):
    files = _fixture_files()
    root = tmp_path_factory.mktemp("mixed")
    inbox = root / "crawl"
    shutil.copytree(samples_dir, inbox)
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in samples_dir.glob("*.txt")}
    # copies of reports already there: another format, encoding or script
    (inbox / "001 高州 page.html").write_bytes(
        files.web_page(texts["001"], charset="gb2312", issuer="高州市司法局")
    )
    (inbox / "002 平罗.pdf").write_bytes(files.pdf_document(texts["002"]))
    (inbox / "000 simplified.docx").write_bytes(files.word_document(to_simplified(texts["000"])))
    (inbox / "000 big5.txt").write_bytes(texts["000"].encode("big5"))
    (inbox / "003 copy'; drop table raw.documents; --.txt").write_bytes(texts["003"].encode("utf-16"))
    # bad files
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "scan.pdf").write_bytes(files.image_only_pdf())
    pdf = files.pdf_document(texts["004"])
    (inbox / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (inbox / "locked.pdf").write_bytes(files.encrypted_pdf(texts["004"]))
    (inbox / "bomb.docx").write_bytes(files.zip_bomb(300 * MB))
    (inbox / "not-a-zip.docx").write_bytes(b"<html>not a docx</html>")
    (inbox / "column-page.html").write_bytes(files.link_page())
    with (inbox / "huge.txt").open("wb") as handle:
        handle.truncate(200 * MB)
    (inbox / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(64))
    outside = root / "secret.txt"
    outside.write_text("机密共10件", encoding="utf-8")
    (inbox / "escape.txt").symlink_to(outside)
    warehouse = root / "out" / "fazhi.duckdb"
    result = subprocess.run(
        [FAZHI, "refresh", "--input", str(inbox), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return warehouse, result


def test_the_mixed_folder_publishes_with_exit_code_0(mixed):
    _, result = mixed
    assert result.returncode == 0, result.stderr


def test_the_rejects_table_names_every_bad_file_and_only_those(mixed):
    warehouse, result = mixed
    rows = query(warehouse, "select file_name, reason_code, reason from staging.stg_load_rejects")
    assert {name: code for name, code, _ in rows} == EXPECTED_REJECTS
    assert all(reason for _, _, reason in rows)
    for name in EXPECTED_REJECTS:
        assert name in result.stderr


def test_every_readable_file_landed_and_copies_are_counted_once(mixed):
    warehouse, _ = mixed
    documents = query(warehouse, "select file_name, content_key, duplicate_of from marts.dim_documents")
    assert len(documents) == 10
    assert len({key for _, key, _ in documents}) == 5
    canonical = {name for name, _, duplicate_of in documents if duplicate_of is None}
    assert len(canonical) == 5
    assert "000 simplified.docx" in canonical  # the simplified copy is preferred to the traditional ones
    with_mentions = query(warehouse, "select count(distinct document_id) from marts.fct_quantity_mentions")
    assert with_mentions == [(5,)]
    duplicated = query(
        warehouse,
        """select count(*) from marts.fct_quantity_mentions m join marts.dim_documents d using (document_id)
           where d.duplicate_of is not null""",
    )
    assert duplicated == [(0,)]


def test_the_page_copy_keeps_its_page_fields(mixed):
    warehouse, _ = mixed
    rows = query(
        warehouse,
        """select s.page_metadata['发布机构'], s.detected_encoding, d.jurisdiction_name, d.report_year
           from staging.stg_documents s join marts.dim_documents d using (document_id)
           where s.file_name = '001 高州 page.html'""",
    )
    assert rows == [("高州市司法局", "gb18030", "高州市", 2020)]


def test_the_load_ends_with_a_one_paragraph_summary(mixed):
    _, result = mixed
    summary = [line for line in result.stderr.splitlines() if line.startswith("Loaded ")]
    assert len(summary) == 1
    assert "20 files" in summary[0] and "10 rejected" in summary[0] and "files/s" in summary[0]
