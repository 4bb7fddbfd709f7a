"""Find report files under the input folders."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: Path  # absolute, symlinks resolved
    input_root: Path


def discover_files(inputs: Iterable[Path]) -> Iterator[FoundFile]:
    """Yield every regular file under the inputs, sorted, each once.

    Symbolic links are followed only when they stay inside one of the input folders, so a
    crawl folder cannot pull in files from elsewhere on the machine.
    """
    roots = [Path(p).resolve() for p in inputs]
    seen: set[Path] = set()
    for root in roots:
        if root.is_file():
            candidates: Iterable[Path] = [root]
        else:
            candidates = sorted(_walk(root))
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved in seen or not _inside_any(resolved, roots):
                continue
            if not resolved.is_file():
                continue
            seen.add(resolved)
            yield FoundFile(path=resolved, input_root=root)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith("."):
                yield Path(dirpath) / name


def _inside_any(path: Path, roots: list[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)
