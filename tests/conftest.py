"""Shared fixtures: everything is made from the sample corpus shipped in data/samples."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
SAMPLES_DIR = PROJECT_DIR / "data" / "samples"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES_DIR


@pytest.fixture(scope="session")
def sample_texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SAMPLES_DIR.glob("*.txt"))}
