"""Prepare the files of a load (read, hash, extract, split) in worker processes, in order.

The loading process keeps the database work (what lands, inserts, rejects); reading and
extracting, most of the rest, runs on the other cores. Results come back in the order the files
were found, so a load lands exactly what a load in one process lands (the first of two
identical files is the one landed), and only a few chunks are in flight at a time, so memory
stays bounded however many files there are.

Workers start from a fork server (Linux) or are spawned, never forked from the loading process:
DuckDB runs threads there. Starting them costs about a second, and a worker spends more CPU on a
file than this process would (sending its text back), so the pool pays only when preparing is
most of a load: web pages and PDFs (~40 ms each) rather than text files (~0.3 ms each, less
than writing them costs this process and DuckDB, which already uses the second core). A load
whose files would take under FAZHI_LOAD_POOL_MIN_SECONDS to prepare in one process (estimated
from their types) is prepared in-process: under ~125 pages or PDFs, or ~17,000 text files.

Settings (environment): FAZHI_WORKERS, the number of worker processes (default: the cores this
process may use; 1 prepares everything in-process); FAZHI_LOAD_POOL_MIN_SECONDS (default 5; 0
always uses the pool).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Generator, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from fazhi.row_pool import worker_count
from loaders.discover import FoundFile
from loaders.limits import LoadLimits
from loaders.prepare import Prepared, prepare_file

ENV_MIN_SECONDS = "FAZHI_LOAD_POOL_MIN_SECONDS"
DEFAULT_MIN_SECONDS = 5.0
# One core's time to read, hash, extract and split a file, by type (measured on the benchmark
# corpus and the test fixtures: a text file 0.3 ms, a .docx 9 ms, a web page or PDF ~40 ms).
_SECONDS_PER_FILE = {".txt": 0.0003, ".text": 0.0003, ".docx": 0.01}
_SECONDS_PER_PAGE_OR_PDF = 0.04  # .html, .htm, .shtml, .xhtml, .pdf, and any other type (sniffed)
CHUNK_FILES = 16  # files per task: small enough that one slow PDF does not hold a core's share
CHUNKS_IN_FLIGHT_PER_WORKER = 16  # workers run ahead while a batch commits; bounds what waits in memory


@dataclass(frozen=True, slots=True)
class PoolSettings:
    workers: int  # worker processes; 1 prepares every file in the loading process
    min_seconds: float = DEFAULT_MIN_SECONDS  # less estimated work than this is prepared in-process

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> PoolSettings:
        env = os.environ if environ is None else environ
        min_seconds = env.get(ENV_MIN_SECONDS, "").strip()
        return cls(
            workers=worker_count(env),
            min_seconds=float(min_seconds) if min_seconds else DEFAULT_MIN_SECONDS,
        )

    def use_pool(self, found: Sequence[FoundFile]) -> bool:
        return self.workers > 1 and estimated_seconds(found) >= self.min_seconds


def estimated_seconds(found: Sequence[FoundFile]) -> float:
    """About how long preparing these files takes on one core (entries with a problem: nothing)."""
    return sum(
        _SECONDS_PER_FILE.get(item.path.suffix.lower(), _SECONDS_PER_PAGE_OR_PDF)
        for item in found
        if item.problem is None
    )


def prepared_in_order(
    found: Sequence[FoundFile], limits: LoadLimits, known: set[str], settings: PoolSettings
) -> Generator[tuple[FoundFile, Prepared | None], None, None]:
    """Every found file with what preparing it gave (None for an entry discovery already refused).

    `known` are the ids landed before: such a file is read and hashed but not extracted. The
    in-process path reads the live set, the pool a copy taken at start; the caller decides
    about copies either way, from the document id.
    """
    if settings.use_pool(found):
        return _pooled(found, limits, known, settings.workers)
    return _in_process(found, limits, known)


def _in_process(
    found: Sequence[FoundFile], limits: LoadLimits, known: set[str]
) -> Generator[tuple[FoundFile, Prepared | None], None, None]:
    for item in found:  # lazily: each file is read when its turn comes
        yield item, None if item.problem is not None else prepare_file(item.path, limits, known)


def _pooled(
    found: Sequence[FoundFile], limits: LoadLimits, known: set[str], workers: int
) -> Generator[tuple[FoundFile, Prepared | None], None, None]:
    in_flight: deque[tuple[Sequence[FoundFile], Future[list[Prepared]]]] = deque()
    done = 0  # files handed to the caller
    executor: ProcessPoolExecutor | None = None
    try:
        executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_context(),
            initializer=_start_worker,
            initargs=(limits, frozenset(known)),
        )
        for start in range(0, len(found), CHUNK_FILES):
            chunk = found[start : start + CHUNK_FILES]
            paths = [item.path for item in chunk if item.problem is None]
            in_flight.append((chunk, executor.submit(_prepare_chunk, paths)))
            while in_flight and (
                len(in_flight) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER or start + CHUNK_FILES >= len(found)
            ):
                chunk, future = in_flight[0]
                results = future.result()
                in_flight.popleft()
                yield from _paired(chunk, results)
                done += len(chunk)
    except (BrokenProcessPool, OSError) as error:
        # the workers could not start or one died (killed, out of memory): preparing a file
        # raises nothing else, so the files not handed over yet are prepared here
        print(f"fazhi load: worker processes failed ({error!r}); reading files in-process", file=sys.stderr)
        yield from _in_process(found[done:], limits, known)
    finally:
        # also when the caller stops early (a database error): queued chunks are dropped
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _paired(
    chunk: Sequence[FoundFile], results: list[Prepared]
) -> Iterator[tuple[FoundFile, Prepared | None]]:
    prepared = iter(results)
    for item in chunk:
        yield item, None if item.problem is not None else next(prepared)


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # the server imports the readers once; each worker forked from it starts ready
        context.set_forkserver_preload(["__main__", __name__])
        return context
    return multiprocessing.get_context("spawn")


# In a worker: what every chunk needs, sent once when the worker starts.
_worker_limits = LoadLimits()
_worker_known: frozenset[str] = frozenset()


def _start_worker(limits: LoadLimits, known: frozenset[str]) -> None:
    global _worker_limits, _worker_known
    _worker_limits, _worker_known = limits, known


def _prepare_chunk(paths: list[Path]) -> list[Prepared]:
    return [prepare_file(path, _worker_limits, _worker_known) for path in paths]
