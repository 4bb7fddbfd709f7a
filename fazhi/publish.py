"""Publish the build database: a reader sees the old warehouse or the new one, never a mix."""

from __future__ import annotations

import os
import shutil

import duckdb

from fazhi.paths import WarehousePaths


def publish(paths: WarehousePaths) -> None:
    """Checkpoint the build database, copy it beside the published file, and rename over it."""
    con = duckdb.connect(str(paths.build))
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    paths.published.parent.mkdir(parents=True, exist_ok=True)
    staging_copy = paths.staging_copy
    try:
        shutil.copyfile(paths.build, staging_copy)
        with open(staging_copy, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(staging_copy, paths.published)  # atomic on one file system
    finally:
        staging_copy.unlink(missing_ok=True)
