"""Where things are: the dbt project, the build database, the published warehouse."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_WAREHOUSE = Path("warehouse/fazhi.duckdb")


def project_dir() -> Path:
    """The dbt project (this repository), unless FAZHI_PROJECT_DIR names another."""
    override = os.environ.get("FAZHI_PROJECT_DIR")
    return Path(override).resolve() if override else Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class WarehousePaths:
    published: Path

    @property
    def build(self) -> Path:
        # Same file name in a sibling folder: DuckDB names the catalog after the file, and
        # the views dbt writes name that catalog, so both files must share it.
        return self.published.parent / "build" / self.published.name

    @property
    def staging_prefix(self) -> str:
        return f".{self.published.name}.publishing-"

    @property
    def staging_copy(self) -> Path:
        return self.published.parent / f"{self.staging_prefix}{os.getpid()}"

    @property
    def lock(self) -> Path:
        # beside the warehouse, not in it: a BI tool holding the file never touches the lock
        return self.published.parent / f".{self.published.name}.refresh.lock"

    @property
    def docs(self) -> Path:
        """Great Expectations Data Docs (HTML), rebuilt by every refresh that reaches the checks."""
        return self.published.parent / "docs" / "gx"

    @property
    def dbt_docs(self) -> Path:
        """The dbt docs site (models, columns, lineage), regenerated when what it shows changed."""
        return self.published.parent / "docs" / "dbt"

    @property
    def parquet(self) -> Path:
        """One Parquet file per mart, exported on every publish for tools that do not read DuckDB."""
        return self.published.parent / "parquet"


def warehouse_paths(published: Path | str) -> WarehousePaths:
    return WarehousePaths(Path(published).resolve())
