"""TEST-ONLY hooks: let the tests stop a real refresh at a chosen stage to kill it there.

FAZHI_TEST_PAUSE_AT=<load|dbt|checks|publish> makes `fazhi refresh` print
"FAZHI_TEST_PAUSED <stage>" on stderr and sleep FAZHI_TEST_PAUSE_SECONDS (default 60) at that
stage. Unset (always, outside the tests) they do nothing.
"""

from __future__ import annotations

import os
import sys
import time

STAGES = ("load", "dbt", "checks", "publish")
MARKER = "FAZHI_TEST_PAUSED"


def pause_requested(stage: str) -> bool:
    return os.environ.get("FAZHI_TEST_PAUSE_AT") == stage


def announce(stage: str) -> None:
    if pause_requested(stage):
        print(f"{MARKER} {stage}", file=sys.stderr, flush=True)


def pause(stage: str) -> None:
    """Announce the stage and sleep, so a test can kill the process right here."""
    if pause_requested(stage):
        announce(stage)
        time.sleep(float(os.environ.get("FAZHI_TEST_PAUSE_SECONDS", "60")))
