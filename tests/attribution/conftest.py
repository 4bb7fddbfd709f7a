"""Shared fixture: the gazetteer built from the project's own seeds (cached, loaded once)."""

from __future__ import annotations

import pytest

from attribution import Gazetteer, default_seeds_dir, load_gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer(default_seeds_dir())
