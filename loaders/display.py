"""A found file's path and name as stored text (raw.documents, raw.rejects, raw.seen_files)."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: Path) -> str:
    """The path as text that can be stored: bytes that are not UTF-8 are shown as \\x.. escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def display_name(path: Path) -> str:
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")
