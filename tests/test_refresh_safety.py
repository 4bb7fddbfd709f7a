"""Scheduled refreshes while people read: real `fazhi refresh` processes, real readers, real kills.

Every test works on its own copy of one small published warehouse (one sample report), so the
expensive first build runs once. Stages are hit deterministically with the test-only hook
FAZHI_TEST_PAUSE_AT (fazhi/testhooks.py): the refresh announces the stage on stderr and waits
there to be killed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from fazhi.publish import PARTS_FOLDER

FAZHI = str(Path(sys.executable).parent / "fazhi")
SAMPLES = sorted((Path(__file__).resolve().parents[1] / "data" / "samples").glob("*.txt"))
MARTS = ["dim_documents", "fct_quantity_mentions", "fct_metric_observations", "metrics_by_jurisdiction_year"]

# What a reader asks: it identifies a published state (documents, mentions, observations, runs).
STATE_SQL = """
select (select count(*) from marts.dim_documents),
       (select count(*) from marts.fct_quantity_mentions),
       (select count(*) from marts.fct_metric_observations),
       (select count(*) from audit.refresh_runs where outcome = 'published')
"""

# A reader process: opens the warehouse read-only, asks, closes; again and again until told to stop.
READER = """
import json, sys, time, os, duckdb
path, stop, sql = sys.argv[1], sys.argv[2], sys.argv[3]
while not os.path.exists(stop):
    try:
        with duckdb.connect(path, read_only=True) as con:
            print(json.dumps(list(con.execute(sql).fetchall()[0])), flush=True)
    except Exception as error:
        print(json.dumps({"error": repr(error)}), flush=True)
    time.sleep(0.1)
"""

# A BI tool: one read-only connection held open for the whole test, queried now and then.
BI_TOOL = """
import json, sys, time, os, duckdb
path, stop, sql = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect(path, read_only=True)
while not os.path.exists(stop):
    try:
        print(json.dumps(list(con.execute(sql).fetchall()[0])), flush=True)
    except Exception as error:
        print(json.dumps({"error": repr(error)}), flush=True)
    time.sleep(0.5)
con.close()
"""


@dataclass(frozen=True)
class Site:
    inbox: Path
    warehouse: Path

    @property
    def build_db(self) -> Path:
        return self.warehouse.parent / "build" / self.warehouse.name

    def refresh_args(self, *extra: str) -> list[str]:
        return [FAZHI, "refresh", "--input", str(self.inbox), "--warehouse", str(self.warehouse), *extra]

    def refresh(self, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.refresh_args(*extra), capture_output=True, text=True, check=False, timeout=300
        )

    def add(self, sample: Path, name: str | None = None, text: str | None = None) -> None:
        target = self.inbox / (name or sample.name)
        if text is None:
            shutil.copyfile(sample, target)
        else:
            target.write_text(text, encoding="utf-8")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def state(warehouse: Path) -> list[int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return list(con.execute(STATE_SQL).fetchall()[0])


def marts_snapshot(warehouse: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {mart: con.execute(f"select * from marts.{mart} order by all").fetchall() for mart in MARTS}


def query(database: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.fixture(scope="module")
def base_site(tmp_path_factory) -> Site:
    """One sample report, refreshed once into a published warehouse."""
    root = tmp_path_factory.mktemp("base_site")
    site = Site(root / "inbox", root / "out" / "fazhi.duckdb")
    site.inbox.mkdir()
    site.add(SAMPLES[1])
    result = site.refresh()
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture()
def site(base_site: Site, tmp_path: Path) -> Site:
    """A private copy of the base site (inbox, published warehouse, build database)."""
    shutil.copytree(base_site.inbox, tmp_path / "inbox")
    shutil.copytree(base_site.warehouse.parent, tmp_path / "out")
    return Site(tmp_path / "inbox", tmp_path / "out" / base_site.warehouse.name)


def start_refresh_paused_at(site: Site, stage: str, seconds: float = 120) -> subprocess.Popen[str]:
    """Start a refresh that stops at `stage` for `seconds`; return once it has announced it is there."""
    env = dict(os.environ, FAZHI_TEST_PAUSE_AT=stage, FAZHI_TEST_PAUSE_SECONDS=str(seconds))
    process = subprocess.Popen(
        site.refresh_args(), env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line)
        if line.strip() == f"FAZHI_TEST_PAUSED {stage}":
            return process
    process.wait()
    raise AssertionError(f"the refresh never reached {stage} (exit {process.returncode}): {''.join(seen)}")


def test_readers_see_the_old_or_the_new_warehouse_while_five_refreshes_run(site: Site, tmp_path: Path):
    stop = tmp_path / "stop"
    states = [state(site.warehouse)]
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(site.warehouse), str(stop), STATE_SQL],
        stdout=subprocess.PIPE,
        text=True,
    )
    bi_tool = subprocess.Popen(
        [sys.executable, "-c", BI_TOOL, str(site.warehouse), str(stop), STATE_SQL],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(1.0)  # both readers are in: the BI tool holds the file open from here on
        for step in range(5):
            if step == 0:
                site.add(SAMPLES[2])  # a new report: incremental build, a new published state
                result = site.refresh()
            elif step == 1:
                marts_before_full = marts_snapshot(site.warehouse)
                result = site.refresh("--full")  # nothing new: rebuilt from raw and republished anyway
            else:
                result = site.refresh()  # nothing new: the published file is left alone
                assert "nothing new" in result.stdout
            assert result.returncode == 0, result.stderr
            states.append(state(site.warehouse))
        time.sleep(0.5)
    finally:
        stop.touch()
        reader_out, _ = reader.communicate(timeout=60)
        bi_out, _ = bi_tool.communicate(timeout=60)

    answers = [json.loads(line) for line in reader_out.splitlines()]
    errors = [a for a in answers if isinstance(a, dict)]
    assert errors == [], errors[:3]
    assert len(answers) > 20
    positions = [states.index(a) for a in answers]  # ValueError: an answer that is no published state
    assert positions == sorted(positions), "a reader went back to an older warehouse"
    assert len(set(positions)) >= 2, "the reader should have seen several published states"
    # the BI tool kept its connection through every refresh: no error, still its first snapshot
    bi_answers = [json.loads(line) for line in bi_out.splitlines()]
    assert bi_answers and all(a == states[0] for a in bi_answers)
    # the full rebuild gives exactly what the incremental one gave: no published row changed
    assert marts_snapshot(site.warehouse) == marts_before_full
    assert states[2][:3] == states[1][:3] and states[2][3] == states[1][3] + 1


def test_a_refresh_killed_at_any_stage_leaves_the_published_warehouse_intact(site: Site):
    published = sha256(site.warehouse)
    before = marts_snapshot(site.warehouse)
    site.add(SAMPLES[2])
    for stage in ("load", "dbt", "checks", "publish"):
        process = start_refresh_paused_at(site, stage)
        if stage == "load":
            # one refresh at a time: a second one exits at once with its own code
            started = time.monotonic()
            second = site.refresh()
            assert second.returncode == 7, second.stderr
            assert "another refresh is running" in second.stderr
            assert time.monotonic() - started < 10
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert sha256(site.warehouse) == published, f"killed at {stage}: the published file changed"
        assert marts_snapshot(site.warehouse) == before
    stale = list(site.warehouse.parent.glob(f".{site.warehouse.name}.publishing-*"))
    assert stale, "the kill during publish should have left its copy behind"
    staged_parquet = site.warehouse.parent / "parquet"
    assert list(staged_parquet.glob(".*.parquet.publishing-*")), "and its Parquet files, written meanwhile"

    result = site.refresh()  # recovers on its own: no stale lock, no stale copy, a sound build
    assert result.returncode == 0, result.stderr
    assert not list(site.warehouse.parent.glob(f".{site.warehouse.name}.publishing-*"))
    assert [p.name for p in staged_parquet.glob(".*")] == [PARTS_FOLDER]  # only what is published
    assert state(site.warehouse)[0] == 2
    outcomes = [
        row[0] for row in query(site.warehouse, "select outcome from audit.refresh_runs order by started_at")
    ]
    assert outcomes[-5:] == ["interrupted"] * 4 + ["published"]


def broken_extraction(text: str, count: int = 0) -> str:
    """Every percentage in the report (or the first `count`) raised by 300 points: a batch the build
    accepts, the gate must not (one such value is flagged, and tolerated)."""

    def raised(m: re.Match[str]) -> str:
        return f"{300 + float(m.group(1)):g}{m.group(2)}"

    return re.sub(r"(\d+(?:\.\d+)?)(%|％)", raised, text, count=count)


def test_a_batch_of_impossible_rates_fails_the_gate_and_is_not_published(site: Site):
    published = sha256(site.warehouse)
    site.add(
        SAMPLES[2], name="broken_rates.txt", text=broken_extraction(SAMPLES[2].read_text(encoding="utf-8"))
    )
    result = site.refresh()
    assert result.returncode == 5, result.stdout + result.stderr
    assert "checks failed" in result.stderr and "out_of_range_share_below_threshold" in result.stderr
    assert sha256(site.warehouse) == published
    # the failure is on record in the build database's audit schema
    run = query(
        site.build_db,
        "select outcome, failed_stage, checks_failed from audit.refresh_runs order by started_at desc limit 1",  # noqa: E501
    )
    assert run[0][0] == "failed" and run[0][1] == "checks" and run[0][2] >= 1
    failed = query(
        site.build_db,
        """select r.expectation_id from audit.validation_results r
           join audit.validation_runs v using (run_id) where not r.success and not v.success""",
    )
    assert ("out_of_range_share_below_threshold",) in failed
    flagged = query(
        site.build_db, "select min(value) from audit.dq_flagged_values where file_name = 'broken_rates.txt'"
    )
    assert flagged[0][0] is not None and flagged[0][0] > 300
    assert (site.warehouse.parent / "docs" / "gx" / "index.html").exists()
    # the file is corrected: its new content replaces the old rows, and the batch goes through
    site.add(SAMPLES[2], name="broken_rates.txt")
    fixed = site.refresh()
    assert fixed.returncode == 0, fixed.stderr
    assert "replaced their old content" in fixed.stdout
    rows = query(
        site.warehouse,
        """select d.file_name, count(*) filter (where m.value > 300 and m.unit = '%')
           from marts.dim_documents d left join marts.fct_quantity_mentions m using (document_id)
           group by all order by all""",
    )
    assert rows == [(SAMPLES[1].name, 0), ("broken_rates.txt", 0)]
    assert query(site.warehouse, "select count(*) from audit.superseded_documents") == [(1,)]


def parquet_files(site: Site) -> dict[str, str]:
    """Each published Parquet file (a mart's, or a part of one) and its sha256."""
    folder = site.warehouse.parent / "parquet"
    files = [*folder.glob("*.parquet"), *folder.glob("*/*.parquet")]
    return {str(p.relative_to(folder)): sha256(p) for p in files}


def staged_files(site: Site) -> list[Path]:
    """The publish copy and Parquet files a refresh writes before it renames them into place."""
    return [
        *site.warehouse.parent.glob(f".{site.warehouse.name}.publishing-*"),
        *(site.warehouse.parent / "parquet").glob(".*.parquet.publishing-*"),
    ]


def test_a_gate_that_fails_while_the_copy_is_written_publishes_nothing_and_leaves_no_copy(site: Site):
    published = sha256(site.warehouse)
    parquet = parquet_files(site)
    site.add(
        SAMPLES[2], name="broken_rates.txt", text=broken_extraction(SAMPLES[2].read_text(encoding="utf-8"))
    )
    # held once the gate has validated, before anything is stored: the copy was written meanwhile
    # (and the Parquet export, or some of it: its files are hidden until the gate passed)
    process = start_refresh_paused_at(site, "checks", seconds=5)
    copied_meanwhile = [p.name for p in staged_files(site)]
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 5, stderr
    assert f".{site.warehouse.name}.publishing-{process.pid}" in copied_meanwhile
    assert all(name.startswith(f".{site.warehouse.name}.") or ".parquet.publishing-" in name
               for name in copied_meanwhile)  # fmt: skip
    assert staged_files(site) == []
    assert sha256(site.warehouse) == published
    assert parquet_files(site) == parquet
    # the failed gate is on record in the build, with its results
    [(outcome, stage, failed, stored)] = query(
        site.build_db,
        """select outcome, failed_stage, checks_failed,
                  (select count(*) from audit.validation_results v where v.run_id = r.run_id and not success)
           from audit.refresh_runs r order by started_at desc limit 1""",
    )
    assert (outcome, stage) == ("failed", "checks") and failed == stored >= 1


def test_a_refresh_with_nothing_new_changes_not_one_byte(site: Site):
    # the copy is already current, unless the project changed since the base was built
    assert site.refresh().returncode == 0
    published, mtime = sha256(site.warehouse), site.warehouse.stat().st_mtime_ns
    # fast because it skips everything: shown by its outcome, not by a clock (the benchmark times it)
    result = site.refresh()
    assert result.returncode == 0, result.stderr
    assert "nothing new" in result.stdout
    assert sha256(site.warehouse) == published and site.warehouse.stat().st_mtime_ns == mtime
    outcome = query(site.build_db, "select outcome from audit.refresh_runs order by started_at desc limit 1")
    assert outcome == [("unchanged",)]


def test_refresh_help_documents_every_exit_code():
    help_text = subprocess.run(
        [FAZHI, "refresh", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for code, word in [
        (0, "published"),
        (3, "load"),
        (4, "build"),
        (5, "checks"),
        (6, "publish"),
        (7, "locked"),
    ]:
        assert re.search(rf"^\s+{code}\s+{word}", help_text, re.MULTILINE), (
            f"exit code {code} is not documented"
        )
    assert "--full" in help_text


def test_a_build_database_beyond_repair_is_rebuilt_from_the_published_warehouse(site: Site):
    published = sha256(site.warehouse)
    site.build_db.write_bytes(os.urandom(64 * 1024))  # e.g. a disk error: not a DuckDB file any more
    result = site.refresh()
    assert result.returncode == 0, result.stderr
    assert "restarted from the published warehouse" in result.stdout
    assert list(site.build_db.parent.glob(f"{site.build_db.name}.broken-*"))
    assert state(site.warehouse)[0] == 1
    if "nothing new" in result.stdout:  # the restored build is the published one
        assert sha256(site.warehouse) == published


def test_a_published_run_records_every_stage_in_its_row(site: Site):
    site.add(SAMPLES[2])
    result = site.refresh()
    assert result.returncode == 0, result.stderr
    [run] = query(
        site.build_db,
        """select outcome, build_state, rows_per_mart, checks_evaluated, checks_passed, checks_failed,
                  values_flagged, dbt_docs, files_landed, project_fingerprint is not null, published_file
           from audit.refresh_runs order by started_at desc limit 1""",
    )
    outcome, build_state, rows, evaluated, passed, failed, flagged, docs, landed, fingerprinted, published = (
        run
    )
    assert (outcome, build_state, failed, landed, fingerprinted) == ("published", "built", 0, 1, True)
    assert evaluated == passed > 0 and flagged is not None
    assert docs == "skipped (FAZHI_DBT_DOCS=off)"
    assert json.loads(rows) == {
        mart: query(site.warehouse, f"select count(*) from marts.{mart}")[0][0]  # fixed names
        for mart in json.loads(rows)
    }
    assert set(MARTS) <= set(json.loads(rows))
    stat = site.warehouse.stat()
    assert published == f"{stat.st_size}:{stat.st_mtime_ns}"


def rewritten(sample: Path, digits: dict[str, str], old: str, new: str, keep_lines: int = 0) -> str:
    """A sample report with some digits lowered (a rate stays a rate) and a name or year replaced;
    with keep_lines, only its first lines."""
    text = sample.read_text(encoding="utf-8").translate(str.maketrans(digits)).replace(old, new)
    if keep_lines:
        text = "\n".join(text.splitlines()[:keep_lines]) + "\n"
    return text


LOWER = {"9": "8", "8": "7", "7": "6"}
LOWER_MORE = {"9": "7", "8": "6", "7": "5", "6": "4"}


def test_incremental_refreshes_build_the_metrics_a_full_build_does(site: Site):
    """metrics_by_jurisdiction_year refreshed incrementally, through new keys in a group (another
    county of the province, the same year), a new year of a history (the same county, a year
    later), values that change and keys that vanish (reports superseded, one by a shorter one), is
    the full build's, row for row; so are the other marts."""
    gaozhou = SAMPLES[1]  # 高州市 2020, the base site's report
    assert gaozhou.read_text(encoding="utf-8").startswith("高州市2020年")
    site.add(gaozhou, "gaozhou_2021.txt", rewritten(gaozhou, LOWER, "2020年", "2021年"))
    site.add(gaozhou, "huazhou_2020.txt", rewritten(gaozhou, LOWER, "高州", "化州"))
    assert (result := site.refresh()).returncode == 0, result.stderr
    huazhou_rows = "select count(*) from marts.metrics_by_jurisdiction_year where jurisdiction_id = '440982'"
    [(huazhou_before,)] = query(site.warehouse, huazhou_rows)

    # both new reports superseded: one with other values, one cut to its first lines
    site.add(gaozhou, "gaozhou_2021.txt", rewritten(gaozhou, LOWER_MORE, "2020年", "2021年"))
    site.add(gaozhou, "huazhou_2020.txt", rewritten(gaozhou, LOWER, "高州", "化州", keep_lines=20))
    result = site.refresh()
    assert result.returncode == 0, result.stderr
    assert "replaced their old content" in result.stdout
    compiled = site.build_db.parent / "dbt" / "target" / "compiled" / "fazhi" / "models" / "marts"
    assert "stored_mentions" in (compiled / "metrics_by_jurisdiction_year.sql").read_text(encoding="utf-8"), (
        "the refresh should have built metrics_by_jurisdiction_year incrementally"
    )
    [(huazhou_after,)] = query(site.warehouse, huazhou_rows)
    assert 0 < huazhou_after < huazhou_before  # keys vanished with the superseded report
    [(shared_groups, histories)] = query(
        site.warehouse,
        """select count(*) filter (where jurisdictions_reporting_in_province > 1),
                  count(*) filter (where previous_report_year = 2020)
           from marts.metrics_by_jurisdiction_year""",
    )
    assert shared_groups > 0 and histories > 0  # the rule had groups and histories to work on
    incremental = marts_snapshot(site.warehouse)

    assert (result := site.refresh("--full")).returncode == 0, result.stderr
    full = marts_snapshot(site.warehouse)
    for mart in MARTS:
        assert incremental[mart] == full[mart], f"{mart}: the incremental refresh differs from --full"


# The rows a run leaves in the audit schema, but the identity of the file it published (known
# only once the file is in place, so recorded in the build alone).
RUN_ROWS = {
    "refresh_runs": "select * exclude (published_file) from audit.refresh_runs where run_id = ?",
    "validation_runs": "select * from audit.validation_runs where run_id = ?",
    "validation_results": "select * from audit.validation_results where run_id = ? order by all",
    "dq_flagged_values": "select * from audit.dq_flagged_values where run_id = ? order by all",
}


def test_the_published_file_holds_its_runs_checks_and_outcome_as_the_build_does(site: Site):
    text = broken_extraction(SAMPLES[2].read_text(encoding="utf-8"), count=1)
    site.add(SAMPLES[2], name="one_impossible_rate.txt", text=text)
    result = site.refresh()
    assert result.returncode == 0, result.stderr
    latest = "select run_id from audit.refresh_runs order by started_at desc limit 1"
    [(run_id,)] = query(site.build_db, latest)
    for table, sql in RUN_ROWS.items():  # written to the build and to the copy by the same function
        built = query(site.build_db, sql, [run_id])
        assert built and query(site.warehouse, sql, [run_id]) == built, table
    [(outcome, evaluated, flagged)] = query(
        site.warehouse,
        "select outcome, checks_evaluated, values_flagged from audit.refresh_runs where run_id = ?",
        [run_id],
    )
    assert outcome == "published" and evaluated > 0 and flagged >= 1
