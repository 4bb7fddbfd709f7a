"""The `fazhi` command line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fazhi.paths import DEFAULT_WAREHOUSE, warehouse_paths
from fazhi.refresh import ExitCode
from loaders.limits import ENV_MAX_FILE_MB, LOAD_LIMITS_HELP, LoadLimits

MAX_REJECT_LINES = 50  # beyond this, the summary and raw.rejects tell the rest

REFRESH_EPILOG = """stages: lock → load (new files only, by content hash) → dbt build (models and tests)
→ Great Expectations checks → publish (copy beside, then one rename). A refresh with nothing
new (same files, same project) leaves the published file untouched.

exit codes:
  0  published, or nothing new: the warehouse at --warehouse is the current build
  2  usage: bad arguments or an input folder that does not exist
  3  load failed: the build database could not be written (files that cannot be read
     are not failures: they land in raw.rejects and the load goes on)
  4  build failed: a dbt model or test failed; nothing was published
  5  checks failed: the Great Expectations gate failed (see audit.validation_results in
     the build database and the Data Docs in <warehouse folder>/docs/gx); nothing was published
  6  publish failed: the new file could not be put in place; the old one is intact
  7  locked: another refresh is running on this warehouse; nothing was done
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fazhi",
        description="Turn 法治政府建设年度报告 into a warehouse of comparable metrics (DuckDB + dbt).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    refresh = commands.add_parser(
        "refresh",
        help="load report files, build the warehouse with dbt, and publish it",
        description=(
            "Land every new report file under the inputs (raw), run `dbt build` on the build database "
            "beside the published one, check the marts with Great Expectations, and only if all pass "
            "publish it atomically to --warehouse. One refresh at a time; safe to kill at any point."
        ),
        epilog=REFRESH_EPILOG + LOAD_LIMITS_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    refresh.add_argument(
        "--input",
        action="append",
        required=True,
        type=Path,
        metavar="DIR",
        help="a folder (or file) of reports; repeat for several",
    )
    refresh.add_argument(
        "--warehouse",
        type=Path,
        default=DEFAULT_WAREHOUSE,
        metavar="PATH",
        help=f"the published DuckDB file (default {DEFAULT_WAREHOUSE}); the build database is PATH's "
        "folder/build/<same name>",
    )

    refresh.add_argument(
        "--full",
        action="store_true",
        help="rebuild every model from raw (dbt build --full-refresh), even when nothing is new",
    )

    refresh.add_argument(
        "--max-file-mb",
        type=_positive_number,
        metavar="MB",
        help=f"reject (unread) any file larger than this (default {ENV_MAX_FILE_MB[1]}, "
        f"or {ENV_MAX_FILE_MB[0]})",
    )

    synth = commands.add_parser(
        "synth",
        help="write a synthetic corpus for benchmarks, with the quantities it must score on",
        description=(
            "Recombine the sample corpus's paragraphs into N realistic reports of other jurisdictions "
            "and years, with re-drawn numbers, some in traditional script; write them to DIR with "
            "expected_mentions.csv and expected_documents.csv (the gold CSV format). "
            "Deterministic for a seed."
        ),
    )
    synth.add_argument("--docs", type=int, required=True, metavar="N", help="how many reports")
    synth.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write")
    synth.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    synth.add_argument(
        "--traditional-share", type=float, default=0.2, metavar="F", help="share in traditional script (0.2)"
    )
    synth.add_argument(
        "--prefix", default="s", help="file name prefix, so corpora of other seeds can join one (default s)"
    )
    synth.add_argument("--workers", type=int, default=None, help="processes (default: every core)")

    show = commands.add_parser("show", help="print the published metrics by jurisdiction and year")
    show.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, metavar="PATH")

    report = commands.add_parser(
        "report",
        help="write a static HTML report: charts per indicator, coverage, data quality, source sentences",
        description=(
            "Write one self-contained HTML file (inline SVG, no scripts, works offline) from the published "
            "warehouse, opened read-only: a chart per indicator by jurisdiction and year, the indicator "
            "coverage heat map, the data-quality status of the last refresh, and for every value its "
            "source sentence (tooltip and table)."
        ),
    )
    report.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, metavar="PATH")
    report.add_argument("--out", type=Path, required=True, metavar="FILE.html", help="the HTML file to write")
    return parser


def _positive_number(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number of megabytes, not {value!r}")
    return number


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "refresh":
        from fazhi.refresh import refresh

        if args.max_file_mb is not None:  # the loader reads its limits from the environment
            os.environ[ENV_MAX_FILE_MB[0]] = str(args.max_file_mb)
        try:
            LoadLimits.from_env()
        except ValueError as error:
            print(f"fazhi refresh: {error}", file=sys.stderr)
            return int(ExitCode.USAGE)
        outcome = refresh(args.input, warehouse_paths(args.warehouse), full=args.full)
        if outcome.load is not None:
            for path, reason in outcome.load.rejects[:MAX_REJECT_LINES]:
                print(f"rejected {path}: {reason}", file=sys.stderr)
            if len(outcome.load.rejects) > MAX_REJECT_LINES:
                more = len(outcome.load.rejects) - MAX_REJECT_LINES
                print(f"… and {more} more in raw.rejects", file=sys.stderr)
            print(outcome.load.paragraph(), file=sys.stderr)
        if outcome.exit_code == ExitCode.PUBLISHED:
            print(outcome.message)
            for note in outcome.notes:
                print(f"  {note}")
        else:
            print(f"fazhi refresh: {outcome.message}", file=sys.stderr)
            for note in outcome.notes:
                print(f"  {note}", file=sys.stderr)
        return int(outcome.exit_code)
    if args.command == "synth":
        from synth.cli import run_synth

        return run_synth(args)
    if args.command == "report":
        from report.build import write_report

        if not args.warehouse.exists():
            print(f"fazhi report: no warehouse at {args.warehouse}; run `fazhi refresh`", file=sys.stderr)
            return int(ExitCode.USAGE)
        print(write_report(args.warehouse, args.out))
        return 0
    if args.command == "show":
        from fazhi.show import show

        if not args.warehouse.exists():
            print(f"fazhi show: no warehouse at {args.warehouse}; run `fazhi refresh` first", file=sys.stderr)
            return int(ExitCode.USAGE)
        print(show(args.warehouse))
        return 0
    return int(ExitCode.USAGE)


if __name__ == "__main__":
    sys.exit(main())
