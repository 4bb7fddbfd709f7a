"""Run `dbt build` on the build database, in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from fazhi.paths import project_dir


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


def run_dbt(command: list[str], build_db: Path) -> DbtResult:
    """Run a dbt command against `build_db` (a separate process: dbt holds the file while it runs)."""
    project = project_dir()
    env = dict(os.environ)
    env.update(
        FAZHI_BUILD_DB=str(build_db),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DBT_USE_COLORS="false",
        DO_NOT_TRACK="1",
    )
    completed = subprocess.run(
        [
            dbt_executable(),
            *command,
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project / "profiles"),
        ],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return DbtResult(ok=completed.returncode == 0, output=completed.stdout + completed.stderr)
