"""Run dbt on the build database, in its own process."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fazhi import testhooks
from fazhi.paths import project_dir

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True, slots=True)
class DbtResult:
    ok: bool
    output: str

    def failure_summary(self) -> str:
        """The lines of dbt's output that name what failed."""
        lines = [_without_timestamp(line) for line in self.output.splitlines()]
        keep = [line for line in lines if line.startswith(("Failure in", "Error in", "Compilation Error"))]
        return "; ".join(keep[:5]) or (lines[-1] if lines else "dbt failed with no output")


def _without_timestamp(line: str) -> str:
    """dbt prefixes its log lines with a clock time (12:34:56)."""
    head, _, rest = line.strip().partition("  ")
    return rest.strip() if head.count(":") == 2 and head.replace(":", "").isdigit() else line.strip()


def dbt_executable() -> str:
    beside_python = Path(sys.executable).parent / "dbt"
    return str(beside_python) if beside_python.exists() else "dbt"


def _die_with_parent() -> None:
    """In the child: if the refresh is killed (kill -9 included), dbt is killed too, so no orphan
    dbt keeps writing the build database and holding its lock (Linux; elsewhere a no-op)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def run_dbt(
    command: list[str],
    build_db: Path,
    on_started: Callable[[], None] | None = None,
    artifacts: Path | None = None,
) -> DbtResult:
    """Run a dbt command against `build_db` (a separate process: dbt holds the file while it runs).

    dbt's artifacts and logs go beside the build database, so two warehouses built from one
    checkout (a test's and a user's) never write over each other's manifest; `artifacts` puts
    them elsewhere (a compile with other vars there would void the build's partial parse).
    """
    project = project_dir()
    artifacts = artifacts or build_db.parent / "dbt"
    env = dict(os.environ)
    env.update(
        FAZHI_BUILD_DB=str(build_db),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DBT_USE_COLORS="false",
        DO_NOT_TRACK="1",
    )
    args = [
        dbt_executable(),
        *command,
        "--project-dir",
        str(project),
        "--profiles-dir",
        str(project / "profiles"),
        "--target-path",
        str(artifacts / "target"),
        "--log-path",
        str(artifacts / "logs"),
    ]
    output: list[str] = []
    with subprocess.Popen(
        args,
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    ) as process:
        assert process.stdout is not None
        if on_started:
            on_started()  # after the fork: threads it starts are never copied into dbt
        announced = False
        for line in process.stdout:
            output.append(line)
            if not announced and " OK created " in line:
                testhooks.announce("dbt")  # test-only: dbt is now mid-build
                announced = True
        returncode = process.wait()
    testhooks.pause("dbt")
    return DbtResult(ok=returncode == 0, output="".join(output))
