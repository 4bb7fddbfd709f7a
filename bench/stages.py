"""`python -m bench.stages OUT.json -- <fazhi refresh args>`: one refresh, timed by stage.

The refresh records no per-stage times, so this wraps the functions its stages call (found
by name on their modules) with a clock and writes the seconds spent in each to OUT.json.
A stage whose function is not found (renamed) is reported missing, never guessed. Spans may
overlap: the publish copy is written in the background while the checks run.
"""

from __future__ import annotations

import functools
import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (stage, module, attribute): what the stage calls; a stage may call several (its seconds add
# up, one span each). The checks are timed through the refresh's own step, which imports
# checks.gate (great_expectations, ~3 s) when it runs: importing it here, before the refresh
# starts, would add that import to the refresh's time, whereas a real refresh imports it in the
# background while dbt runs. Publish: the copy and the Parquet export (background threads,
# during the checks), then the run's record written to the copy and the rename.
STAGE_FUNCTIONS = (
    ("load", "fazhi.refresh", "land_files"),
    ("supersede", "fazhi.refresh", "supersede_changed_files"),
    ("dbt build", "fazhi.refresh", "run_dbt"),
    ("checks", "fazhi.refresh", "_check"),
    ("publish", "fazhi.publish", "_copy_durably"),
    ("publish", "fazhi.publish", "_export_parquet"),
    ("publish", "fazhi.refresh", "_publish"),
)


# stage -> [(wall clock start, end)]: the parent lines its memory samples up with them
SPANS: dict[str, list[tuple[float, float]]] = {}


def _timed(seconds: dict[str, float], stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started, wall = time.monotonic(), time.time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[stage] = seconds.get(stage, 0.0) + time.monotonic() - started
            SPANS.setdefault(stage, []).append((wall, time.time()))

    return wrapper


def instrument(seconds: dict[str, float]) -> list[str]:
    """Wrap every stage function it finds; returns the stages it could not find."""
    missing = []
    for stage, module_name, attribute in STAGE_FUNCTIONS:
        module = importlib.import_module(module_name)
        function = getattr(module, attribute, None)
        if function is None:
            missing.append(stage)
            continue
        setattr(module, attribute, _timed(seconds, stage, function))
    return missing


def main(argv: list[str]) -> int:
    out, _, refresh_args = argv[0], argv[1], argv[2:]
    seconds: dict[str, float] = {}
    missing = instrument(seconds)
    from fazhi.cli import main as fazhi_main

    started = time.monotonic()
    code = fazhi_main(["refresh", *refresh_args])
    total = time.monotonic() - started
    record = {"exit_code": code, "total": total, "stages": seconds, "missing": missing, "spans": SPANS}
    Path(out).write_text(json.dumps(record))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
