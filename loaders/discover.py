"""Find report files under the input folders, and say why any entry cannot be read as one."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: Path  # absolute; symlinks resolved when they lead to a file inside the inputs
    input_root: Path
    problem: str | None = None  # why the entry cannot be landed (it is then rejected with this reason)
    code: str | None = None  # the reason's code (see loaders.rejection.REASON_CODES)


def discover_files(inputs: Iterable[Path]) -> Iterator[FoundFile]:
    """Yield every file under the inputs, sorted, each once; entries that are not files we may
    read (a link leading outside the inputs, a fifo, an unreadable folder) come with a problem.

    Symbolic links are followed only when they stay inside one of the input folders, so a
    crawl folder cannot pull in files from elsewhere on the machine. A link to a file that is
    itself under the inputs yields nothing more: the file is found where it is.
    """
    roots = [Path(p).resolve() for p in inputs]
    seen: set[Path] = set()
    for root in roots:
        problems: list[FoundFile] = []
        if root.is_file():
            candidates: Iterable[Path] = [root]
        else:
            candidates = sorted(_walk(root, problems))
        yield from problems
        for candidate in candidates:
            try:
                resolved = candidate.resolve(strict=True)
            except (OSError, RuntimeError):  # dangling link, link loop, or vanished
                yield FoundFile(
                    candidate, root, "broken symbolic link: its target does not exist", "unreadable"
                )
                continue
            if not _inside_any(resolved, roots):
                yield FoundFile(
                    candidate,
                    root,
                    f"symbolic link leading outside the input folders (to {resolved}); not followed",
                    "symlink_outside",
                )
                continue
            if resolved in seen:
                continue
            seen.add(resolved)
            try:
                mode = resolved.stat().st_mode
            except OSError as error:
                yield FoundFile(
                    resolved, root, f"cannot read the file: {error.strerror or error}", "unreadable"
                )
                continue
            if stat.S_ISDIR(mode):
                continue  # a link to a folder inside the inputs: its files are found where they are
            if not stat.S_ISREG(mode):
                # reading a fifo or a device would block or never end
                yield FoundFile(
                    resolved, root, "not a regular file (a pipe, socket or device)", "not_regular"
                )
                continue
            yield FoundFile(path=resolved, input_root=root)


def _walk(root: Path, problems: list[FoundFile]) -> Iterator[Path]:
    def unreadable(error: OSError) -> None:
        path = Path(error.filename) if error.filename else root
        problems.append(
            FoundFile(path, root, f"cannot read the folder: {error.strerror or error}", "unreadable")
        )

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames:
            if (Path(dirpath) / name).is_symlink():
                yield Path(dirpath) / name  # checked like a file link: inside is skipped, outside rejected
        for name in filenames:
            if not name.startswith("."):
                yield Path(dirpath) / name


def _inside_any(path: Path, roots: list[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)
