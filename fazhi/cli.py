"""The `fazhi` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fazhi.paths import DEFAULT_WAREHOUSE, warehouse_paths
from fazhi.refresh import ExitCode

REFRESH_EPILOG = """exit codes:
  0  published: the warehouse at --warehouse is the new build
  2  usage: bad arguments or an input folder that does not exist
  3  load failed: the build database could not be written (files that cannot be read
     are not failures: they land in raw.rejects and the load goes on)
  4  build failed: a dbt model or test failed; nothing was published
  6  publish failed: the new file could not be put in place; the old one is intact
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
            "Land every report file under the inputs (raw), run `dbt build` on the build database "
            "beside the published one, and publish it atomically to --warehouse."
        ),
        epilog=REFRESH_EPILOG,
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

    show = commands.add_parser("show", help="print the published metrics by jurisdiction and year")
    show.add_argument("--warehouse", type=Path, default=DEFAULT_WAREHOUSE, metavar="PATH")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "refresh":
        from fazhi.refresh import refresh

        outcome = refresh(args.input, warehouse_paths(args.warehouse))
        if outcome.load is not None:
            for path, reason in outcome.load.rejects:
                print(f"rejected {path}: {reason}", file=sys.stderr)
        if outcome.exit_code == ExitCode.PUBLISHED:
            print(outcome.message)
        else:
            print(f"fazhi refresh: {outcome.message}", file=sys.stderr)
        return int(outcome.exit_code)
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
