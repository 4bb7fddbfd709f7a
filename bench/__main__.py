"""`make bench` (python -m bench): build warehouses of N synthetic reports and time everything.

Sizes come from --sizes or $BENCH_SIZES (default "1000 10000"); work files go to --work or
$BENCH_DIR (default /tmp/fazhi-bench), corpora are generated once per size and seed and kept.
Prints a table and writes it into docs/benchmarks.md between the bench markers.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

import duckdb

from bench import correctness, dbt_timings, machine, probes, queries, steps
from bench.memory import run_measured
from bench.report import render, write_markdown
from fazhi.paths import project_dir, warehouse_paths
from synth.corpus import CorpusSpec, generate_corpus

SEED = 1
NEW_REPORTS = 100


def _corpus(
    work: Path, n: int, prefix: str = "s", seed: int = SEED, tag: str = "corpus"
) -> tuple[Path, float]:
    """The corpus of n reports (made once and kept: its marker names the spec)."""
    folder = work / f"{tag}-{n}-{seed}"
    marker = folder / ".complete"
    if marker.exists():
        return folder, 0.0
    shutil.rmtree(folder, ignore_errors=True)
    started = time.monotonic()
    generate_corpus(CorpusSpec(n, seed, 0.2, prefix), folder)
    marker.write_text(f"{n} {seed} {prefix}\n")
    return folder, time.monotonic() - started


def _refresh(inputs: list[Path], warehouse: Path, stage_file: Path) -> dict[str, object]:
    args = [sys.executable, "-m", "bench.stages", str(stage_file), "--"]
    for folder in inputs:
        args += ["--input", str(folder)]
    args += ["--warehouse", str(warehouse)]
    measured = run_measured(args)
    stages = json.loads(stage_file.read_text()) if stage_file.exists() else {}
    if measured.returncode != 0:
        print(measured.output[-3000:], file=sys.stderr)
    peaks = {
        stage: max(measured.peak_between(start, end) for start, end in spans)
        for stage, spans in stages.get("spans", {}).items()
    }
    return {
        "stage_peak_rss": peaks,
        "exit_code": measured.returncode,
        "seconds": measured.seconds,
        "peak_rss": measured.peak_rss,
        "stages": stages.get("stages", {}),
        "missing_stages": stages.get("missing", []),
    }


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _characters(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return int(con.execute("select coalesce(sum(length(text)), 0) from raw.documents").fetchone()[0])


def run_size(work: Path, n: int, incremental: bool, repeats: int) -> dict[str, object]:
    corpus, generated = _corpus(work, n)
    paths = warehouse_paths(work / f"warehouse-{n}" / "fazhi.duckdb")
    shutil.rmtree(paths.published.parent, ignore_errors=True)
    print(f"[bench] {n} reports: full refresh …", file=sys.stderr, flush=True)
    result: dict[str, object] = {"reports": n, "generate_seconds": generated}
    result["load_average_before"] = os.getloadavg()
    result["full"] = _refresh([corpus], paths.published, work / f"stages-full-{n}.json")
    result["models"] = dbt_timings.model_times(paths.build)
    result["published_bytes"] = _size(paths.published)
    result["build_bytes"] = _size(paths.build)
    result["characters"] = _characters(paths.published)
    result["score"] = asdict(correctness.score(paths.published, corpus))
    print(f"[bench] {n} reports: analyses …", file=sys.stderr, flush=True)
    result["queries"] = queries.latencies(paths.published, queries.compile_analyses(paths.build), repeats)
    if incremental:
        new, _ = _corpus(work, NEW_REPORTS, prefix="n", seed=SEED + n, tag="new")
        print(f"[bench] {n} reports: + {NEW_REPORTS} new …", file=sys.stderr, flush=True)
        result["incremental"] = _refresh([corpus, new], paths.published, work / f"stages-incr-{n}.json")
        result["incremental_models"] = dbt_timings.model_times(paths.build)
        result["published_bytes_after_incremental"] = _size(paths.published)
        result["build_bytes_after_incremental"] = _size(paths.build)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000 10000"))
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("BENCH_DIR", "/tmp/fazhi-bench")))
    parser.add_argument("--repeats", type=int, default=5, help="runs of each analysis query (median)")
    parser.add_argument("--label", default="", help="a name for this run in docs/benchmarks.md")
    parser.add_argument("--no-markdown", action="store_true", help="print only")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.replace(",", " ").split())
    args.work.mkdir(parents=True, exist_ok=True)
    run: dict[str, object] = {"machine_before": machine.describe(), "label": args.label, "sizes": []}
    for n in sizes:
        run["sizes"].append(run_size(args.work, n, incremental=n == sizes[-1], repeats=args.repeats))
    largest = warehouse_paths(args.work / f"warehouse-{sizes[-1]}" / "fazhi.duckdb")
    print("[bench] throughput probes …", file=sys.stderr, flush=True)
    run["throughput"] = asdict(probes.measure(largest.published, project_dir() / "seeds"))
    run["steps"] = steps.measure(largest.published)
    run["machine_after"] = machine.describe()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (args.work / f"results-{stamp}.json").write_text(json.dumps(run, indent=1, default=str))
    text = render(run)
    print(text)
    if not args.no_markdown:
        write_markdown(project_dir() / "docs" / "benchmarks.md", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
