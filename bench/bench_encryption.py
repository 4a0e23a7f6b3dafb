"""What the encrypted store costs next to a plain SQLite file, small enough to run in a minute.

The same three pieces of work as bench_store.py (roster import, the candidates table's queries,
certificate issuing through the service), on fresh installations of each kind, alternating the
kinds, median of the runs; printed as ``plain X, encrypted Y, +Z %`` per piece. The sign-ins
that set each installation up use cheap password hashing (they are not timed). The aim is that
encryption costs less than 15 %.

The figures are this process's processor time, which other programs on a busy machine do not
inflate (encryption costs processor time; the disk writes are the same for both kinds);
`--wall` times by the clock instead. Run:
    .venv/bin/python bench/bench_encryption.py [--rows N] [--certificates C] [--runs R] [--wall]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import KINDS, measure  # type: ignore[import-not-found]

GOAL = 15.0  # per cent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000)
    parser.add_argument("--certificates", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--wall", action="store_true", help="clock time, not processor time")
    args = parser.parse_args()
    clock = time.perf_counter if args.wall else time.process_time
    samples = measure(args.rows, args.certificates, args.runs, fast_hashing=True, clock=clock)
    print(
        f"{args.rows:,} roster rows, {args.certificates} certificates, "
        f"{'wall' if args.wall else 'processor'} time, median of {args.runs} runs per kind "
        f"(goal: under +{GOAL:.0f} %)"
    )
    plain_kind, encrypted_kind = KINDS
    for work, plain_runs in samples[plain_kind].items():
        plain = statistics.median(plain_runs)
        encrypted = statistics.median(samples[encrypted_kind][work])
        cost = (encrypted / plain - 1) * 100
        print(f"{work}: plain {plain:.3f} s, encrypted {encrypted:.3f} s, {cost:+.1f} %")


if __name__ == "__main__":
    main()
