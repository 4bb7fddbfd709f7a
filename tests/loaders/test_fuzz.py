"""Random bytes, truncations and mutated files thrown at the loader (hypothesis): it never
crashes, every file is landed or rejected with a reason, and the counts add up."""

from __future__ import annotations

import itertools
import os
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.land import land_files
from loaders.limits import MB, LoadLimits

SUFFIXES = [".txt", ".html", ".htm", ".pdf", ".docx", ".doc", ".bin", ""]
_counter = itertools.count()


@pytest.fixture(scope="module")
def seeds(files, sample_texts) -> list[bytes]:
    """Valid files of every format, from a short excerpt (mutations stay fast to read)."""
    text = "\n".join(next(iter(sample_texts.values())).splitlines()[:12])
    return [
        text.encode("utf-8"),
        text.encode("gb18030"),
        text.encode("utf-16"),
        files.web_page(text),
        files.word_document(text),
        files.pdf_document(text),
        files.image_only_pdf(1),
    ]


@st.composite
def mutated(draw, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["truncate", "flip", "insert", "delete"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if action == "truncate":
            del data[at:]
        elif action == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            del data[at : at + draw(st.integers(1, 512))]
    return bytes(data)


def file_sets(seeds: list[bytes]):
    content = st.one_of(st.binary(max_size=3000), mutated(seeds), st.sampled_from(seeds))
    name = st.text(alphabet="ab '\"%;-_报告.", min_size=1, max_size=12)
    return st.lists(st.tuples(name, st.sampled_from(SUFFIXES), content), min_size=1, max_size=6)


def test_the_loader_lands_or_rejects_every_file_and_never_crashes(seeds):
    limits = LoadLimits(max_file_bytes=2 * MB, max_unzipped_bytes=8 * MB)

    @settings(
        max_examples=int(os.environ.get("FAZHI_FUZZ_EXAMPLES", "60")),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(file_sets(seeds))
    def check(entries) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            written = {}
            for stem, suffix, data in entries:
                name = f"{next(_counter)}{stem.replace('.', '_')}{suffix}"
                (folder / name).write_bytes(data)
                written[name] = data
            with duckdb.connect() as con:
                summary = land_files(con, [folder], limits=limits)
                assert summary.files_seen == len(written)
                assert summary.files_seen == (
                    summary.files_landed
                    + summary.files_already_landed
                    + summary.files_identical_copies
                    + summary.files_rejected
                )
                landed = {row[0] for row in con.execute("select file_name from raw.documents").fetchall()}
                rejected = con.execute("select file_name, reason, reason_code from raw.rejects").fetchall()
                assert len(landed) == summary.files_landed
                assert len(rejected) == summary.files_rejected
                assert all(reason and code for _, reason, code in rejected)
                copies = summary.files_identical_copies + summary.files_already_landed
                assert len(landed | {name for name, _, _ in rejected}) + copies == len(written)
                bad_offsets = con.execute(
                    """select count(*) from raw.paragraphs p join raw.documents d using (document_id)
                       where substr(d.text, p.char_start + 1, p.char_end - p.char_start) <> p.text"""
                ).fetchone()
                assert bad_offsets == (0,)

    check()
