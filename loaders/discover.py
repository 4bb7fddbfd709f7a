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
    seen: set[str] = set()
    for root in roots:
        problems: list[FoundFile] = []
        if root.is_file():
            candidates: list[tuple[str, bool]] = [(str(root), False)]
        else:
            # sorted as paths (by their parts), so the order is the same whatever the separator sorts as
            candidates = sorted(_walk(root, problems), key=lambda candidate: candidate[0].split(os.sep))
        yield from sorted(problems, key=lambda problem: problem.path.parts)  # as a sorted walk meets them
        for name, plain in candidates:
            if plain:
                # a regular file, not a link, in a folder reached without links: the path is
                # already resolved and inside the inputs (no syscalls: 4 per file otherwise)
                if name not in seen:
                    seen.add(name)
                    yield FoundFile(path=Path(name), input_root=root)
                continue
            found = _check(Path(name), root, roots, seen)
            if found is not None:
                yield found


def _check(candidate: Path, root: Path, roots: list[Path], seen: set[str]) -> FoundFile | None:
    """A link or special entry: followed only to a regular file inside the inputs."""
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError):  # dangling link, link loop, or vanished
        return FoundFile(candidate, root, "broken symbolic link: its target does not exist", "unreadable")
    if not _inside_any(resolved, roots):
        return FoundFile(
            candidate,
            root,
            f"symbolic link leading outside the input folders (to {resolved}); not followed",
            "symlink_outside",
        )
    if str(resolved) in seen:
        return None
    seen.add(str(resolved))
    try:
        mode = resolved.stat().st_mode
    except OSError as error:
        return FoundFile(resolved, root, f"cannot read the file: {error.strerror or error}", "unreadable")
    if stat.S_ISDIR(mode):
        return None  # a link to a folder inside the inputs: its files are found where they are
    if not stat.S_ISREG(mode):
        # reading a fifo or a device would block or never end
        return FoundFile(resolved, root, "not a regular file (a pipe, socket or device)", "not_regular")
    return FoundFile(path=resolved, input_root=root)


def _walk(root: Path, problems: list[FoundFile]) -> Iterator[tuple[str, bool]]:
    """Every entry under the root but folders and hidden names, as (path, is a plain file)."""
    folders = [str(root)]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as error:
            path = Path(error.filename) if error.filename else root
            problems.append(
                FoundFile(path, root, f"cannot read the folder: {error.strerror or error}", "unreadable")
            )
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                yield entry.path, False  # checked: inside is followed or skipped, outside rejected
            elif _is_dir(entry):
                folders.append(entry.path)
            else:
                yield entry.path, _is_file(entry)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _inside_any(path: Path, roots: list[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)
