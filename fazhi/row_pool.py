"""Run a per-row Python function over a batch of rows on every core.

DuckDB calls a Python UDF with the GIL held, so the per-document steps of a build (conversion,
attribution, extraction, mapping) ran on one core whatever DuckDB's thread count. The UDFs now
take a whole vector of rows (Arrow) and hand it to a pool of worker processes, in chunks of
about equal text. A batch too small to repay the hand-over runs in the calling process.

Workers are started with `spawn` (never `fork`: the parent is a multithreaded DuckDB process)
on first use and live as long as the process that started them.

Settings (environment): FAZHI_WORKERS, the number of worker processes (default: the cores this
process may use; 1 runs everything in-process); FAZHI_POOL_MIN_CHARS, the smallest batch, in
characters, that goes to the pool (default 100,000); FAZHI_POOL_START_CHARS, how many characters
a process works through itself before it starts the workers (default 5,000,000): starting two
takes ~3 CPU-s, more than a nightly refresh of a hundred reports asks of all its steps together.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, TypeVar

DEFAULT_MIN_CHARS = 100_000
DEFAULT_START_CHARS = 5_000_000
CHUNKS_PER_WORKER = 4  # several chunks each, so one slow chunk does not leave a core idle

Row = tuple[Any, ...]
T = TypeVar("T")


ENV_WORKERS = "FAZHI_WORKERS"


def worker_count(environ: Mapping[str, str] | None = None) -> int:
    """FAZHI_WORKERS, else the cores this process may use (the loader's pool reads it too)."""
    configured = (os.environ if environ is None else environ).get(ENV_WORKERS, "").strip()
    if configured:
        return max(1, int(configured))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _setting(name: str, default: int) -> int:
    configured = os.environ.get(name, "").strip()
    return int(configured) if configured else default


def min_pool_chars() -> int:
    return _setting("FAZHI_POOL_MIN_CHARS", DEFAULT_MIN_CHARS)


def pool_start_chars() -> int:
    return _setting("FAZHI_POOL_START_CHARS", DEFAULT_START_CHARS)


def split_by_weight(weights: Sequence[int], parts: int) -> list[range]:
    """Contiguous index ranges of about equal total weight, at most `parts`, none empty."""
    if not weights:
        return []
    parts = max(1, min(parts, len(weights)))
    target = sum(weights) / parts
    ranges: list[range] = []
    start, running = 0, 0
    for index, weight in enumerate(weights):
        running += weight
        still_to_cut = parts - len(ranges) - 1
        rows_left = len(weights) - index - 1
        if still_to_cut > 0 and rows_left >= still_to_cut and running >= target * (len(ranges) + 1):
            ranges.append(range(start, index + 1))
            start = index + 1
    ranges.append(range(start, len(weights)))
    return [r for r in ranges if len(r)]


def apply_rows(function: Callable[..., Any], rows: Sequence[Row]) -> list[Any]:
    """In a worker (or in-process): the function on every row, in order."""
    return [function(*row) for row in rows]


class RowPool:
    """One pool of worker processes per process, started on first use."""

    def __init__(
        self, workers: int | None = None, min_chars: int | None = None, start_chars: int | None = None
    ) -> None:
        self._workers = workers
        self._min_chars = min_chars
        self._start_chars = start_chars
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._chars_in_process = 0  # worked through here before the workers started
        self.pooled_batches = 0  # batches the workers computed (the tests read it)

    @property
    def workers(self) -> int:
        return self._workers if self._workers is not None else worker_count()

    @property
    def min_chars(self) -> int:
        return self._min_chars if self._min_chars is not None else min_pool_chars()

    @property
    def start_chars(self) -> int:
        return self._start_chars if self._start_chars is not None else pool_start_chars()

    def _worth_the_pool(self, weights: Sequence[int]) -> bool:
        """A batch goes to the workers when it is big enough and, until they are started, once this
        process has worked through `start_chars` itself (a small refresh never pays for them)."""
        if self.workers <= 1 or len(weights) < 2:
            return False
        chars = sum(weights)
        if chars < self.min_chars:
            return False
        with self._lock:
            if self._executor is not None:
                return True
            self._chars_in_process += chars
            return self._chars_in_process > self.start_chars

    def map(self, function: Callable[..., Any], rows: Sequence[Row], weights: Sequence[int]) -> list[Any]:
        """`function(*row)` for every row, in order; on the pool when the batch is big enough."""
        chunks = self.map_chunks(partial(apply_rows, function), rows, weights)
        return [result for chunk in chunks for result in chunk]

    def map_chunks(
        self, chunk_function: Callable[[Sequence[Row]], T], rows: Sequence[Row], weights: Sequence[int]
    ) -> list[T]:
        """`chunk_function` on consecutive chunks of the rows, in order: on the pool, in chunks of
        about equal weight, when the batch is big enough; else once, here, on all the rows. The
        chunk function runs in a worker, so it can also build the result's final form there."""
        if not self._worth_the_pool(weights):
            return [chunk_function(rows)]
        chunks = [rows[r.start : r.stop] for r in split_by_weight(weights, self.workers * CHUNKS_PER_WORKER)]
        try:
            results = list(self._executor_started().map(chunk_function, chunks))
        except BrokenProcessPool as error:
            # a worker died (killed, out of memory): this batch is done here, the next gets a new pool
            print(f"fazhi: worker pool broke ({error}); running this batch in-process", file=sys.stderr)
            self._discard()
            return [chunk_function(rows)]
        self.pooled_batches += 1
        return results

    def _executor_started(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=multiprocessing.get_context("spawn")
                )
            return self._executor

    def _discard(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)

    def shutdown(self) -> None:
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)
