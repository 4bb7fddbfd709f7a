"""Progress of a long load on stderr: files done of the total, rate, rejects so far.

Shown when stderr is a terminal (a rich progress bar) or when the load is long (a plain line
every few seconds, which reads well in a log); silent for a short load into a pipe, so tests
and cron mails stay clean. FAZHI_PROGRESS=always|never overrides.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from loaders.summary import LoadSummary

MANY_FILES = 200  # from this many files a load is long enough to report progress in a log
LINE_EVERY_SECONDS = 5.0


class LoadProgress(Protocol):
    def update(self, summary: LoadSummary) -> None: ...
    def finish(self, summary: LoadSummary) -> None: ...


class Silent:
    def update(self, summary: LoadSummary) -> None:
        pass

    def finish(self, summary: LoadSummary) -> None:
        pass


class PlainLines:
    """A line now and then: `fazhi load: 1200/5000 files (24%), 240.3 files/s, 30 rejected`."""

    def __init__(self, total: int, stream: TextIO, every: float = LINE_EVERY_SECONDS) -> None:
        self.total, self.stream, self.every = total, stream, every
        self.last = time.monotonic()

    def update(self, summary: LoadSummary) -> None:
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self._line(summary)

    def finish(self, summary: LoadSummary) -> None:
        self._line(summary)

    def _line(self, summary: LoadSummary) -> None:
        done = summary.files_seen
        share = 100 * done / self.total if self.total else 100.0
        rate = done / summary.seconds if summary.seconds > 0 else 0.0
        print(
            f"fazhi load: {done}/{self.total} files ({share:.0f}%), {rate:.1f} files/s, "
            f"{summary.files_rejected} rejected",
            file=self.stream,
            flush=True,
        )


class Bar:
    """A rich progress bar on a terminal."""

    def __init__(self, total: int, stream: TextIO) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("loading"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} files/s, {task.fields[rejected]} rejected"),
            TimeRemainingColumn(),
            console=Console(file=stream),
            transient=True,
        )
        self.task = self.progress.add_task("load", total=total, rate=0.0, rejected=0)
        self.progress.start()

    def update(self, summary: LoadSummary) -> None:
        rate = summary.files_seen / summary.seconds if summary.seconds > 0 else 0.0
        self.progress.update(
            self.task, completed=summary.files_seen, rate=rate, rejected=summary.files_rejected
        )

    def finish(self, summary: LoadSummary) -> None:
        self.update(summary)
        self.progress.stop()


def make_progress(total: int, stream: TextIO | None = None) -> LoadProgress:
    stream = stream or sys.stderr
    setting = os.environ.get("FAZHI_PROGRESS", "auto").strip().lower()
    if setting == "never":
        return Silent()
    terminal = hasattr(stream, "isatty") and stream.isatty()
    if setting != "always" and not terminal and total < MANY_FILES:
        return Silent()
    return Bar(total, stream) if terminal else PlainLines(total, stream)
