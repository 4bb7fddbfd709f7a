"""Loader fixtures: file generators (tests/fixture_files.py) and a fresh build database."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import duckdb
import pytest


def load_fixture_files() -> ModuleType:
    """tests/ is not a package (pytest runs in importlib mode): load the generator module by path."""
    path = Path(__file__).resolve().parents[1] / "fixture_files.py"
    spec = importlib.util.spec_from_file_location("fazhi_fixture_files", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def files() -> ModuleType:
    return load_fixture_files()


@pytest.fixture()
def con(tmp_path):
    connection = duckdb.connect(str(tmp_path / "build.duckdb"))
    yield connection
    connection.close()
