import hashlib
import shutil

import pytest

from loaders.land import land_files


@pytest.fixture()
def inbox(tmp_path, samples_dir):
    folder = tmp_path / "inbox"
    shutil.copytree(samples_dir, folder)
    return folder


def test_every_sample_lands_with_its_sha256_and_text(con, inbox):
    summary = land_files(con, [inbox])
    assert summary.files_landed == 5 and summary.files_rejected == 0
    for path in inbox.iterdir():
        data = path.read_bytes()
        row = con.execute(
            "select text, byte_size, file_name, media_type from raw.documents where document_id = ?",
            [hashlib.sha256(data).hexdigest()],
        ).fetchall()
        assert row == [(data.decode("utf-8"), len(data), path.name, "text/plain")]


def test_paragraph_offsets_point_into_the_landed_text(con, inbox):
    land_files(con, [inbox])
    rows = con.execute(
        """select p.text, substr(d.text, p.char_start + 1, p.char_end - p.char_start)
           from raw.paragraphs p join raw.documents d using (document_id)"""
    ).fetchall()
    assert len(rows) > 100
    assert all(paragraph == sliced for paragraph, sliced in rows)


def test_loading_the_same_files_again_changes_nothing(con, inbox):
    land_files(con, [inbox])
    before = con.execute("select count(*), sum(length(text)) from raw.paragraphs").fetchall()
    again = land_files(con, [inbox])
    assert again.files_landed == 0 and again.files_already_landed == 5
    assert con.execute("select count(*) from raw.documents").fetchall() == [(5,)]
    assert con.execute("select count(*), sum(length(text)) from raw.paragraphs").fetchall() == before


def test_a_gb18030_copy_lands_with_the_same_text_under_its_own_hash(con, inbox, tmp_path):
    original = next(inbox.glob("002_*.txt"))
    gbk_folder = tmp_path / "gbk"
    gbk_folder.mkdir()
    (gbk_folder / "copy.txt").write_bytes(original.read_text(encoding="utf-8").encode("gb18030"))
    land_files(con, [gbk_folder])
    assert con.execute("select text, encoding from raw.documents").fetchall() == [
        (original.read_text(encoding="utf-8"), "gb18030")
    ]


def test_unreadable_files_are_rejected_with_a_reason_and_the_load_goes_on(con, inbox):
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (inbox / "blank.txt").write_text("  \n\u3000\n", encoding="utf-8")
    summary = land_files(con, [inbox])
    assert summary.files_landed == 5 and summary.files_rejected == 3
    rejects = dict(con.execute("select file_name, reason from raw.rejects").fetchall())
    assert "empty" in rejects["empty.txt"]
    assert "unsupported file type '.png'" in rejects["scan.png"]
    assert "no text" in rejects["blank.txt"]


def test_a_rejected_file_is_recorded_once_however_often_it_is_loaded(con, inbox):
    (inbox / "empty.txt").write_bytes(b"")
    land_files(con, [inbox])
    land_files(con, [inbox])
    assert con.execute("select count(*) from raw.rejects").fetchall() == [(1,)]


def test_file_names_with_quotes_and_sql_characters_land_verbatim(con, tmp_path, samples_dir):
    folder = tmp_path / "odd"
    folder.mkdir()
    name = "报告 O'Brien\"; drop table raw.documents; --.txt"
    shutil.copy(next(samples_dir.glob("001_*.txt")), folder / name)
    land_files(con, [folder])
    assert con.execute("select file_name from raw.documents").fetchall() == [(name,)]


def test_symlinks_leading_outside_the_inputs_are_not_followed(con, tmp_path, samples_dir):
    folder = tmp_path / "links"
    folder.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("外部文件共10件", encoding="utf-8")
    (folder / "escape.txt").symlink_to(outside)
    shutil.copy(next(samples_dir.glob("001_*.txt")), folder / "inside.txt")
    (folder / "alias.txt").symlink_to(folder / "inside.txt")
    summary = land_files(con, [folder])
    assert summary.files_seen == 2 and summary.files_landed == 1 and summary.files_rejected == 1
    assert con.execute("select file_name from raw.documents").fetchall() == [("inside.txt",)]
    assert con.execute("select file_name, reason_code from raw.rejects").fetchall() == [
        ("escape.txt", "symlink_outside")
    ]


def test_each_load_is_recorded(con, inbox):
    summary = land_files(con, [inbox])
    assert con.execute(
        "select files_seen, files_landed, files_rejected from raw.loads where load_id = ?", [summary.load_id]
    ).fetchall() == [(5, 5, 0)]


def test_files_are_taken_in_path_order_so_the_first_of_identical_copies_lands(con, tmp_path, samples_dir):
    folder = tmp_path / "order"
    (folder / "a").mkdir(parents=True)
    report = next(samples_dir.glob("001_*.txt")).read_bytes()
    # by path parts a/1.txt comes first; as plain strings "a b.txt" would ('/' sorts after ' ')
    for name in ["a b.txt", "a/1.txt", "a-b.txt"]:
        (folder / name).write_bytes(report)
    summary = land_files(con, [folder])
    assert (summary.files_landed, summary.files_identical_copies) == (1, 2)
    assert con.execute("select source_path from raw.documents").fetchall() == [(str(folder / "a" / "1.txt"),)]
