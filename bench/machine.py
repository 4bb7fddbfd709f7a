"""The machine a benchmark ran on, as a reader needs it to compare figures."""

from __future__ import annotations

import os
import platform
from importlib.metadata import version
from pathlib import Path


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def describe() -> dict[str, str]:
    load = os.getloadavg()
    return {
        "cpu": _cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": f"{_memory_gb():.1f} GB",
        "load average (1/5/15 min)": " / ".join(f"{x:.2f}" for x in load),
        "python": platform.python_version(),
        "duckdb": version("duckdb"),
        "dbt-core": version("dbt-core"),
        "dbt-duckdb": version("dbt-duckdb"),
        "opencc-python-reimplemented": version("opencc-python-reimplemented"),
        "kernel": platform.release(),
    }
