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
from kaoping.services import certificates, intake, plans, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.intake import CandidateQuery
from tests.databases import (
    START,
    create_actors,
    encrypted_url,
    first_setup,
    new_store_key,
    sign_in_admin,
)
from tests.integration.test_certificates_support import PASSPHRASE, ready_batch

KINDS = ("plain", "encrypted")


def installation(folder: Path, kind: str) -> tuple[Env, dict[Role, Actor]]:
    """A set-up database of `kind` with one signed-in user per role."""
    path = folder / f"{kind}.db"
    if kind == "encrypted":
        env = build_env(encrypted_url(path), key=new_store_key(path), clock=FixedClock(START))
    else:
        env = build_env(f"sqlite:///{path}", clock=FixedClock(START))
    setup.initialise(env, first_setup())
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


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def one_run(folder: Path, kind: str, roster: Path, certificates_count: int) -> dict[str, float]:
    env, actors = installation(folder, kind)
    exam = actors[Role.EXAM_ADMIN]
    batch_id = roster_batch(env, exam)
    spent = {
        "roster import": timed(
            lambda: intake.import_roster(env, exam, batch_id, roster, valid_only=False)
        )
    }

    def table() -> None:
        for query in (
            CandidateQuery(batch_id),
            CandidateQuery(batch_id, text="考生421"),
            CandidateQuery(batch_id, text="0421"),
            CandidateQuery(batch_id, sort="name", descending=True),
            CandidateQuery(batch_id, offset=5_000),
        ):
            intake.list_candidates(env, exam, query)

    spent["candidates table"] = timed(table)
    batch, _ids = ready_batch(env, actors, certificates_count, "B-CERT")
    officer = actors[Role.CERTIFICATE_OFFICER]
    spent["certificate issuing"] = timed(
        lambda: certificates.issue_batch(env, officer, batch, PASSPHRASE)
    )
    dispose_env(env)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--certificates", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    samples: dict[str, dict[str, list[float]]] = {kind: {} for kind in KINDS}
    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        RosterFiles().write(roster, synthetic_rows(args.rows))
        for run in range(args.runs):
            for kind in KINDS if run % 2 == 0 else reversed(KINDS):
                folder = Path(tmp) / f"{kind}-{run}"
                folder.mkdir()
                for work, seconds in one_run(folder, kind, roster, args.certificates).items():
                    samples[kind].setdefault(work, []).append(seconds)
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
