"""Peak resident memory of a process tree (the refresh and its dbt), sampled from /proc."""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
INTERVAL = 0.1  # seconds between samples: a dbt model lives for seconds


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def tree_rss(root: int) -> int:
    """Bytes resident in `root` and all its descendants now."""
    tree = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack += tree.get(pid, [])
        with contextlib.suppress(OSError, IndexError, ValueError):  # a process may end meanwhile
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    return total


@dataclass
class Measured:
    returncode: int
    seconds: float
    peak_rss: int  # bytes, the whole tree at its largest
    output: str
    samples: list[tuple[float, int]]  # (wall clock, bytes)

    def peak_between(self, start: float, end: float) -> int:
        return max((rss for at, rss in self.samples if start <= at <= end), default=0)


def run_measured(args: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run a command to the end, sampling its tree's memory."""
    peak = 0
    samples: list[tuple[float, int]] = []
    started = time.monotonic()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            rss = tree_rss(process.pid)
            samples.append((time.time(), rss))
            peak = max(peak, rss)
            done.wait(INTERVAL)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.monotonic() - started
    done.set()
    sampler.join()
    return Measured(process.returncode, seconds, peak, output, samples)
