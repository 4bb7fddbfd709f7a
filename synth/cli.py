"""`fazhi synth`: the command-line face of the generator."""

from __future__ import annotations

import argparse
import sys
import time

from synth.corpus import CorpusSpec, generate_corpus

USAGE_ERROR = 2


def run_synth(args: argparse.Namespace) -> int:
    if args.docs < 0 or not 0.0 <= args.traditional_share <= 1.0:
        print("fazhi synth: --docs must be ≥ 0 and --traditional-share within 0..1", file=sys.stderr)
        return USAGE_ERROR
    spec = CorpusSpec(args.docs, args.seed, args.traditional_share, args.prefix)
    started = time.monotonic()
    summary = generate_corpus(spec, args.out, args.workers)
    seconds = time.monotonic() - started
    per_quantity = summary.n_characters / summary.n_mentions if summary.n_mentions else 0
    print(
        f"wrote {summary.n_docs} reports ({summary.n_traditional} traditional), {summary.n_characters:,} "
        f"characters, {summary.n_mentions:,} expected quantities (1 per {per_quantity:.0f} characters) "
        f"to {args.out} in {seconds:.1f} s"
    )
    return 0
