"""What encryption at rest costs: the same work on a plain SQLite file and on the encrypted store.

Three pieces of work that read and write much of the database, each on a fresh installation of
either kind, alternating the kinds and keeping the median of the runs:

- roster import: a synthetic 10,000-row CSV roster (考生名册) through `intake.import_roster`;
- candidates table: the queries behind the candidates page (first page, a name, the last four
  digits of an ID number, sorted by name, a later page) over those candidates;
- certificate issuing: `certificates.issue_batch` for a batch of approved candidates (render,
  compliance check, sign, store).

Run:
    .venv/bin/python bench/bench_store.py [--rows N] [--certificates C] [--runs R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

# The other benchmarks' helpers, and the tests' set-up helpers (tests/databases.py).
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_roster_import import synthetic_rows  # type: ignore[import-not-found]

from kaoping.adapters.clock import FixedClock
from kaoping.adapters.rosters import RosterFiles
from kaoping.bootstrap import build_env, dispose_env
from kaoping.domain.catalogue import Level
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.services import certificates, intake, plans
from kaoping.services.base import Actor, Env
from kaoping.services.certificates import pool
from kaoping.services.ports.intake import CandidateQuery
from tests.databases import (
    START,
    create_actors,
    encrypted_url,
    initialise,
    new_store_key,
    sign_in_admin,
)
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch

KINDS = ("plain", "encrypted")


def installation(
    folder: Path, kind: str, fast_hashing: bool = False
) -> tuple[Env, dict[Role, Actor]]:
    """A set-up database of `kind` with one signed-in user per role.

    `fast_hashing` makes the untimed sign-ins cheap; the timed work hashes no password.
    """
    path = folder / f"{kind}.db"
    clock = FixedClock(START)
    if kind == "encrypted":
        key = new_store_key(path)
        env = build_env(encrypted_url(path), key=key, clock=clock, fast_hashing=fast_hashing)
    else:
        env = build_env(f"sqlite:///{path}", clock=clock, fast_hashing=fast_hashing)
    # Set-up with a confirmed remit of the whole catalogue, as the tests' installations have.
    initialise(env)
    return env, create_actors(env, sign_in_admin(env))


def roster_batch(env: Env, exam: Actor) -> int:
    plan_id = plans.create_plan(
        env,
        exam,
        Plan(
            0,
            "P-STORE",
            "基准",
            "2-02-10-09",
            "计算机视觉产品实现",
            Level.JUNIOR,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "",
            0,
            "",
        ),
    )
    return plans.create_batch(
        env, exam, plan_id, "B-STORE", "基准", date(2026, 12, 5), date(2026, 12, 6)
    )


Clock = Callable[[], float]


def timed(action: Callable[[], object], clock: Clock = time.perf_counter) -> float:
    began = clock()
    action()
    return clock() - began


def table_queries(batch_id: int, rows: int) -> tuple[CandidateQuery, ...]:
    """What the candidates page asks: first page, a name, the last four digits of an ID
    number, sorted by name, a later page."""
    return (
        CandidateQuery(batch_id),
        CandidateQuery(batch_id, text="考生421"),
        CandidateQuery(batch_id, text="0421"),
        CandidateQuery(batch_id, sort="name", descending=True),
        CandidateQuery(batch_id, offset=rows // 2),
    )


def one_run(
    folder: Path,
    kind: str,
    roster: Path,
    certificates_count: int,
    fast_hashing: bool = False,
    clock: Clock = time.perf_counter,
) -> dict[str, float]:
    """Each piece of work once on a fresh installation of `kind`; seconds per piece.

    `clock` is wall time by default; `time.process_time` counts only this process's processor
    time, which other programs on a busy machine do not inflate.
    """
    env, actors = installation(folder, kind, fast_hashing)
    exam = actors[Role.EXAM_ADMIN]
    batch_id = roster_batch(env, exam)
    began = clock()
    report = intake.import_roster(env, exam, batch_id, roster, valid_only=False)
    spent = {"roster import": clock() - began}

    def table() -> None:
        for query in table_queries(batch_id, report.imported):
            intake.list_candidates(env, exam, query)

    spent["candidates table"] = timed(table, clock)
    batch, _ids = ready_batch(env, actors, certificates_count, "B-CERT")
    officer = actors[Role.CERTIFICATE_OFFICER]
    # In this process, so that processor time counts rendering and signing too, not only the
    # database work that worker processes would leave here.
    pool.POOL_THRESHOLD = certificates_count + 1
    spent["certificate issuing"] = timed(
        lambda: certificates.issue_batch(env, officer, batch, PASSPHRASE), clock
    )
    dispose_env(env)
    return spent


Samples = dict[str, dict[str, list[float]]]
"""Seconds per kind, per piece of work, one entry per run."""


def measure(
    rows: int,
    certificates_count: int,
    runs: int,
    fast_hashing: bool = False,
    clock: Clock = time.perf_counter,
) -> Samples:
    """Run every piece of work `runs` times per kind, alternating which kind goes first."""
    samples: Samples = {kind: {} for kind in KINDS}
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        RosterFiles().write(roster, synthetic_rows(rows))
        for run in range(runs):
            for kind in KINDS if run % 2 == 0 else reversed(KINDS):
                folder = Path(tmp) / f"{kind}-{run}"
                folder.mkdir()
                spent = one_run(folder, kind, roster, certificates_count, fast_hashing, clock)
                for work, seconds in spent.items():
                    samples[kind].setdefault(work, []).append(seconds)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--certificates", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    samples = measure(args.rows, args.certificates, args.runs)
    print(
        f"{args.rows:,} roster rows, {args.certificates} certificates, "
        f"median of {args.runs} runs per kind"
    )
    print(f"{'':<22}{'plain':>10}{'encrypted':>12}{'cost':>9}   runs (plain | encrypted)")
    for work in samples["plain"]:
        plain = statistics.median(samples["plain"][work])
        encrypted = statistics.median(samples["encrypted"][work])
        runs = " | ".join(
            " ".join(f"{s:.2f}" for s in samples[kind][work]) for kind in ("plain", "encrypted")
        )
        cost = (encrypted / plain - 1) * 100
        print(f"{work:<22}{plain:>9.2f}s{encrypted:>11.2f}s{cost:>+8.1f}%   {runs}")


if __name__ == "__main__":
    main()
