"""One refresh: land new files, build with dbt, publish. Each stage can stop the run."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum
from importlib.metadata import version
from pathlib import Path

import duckdb

from fazhi.audit import ensure_audit_schema
from fazhi.dbt_build import run_dbt
from fazhi.paths import WarehousePaths
from fazhi.publish import publish
from loaders.land import LoadSummary, land_files


class ExitCode(IntEnum):
    """What `fazhi refresh` returns; documented in `fazhi refresh --help` and the README."""

    PUBLISHED = 0
    USAGE = 2
    LOAD_FAILED = 3
    BUILD_FAILED = 4
    PUBLISH_FAILED = 6


@dataclass
class RefreshOutcome:
    exit_code: ExitCode
    message: str
    load: LoadSummary | None = None
    notes: list[str] = field(default_factory=list)


class StageFailed(Exception):
    def __init__(self, code: ExitCode, stage: str, message: str) -> None:
        super().__init__(message)
        self.code, self.stage, self.message = code, stage, message


def refresh(inputs: Sequence[Path], paths: WarehousePaths) -> RefreshOutcome:
    missing = [str(p) for p in inputs if not Path(p).exists()]
    if missing:
        return RefreshOutcome(ExitCode.USAGE, f"input not found: {', '.join(missing)}")
    paths.build.parent.mkdir(parents=True, exist_ok=True)
    run_id = str(uuid.uuid4())
    _record_start(paths, run_id, inputs)
    load: LoadSummary | None = None
    try:
        load = _load(paths, inputs)
        _build(paths)
        _record_end(paths, run_id, load, "published", None, load.describe())
        _publish(paths)
    except StageFailed as failure:
        _record_end(paths, run_id, load, "failed", failure.stage, failure.message)
        return RefreshOutcome(failure.code, f"{failure.stage} failed: {failure.message}", load)
    return RefreshOutcome(ExitCode.PUBLISHED, f"published {paths.published}; {load.describe()}", load)


def _load(paths: WarehousePaths, inputs: Sequence[Path]) -> LoadSummary:
    try:
        con = duckdb.connect(str(paths.build))
    except duckdb.Error as error:
        raise StageFailed(ExitCode.LOAD_FAILED, "load", f"cannot open {paths.build}: {error}") from error
    try:
        return land_files(con, inputs)
    except duckdb.Error as error:
        raise StageFailed(ExitCode.LOAD_FAILED, "load", str(error)) from error
    finally:
        con.close()


def _build(paths: WarehousePaths) -> None:
    result = run_dbt(["build"], paths.build)
    if not result.ok:
        raise StageFailed(ExitCode.BUILD_FAILED, "build", f"dbt build: {result.failure_summary()}")


def _publish(paths: WarehousePaths) -> None:
    try:
        publish(paths)
    except (OSError, duckdb.Error) as error:
        raise StageFailed(ExitCode.PUBLISH_FAILED, "publish", str(error)) from error


def _record_start(paths: WarehousePaths, run_id: str, inputs: Sequence[Path]) -> None:
    with duckdb.connect(str(paths.build)) as con:
        ensure_audit_schema(con)
        con.execute(
            "insert into audit.refresh_runs (run_id, started_at, inputs, fazhi_version) values (?, ?, ?, ?)",
            [run_id, datetime.now(UTC), [str(Path(p).resolve()) for p in inputs], version("fazhi")],
        )


def _record_end(
    paths: WarehousePaths,
    run_id: str,
    load: LoadSummary | None,
    outcome: str,
    failed_stage: str | None,
    message: str,
) -> None:
    with duckdb.connect(str(paths.build)) as con:
        con.execute(
            """update audit.refresh_runs set finished_at = ?, files_seen = ?, files_landed = ?,
               files_rejected = ?, outcome = ?, failed_stage = ?, message = ? where run_id = ?""",
            [
                datetime.now(UTC),
                load.files_seen if load else None,
                load.files_landed if load else None,
                load.files_rejected if load else None,
                outcome,
                failed_stage,
                message,
                run_id,
            ],
        )
