"""Where the seed CSVs are, and how Python reads them (the same files dbt loads as seeds).

One place for both, so extraction, attribution and the indicator mapping cannot drift apart
on the folder they read or on how a cell is cleaned.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

SEEDS_ENV = "FAZHI_SEEDS_DIR"


def default_seeds_dir() -> Path:
    """$FAZHI_SEEDS_DIR, else the project's seeds/ folder."""
    configured = os.environ.get(SEEDS_ENV)
    return Path(configured) if configured else Path(__file__).resolve().parents[1] / "seeds"


def read_seed_rows(path: Path) -> list[dict[str, str]]:
    """Every row of a seed CSV (a BOM is fine, as for dbt), cells stripped, a missing cell ''."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]
