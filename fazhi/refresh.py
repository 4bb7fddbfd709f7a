"""One refresh: land new files, build with dbt, check with Great Expectations, publish.

The stages, in order: load (land the new files in the build database), build (dbt build, then
the marts' row counts recorded), then the checks and the publish copy at once: the build is
checkpointed, and background threads copy it beside the published file and export its marts to
Parquet while the gate validates them on read-only connections, so nothing writes the file being
read. Once the copy and export are written: a failed gate (or copy, or export) is recorded in the
build and what was staged removed; a gate that passed has the dbt docs generated if they changed,
then its check results and the run's record written, by one function, to the build and to the
copy alike; the copy is renamed over the published file (fazhi/publish.py).

Each stage can stop the run; nothing is published unless every stage before passed. One
refresh at a time (fazhi/lock.py). A run killed at any point leaves the published file as it
was: the next run removes stale publish copies, recovers the build database, marks the killed
run `interrupted` and carries on.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from fazhi import audit, testhooks
from fazhi.dbt_build import run_dbt
from fazhi.fingerprint import code_fingerprint, docs_fingerprint, project_fingerprint
from fazhi.lock import RefreshLock, RefreshLocked
from fazhi.paths import WarehousePaths
from fazhi.publish import Staging, Write, file_identity, remove_stale_copies, staging
from fazhi.supersede import supersede_changed_files
from loaders.land import LoadSummary, land_files

if TYPE_CHECKING:  # checks imports great_expectations (~3 s): only the checks stage loads it
    from checks.gate import GateResult

# How long to wait for the build database when another process holds it (a dbt killed with
# its refresh takes a moment to die; someone may be running dbt by hand).
BUILD_LOCK_WAIT_SECONDS = 15.0
# selectors.yml: every model and data test, without the seeds and unit tests
INCREMENTAL_SELECTOR = "documents_changed"


class ExitCode(IntEnum):
    """What `fazhi refresh` returns; documented in `fazhi refresh --help` and the README."""

    PUBLISHED = 0
    USAGE = 2
    LOAD_FAILED = 3
    BUILD_FAILED = 4
    CHECKS_FAILED = 5
    PUBLISH_FAILED = 6
    LOCKED = 7


@dataclass
class RefreshOutcome:
    exit_code: ExitCode
    message: str
    load: LoadSummary | None = None
    notes: list[str] = field(default_factory=list)  # printed under the message


class StageFailed(Exception):
    def __init__(self, code: ExitCode, stage: str, message: str, notes: list[str] | None = None) -> None:
        super().__init__(message)
        self.code, self.stage, self.message = code, stage, message
        self.notes = notes or []


def refresh(inputs: Sequence[Path], paths: WarehousePaths, full: bool = False) -> RefreshOutcome:
    missing = [str(p) for p in inputs if not Path(p).exists()]
    if missing:
        return RefreshOutcome(ExitCode.USAGE, f"input not found: {', '.join(missing)}")
    paths.build.parent.mkdir(parents=True, exist_ok=True)
    try:
        with RefreshLock(paths.lock):
            return _refresh_locked(inputs, paths, full)
    except RefreshLocked as locked:
        return RefreshOutcome(ExitCode.LOCKED, str(locked))
    except duckdb.Error as error:  # the run could not even be recorded: nothing was published
        return RefreshOutcome(
            ExitCode.LOAD_FAILED, f"the build database {paths.build} could not be written: {error}"
        )


def _refresh_locked(inputs: Sequence[Path], paths: WarehousePaths, full: bool) -> RefreshOutcome:
    notes = [f"removed a copy left by an interrupted publish: {name}" for name in remove_stale_copies(paths)]
    try:
        con, recovered = _open_build(paths)
    except StageFailed as failure:
        return RefreshOutcome(failure.code, f"{failure.stage} failed: {failure.message}", notes=notes)
    notes += recovered
    run_id = str(uuid.uuid4())
    with con:
        audit.ensure_audit_schema(con)
        if audit.mark_interrupted(con):
            notes.append(
                "an earlier refresh was interrupted; its run is marked `interrupted` in audit.refresh_runs"
            )
        audit.start_run(con, run_id, [str(Path(p).resolve()) for p in inputs], full)
    load: LoadSummary | None = None
    try:
        load, replaced, plan = _load(paths, run_id, inputs, full)
        if replaced:
            notes.append(f"{replaced} changed files replaced their old content (audit.superseded_documents)")
        if plan is None:
            return RefreshOutcome(
                ExitCode.PUBLISHED,
                f"nothing new: {paths.published} is unchanged; {load.describe()}",
                load,
                notes,
            )
        _build(paths, run_id, plan)
        with staging(paths) as staged:  # checkpointed; copied in the background
            gate = _check(paths, run_id)  # meanwhile, read-only
            notes += [f"flagged {line}" for line in gate.flagged_lines()]
            _require(paths, gate, staged)
            # after the copy: dbt must not open the build while it is being read
            docs_note = _dbt_docs(paths, _site_fingerprint(paths))
            if docs_note not in ("generated", "unchanged") and not docs_note.startswith("skipped"):
                notes.append(f"dbt docs not generated (published anyway): {docs_note}")
            record = _run_record(gate, dbt_docs=docs_note, finished_at=audit.now(), outcome="published",
                                 message=load.describe())  # fmt: skip
            identity = _publish(paths, staged, record)
        _record(paths, run_id, published_file=identity)
    except StageFailed as failure:
        _record(paths, run_id, finished_at=audit.now(), outcome="failed", failed_stage=failure.stage,
                message=failure.message)  # fmt: skip
        return RefreshOutcome(
            failure.code, f"{failure.stage} failed: {failure.message}", load, notes + failure.notes
        )
    docs = paths.docs / "index.html"
    site = paths.dbt_docs / "index.html"
    dbt_docs = {"generated": f"{site}", "unchanged": f"{site} (unchanged)"}.get(docs_note, docs_note)
    summary = (
        f"published {paths.published}; {load.describe()}; {gate.summary()}; data docs {docs}; "
        f"dbt docs {dbt_docs}; parquet {paths.parquet}"
    )
    return RefreshOutcome(ExitCode.PUBLISHED, summary, load, notes)


def _is_lock_error(error: duckdb.Error) -> bool:
    text = str(error)
    return "lock" in text.lower() and ("Could not set lock" in text or "Conflicting lock" in text)


def _connect_build(paths: WarehousePaths) -> duckdb.DuckDBPyConnection:
    """Open the build database, waiting a little while another process still holds it."""
    deadline = time.monotonic() + BUILD_LOCK_WAIT_SECONDS
    while True:
        try:
            return duckdb.connect(str(paths.build))
        except duckdb.Error as error:
            if not _is_lock_error(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def _open_build(paths: WarehousePaths) -> tuple[duckdb.DuckDBPyConnection, list[str]]:
    """Open the build database. DuckDB replays its WAL after a kill; if the file is beyond that,
    it is set aside and the build restarts from the published warehouse, which holds every
    landed document (files landed since are landed again: their hashes are new)."""
    try:
        return _connect_build(paths), []
    except duckdb.Error as error:
        if _is_lock_error(error):
            raise StageFailed(
                ExitCode.LOAD_FAILED,
                "load",
                f"the build database {paths.build} is held by another process: {error}",
            ) from error
        note = _set_aside(paths, error)
    return _connect_build(paths), [note]


def _set_aside(paths: WarehousePaths, error: duckdb.Error) -> str:
    broken = paths.build.with_name(f"{paths.build.name}.broken-{int(time.time())}")
    paths.build.replace(broken)
    wal = paths.build.with_name(paths.build.name + ".wal")
    if wal.exists():
        wal.replace(broken.with_name(broken.name + ".wal"))
    if paths.published.exists():
        shutil.copyfile(paths.published, paths.build)
        _adopt_published(paths)
        return (f"the build database could not be opened ({error}); set aside as {broken.name}, "
                "restarted from the published warehouse")  # fmt: skip
    return f"the build database could not be opened ({error}); set aside as {broken.name}, restarted empty"


def _adopt_published(paths: WarehousePaths) -> None:
    """A build restored from the published file: its last run did publish this very file."""
    with duckdb.connect(str(paths.build)) as con:
        audit.ensure_audit_schema(con)
        con.execute(
            """update audit.refresh_runs set published_file = ? where run_id = (
                   select run_id from audit.refresh_runs where outcome = 'published'
                   order by started_at desc limit 1)""",
            [file_identity(paths.published)],
        )


def _record(paths: WarehousePaths, run_id: str, **fields: object) -> None:
    with _connect_build(paths) as con:
        audit.update_run(con, run_id, **fields)


def _load_fields(load: LoadSummary) -> dict[str, object]:
    return {
        "files_seen": load.files_seen,
        "files_landed": load.files_landed,
        "files_already_landed": load.files_already_landed,
        "files_rejected": load.files_rejected,
    }


@dataclass(frozen=True, slots=True)
class BuildPlan:
    run_dbt: bool  # false: a killed run left a finished build of this very fingerprint
    full_refresh: bool


def _load(
    paths: WarehousePaths, run_id: str, inputs: Sequence[Path], full: bool
) -> tuple[LoadSummary, int, BuildPlan | None]:
    """Land the inputs, then record the load and plan the build in the same connection.
    Returns the load, the files that replaced old content, and the plan (None: nothing to do)."""
    try:
        con = _connect_build(paths)
    except duckdb.Error as error:
        raise StageFailed(ExitCode.LOAD_FAILED, "load", f"cannot open {paths.build}: {error}") from error
    with con:
        try:
            summary = land_files(con, inputs)
            replaced = supersede_changed_files(con)
            testhooks.pause("load")  # test-only: the build database is open read-write here
        except duckdb.Error as error:
            raise StageFailed(ExitCode.LOAD_FAILED, "load", str(error)) from error
        audit.update_run(con, run_id, files_replaced=replaced, **_load_fields(summary))
        return summary, replaced, _plan(con, paths, run_id, full)


def _plan(con: duckdb.DuckDBPyConnection, paths: WarehousePaths, run_id: str, full: bool) -> BuildPlan | None:
    """Nothing to do when the published file is the one the last publishing run left, built from
    the same inputs (the run is recorded `unchanged`); else dbt build: skipped when a killed run
    left a finished build of the same fingerprint, incremental when only documents changed since a
    finished build of the same code, else full."""
    code = code_fingerprint()
    fingerprint = project_fingerprint(con, code)
    if not full and _nothing_to_do(con, paths, fingerprint):
        audit.update_run(con, run_id, finished_at=audit.now(), outcome="unchanged",
                         project_fingerprint=fingerprint,
                         message="nothing new: the published warehouse is unchanged")  # fmt: skip
        return None
    state, built_fingerprint, built_code = audit.last_build(con, run_id)
    finished = state == "built"
    current = not full and finished and built_fingerprint == fingerprint
    full_refresh = full or not (finished and built_code == code)
    audit.update_run(
        con,
        run_id,
        project_fingerprint=fingerprint,
        code_fingerprint=code,
        build_state="built" if current else "building",
        full_refresh=full_refresh,
    )
    return BuildPlan(run_dbt=not current, full_refresh=full_refresh)


def _nothing_to_do(con: duckdb.DuckDBPyConnection, paths: WarehousePaths, fingerprint: str) -> bool:
    """The published file is the one the last publishing run left, built from the same inputs."""
    published_fingerprint, published_file = audit.last_published(con)
    return (
        published_fingerprint == fingerprint
        and published_file is not None
        and published_file == file_identity(paths.published)
    )


def _build(paths: WarehousePaths, run_id: str, plan: BuildPlan) -> None:
    """dbt build as planned; then the marts' rows, recorded with the build's state."""
    if plan.run_dbt:
        # only documents changed: the seeds and unit tests are the code's, loaded and passed already
        incremental = ["build", "--selector", INCREMENTAL_SELECTOR]
        command = ["build", "--full-refresh"] if plan.full_refresh else incremental
        result = run_dbt(command, paths.build, on_started=_preload_checks)
        if not result.ok:
            _record(paths, run_id, build_state="failed")
            raise StageFailed(ExitCode.BUILD_FAILED, "build", f"dbt build: {result.failure_summary()}")
    with _connect_build(paths) as con:
        rows = audit.mart_row_counts(con)
        audit.update_run(con, run_id, build_state="built", rows_per_mart=json.dumps(rows))


def _preload_checks() -> None:
    """Import great_expectations (~3 s) in the background while dbt runs: the checks come next."""

    def load() -> None:
        # an import error here is not lost: the checks stage imports again and reports it
        with contextlib.suppress(Exception):
            importlib.import_module("checks.gate")

    threading.Thread(target=load, name="preload-checks", daemon=True).start()


def _check(paths: WarehousePaths, run_id: str) -> GateResult:
    """The gate's validation, on read-only connections: it runs while the build is being copied.
    Nothing is stored yet (see `_run_record`)."""
    try:
        # imported here: great_expectations takes ~3 s to import, and only this stage needs it
        from checks.gate import validate_gate

        gate = validate_gate(paths.build, paths.docs, run_id)
    except Exception as error:  # GX or the read failed: the gate is closed, whatever the cause
        raise StageFailed(ExitCode.CHECKS_FAILED, "checks", f"{type(error).__name__}: {error}") from error
    testhooks.pause("checks")  # test-only: validated, nothing stored, the copy written meanwhile
    return gate


def _run_record(gate: GateResult, **fields: object) -> Write:
    """What the gate found (its results, the run's check counts) and `fields` of the run's row:
    one function for the build and its copy, so the published file holds the build's rows."""

    def write(con: duckdb.DuckDBPyConnection) -> None:
        gate.store(con)
        audit.update_run(
            con,
            gate.run_id,
            checks_evaluated=gate.report.evaluated,
            checks_passed=gate.report.passed,
            checks_failed=gate.report.failed,
            values_flagged=gate.flagged_count,
            **fields,
        )

    return write


def _require(paths: WarehousePaths, gate: GateResult, staged: Staging) -> None:
    """Wait for the copy and the Parquet export (until then nothing may write the build), keeping
    the export only if the gate passed; a gate that failed, or a copy or export that did, is
    recorded in the build and stops the run (leaving `staging` removes what was staged)."""
    publish_error: OSError | duckdb.Error | None = None
    try:
        staged.finish(keep_export=gate.passed)
    except (OSError, duckdb.Error) as error:
        publish_error = error
    if gate.passed and publish_error is None:
        return
    with _connect_build(paths) as con:
        _run_record(gate)(con)
    if not gate.passed:  # the gate's verdict first: the copy of a build that fails is moot
        raise StageFailed(ExitCode.CHECKS_FAILED, "checks", gate.summary(), gate.failure_lines())
    raise StageFailed(ExitCode.PUBLISH_FAILED, "publish", str(publish_error)) from publish_error


DBT_DOCS_ENV = "FAZHI_DBT_DOCS"  # `off` skips the site (~3 s a refresh): the test suite, hurried runs
DBT_DOCS_FILES = {"static_index.html": "index.html", "manifest.json": "manifest.json",
                  "catalog.json": "catalog.json"}  # fmt: skip
# Beside the site, written last: the fingerprint (fazhi/fingerprint.py) of what it was generated from.
DBT_DOCS_FINGERPRINT = ".fingerprint"


def _dbt_docs_off() -> bool:
    return os.environ.get(DBT_DOCS_ENV, "on").lower() in ("off", "0", "false", "no")


def _site_fingerprint(paths: WarehousePaths) -> str | None:
    """What the docs site would show (fazhi/fingerprint.py); None when the site is off."""
    if _dbt_docs_off():
        return None
    with _connect_build(paths) as con:
        return docs_fingerprint(con)


def _dbt_docs(paths: WarehousePaths, fingerprint: str | None) -> str:
    """The docs site, regenerated only when what it shows changed (the dbt project, dbt's version,
    the warehouse's tables, columns and comments) or a file of it is missing; else `unchanged`."""
    if fingerprint is None:
        return f"skipped ({DBT_DOCS_ENV}=off)"
    if _site_is(paths, fingerprint):
        return "unchanged"
    note = _generate_dbt_docs(paths)
    if note == "generated":
        try:
            _write_whole(paths.dbt_docs / DBT_DOCS_FINGERPRINT, fingerprint)
        except OSError as error:  # the site is there; the next run generates it again
            return f"{type(error).__name__}: {error}"[:500]
    return note


def _site_is(paths: WarehousePaths, fingerprint: str) -> bool:
    try:
        recorded = (paths.dbt_docs / DBT_DOCS_FINGERPRINT).read_text(encoding="utf-8")
    except OSError:
        return False
    files = [paths.dbt_docs / name for name in DBT_DOCS_FILES.values()]
    return recorded == fingerprint and all(path.is_file() for path in files)


def _write_whole(path: Path, text: str) -> None:
    staged = path.with_name(f".{path.name}.tmp")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)


def _generate_dbt_docs(paths: WarehousePaths) -> str:
    """`dbt docs generate` on the fresh build: the site (one self-contained page with models, column
    comments and lineage) goes to <warehouse folder>/docs/dbt. --no-compile: the build just parsed
    everything, and compiling again would add seconds for the compiled SQL tab alone. A failure is
    returned, not raised: documentation never blocks a publish."""
    if _dbt_docs_off():
        return f"skipped ({DBT_DOCS_ENV}=off)"
    try:
        result = run_dbt(["docs", "generate", "--static", "--no-compile"], paths.build)
        if not result.ok:
            return f"dbt docs generate: {result.failure_summary()}"[:500]
        target = paths.build.parent / "dbt" / "target"
        paths.dbt_docs.mkdir(parents=True, exist_ok=True)
        (paths.dbt_docs / DBT_DOCS_FINGERPRINT).unlink(missing_ok=True)  # the site is changing
        for source, name in DBT_DOCS_FILES.items():  # copied beside, then renamed: never half a page
            staged = paths.dbt_docs / f".{name}.tmp"
            shutil.copyfile(target / source, staged)
            os.replace(staged, paths.dbt_docs / name)
    except OSError as error:
        return f"{type(error).__name__}: {error}"[:500]
    return "generated"


def _publish(paths: WarehousePaths, staged: Staging, record: Write) -> str | None:
    """`record` in the build, then in the written copy, which is renamed over the published file.
    Returns the identity of the published file."""
    with _connect_build(paths) as con:
        record(con)
    try:
        staged.record(record)
        return staged.put_in_place()
    except (OSError, duckdb.Error) as error:
        raise StageFailed(ExitCode.PUBLISH_FAILED, "publish", str(error)) from error
