"""Shared fixtures: everything is made from the sample corpus shipped in data/samples."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
SAMPLES_DIR = PROJECT_DIR / "data" / "samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def sample_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SAMPLES_DIR.glob("*.txt"))}


FAZHI = str(Path(sys.executable).parent / "fazhi")


# The dbt docs site costs ~3 s a refresh; only the sample warehouse (whose site is tested) makes one.
os.environ.setdefault("FAZHI_DBT_DOCS", "off")


def run_fazhi(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The `fazhi` command line, as a user runs it."""
    return subprocess.run([FAZHI, *args], capture_output=True, text=True, check=False, timeout=600,
                          env=None if env is None else {**os.environ, **env})  # fmt: skip


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@dataclass(frozen=True)
class BuiltWarehouse:
    inbox: Path
    warehouse: Path
    refresh: subprocess.CompletedProcess[str]

    @property
    def build_db(self) -> Path:
        return self.warehouse.parent / "build" / self.warehouse.name


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> BuiltWarehouse:
    """The samples (plus one empty file) refreshed once into a published warehouse."""
    root = tmp_path_factory.mktemp("sample_warehouse")
    inbox = root / "inbox"
    shutil.copytree(SAMPLES_DIR, inbox)
    (inbox / "broken.txt").write_bytes(b"")
    warehouse = root / "out" / "fazhi.duckdb"
    args = ("refresh", "--input", str(inbox), "--warehouse", str(warehouse))
    result = run_fazhi(*args, env={"FAZHI_DBT_DOCS": "on"})
    assert result.returncode == 0, result.stderr
    return BuiltWarehouse(inbox, warehouse, result)
