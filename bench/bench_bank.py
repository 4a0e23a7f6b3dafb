"""Time the question bank through its services: import, assembly (组卷), sealing and opening.

Run: .venv/bin/python bench/bench_bank.py
A fresh SQLite database in a temporary folder gets 1,000 approved items of the AI occupation
(2-02-10-09, 初级) spread over its theory knowledge areas; a 100-item paper is then assembled for a
session several times (each run avoids the items of the previous papers), sealed and opened.
Figures are wall-clock medians on this machine.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kaoping.adapters.clock import FixedClock
from kaoping.bootstrap import build_env
from kaoping.domain.catalogue import Level
from kaoping.domain.roles import Role
from kaoping.services import accounts, bank, papers, setup
from kaoping.services.base import Actor, Env
from kaoping.services.papers import AssemblyRequest, Credential
from kaoping.services.ports.dto import BodyProfile
from tests.integration.test_bank_support import (
    AI,
    PASSWORD,
    make_session,
    register_openers,
    spread_items,
)

RUNS = 5
_T = TypeVar("_T")


def timed(work: Callable[[], _T]) -> tuple[_T, float]:
    start = time.perf_counter()
    value = work()
    return value, time.perf_counter() - start


def people(env: Env) -> dict[Role, Actor]:
    setup.initialise(
        env,
        setup.InitialSetup(
            BodyProfile("基准测试机构", "BENCH1"), "admin", "管理员", PASSWORD, "key-passphrase-1"
        ),
    )
    admin = accounts.sign_in(env, "admin", PASSWORD)
    actors = {Role.SYSTEM_ADMIN: admin}
    for role in (Role.BANK_ADMIN, Role.EXAM_ADMIN, Role.SUPERVISOR):
        accounts.create_user(env, admin, f"u_{role.value}", role.label, PASSWORD, [role])
        actors[role] = accounts.sign_in(env, f"u_{role.value}", PASSWORD)
    return actors


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
        env = build_env(f"sqlite:///{Path(folder) / 'bench.db'}", clock=clock)
        actors = people(env)
        keeper = actors[Role.BANK_ADMIN]
        unlock = bank.initialise_bank(env, keeper, PASSWORD)
        rows = list(spread_items(env, 1000))
        report, seconds = timed(lambda: bank.import_rows(env, keeper, unlock, rows, approve=True))
        print(
            f"import {report.imported} items (encrypt + store, one transaction): "
            f"{seconds * 1000:.0f} ms"
        )
        session_id = make_session(env, actors)
        register_openers(env, actors)
        times, outcome = [], None
        for run in range(RUNS):
            outcome, seconds = timed(
                lambda run=run: papers.assemble_paper(  # type: ignore[misc]
                    env, keeper, AssemblyRequest(AI, Level.JUNIOR, 100, session_id, seed=run)
                )
            )
            times.append(seconds)
        assert outcome is not None and outcome.paper is not None
        print(
            f"assemble 100 of 1000 through the service: median "
            f"{statistics.median(times) * 1000:.1f} ms over {RUNS} runs "
            f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}); "
            f"last run reused {outcome.result.recent_reused} recent items"
        )
        _, seconds = timed(lambda: papers.seal_paper(env, keeper, unlock, outcome.paper.paper_id))
        print(f"seal the 100-item paper: {seconds * 1000:.0f} ms")
        opened, seconds = timed(
            lambda: papers.open_paper(
                env,
                actors[Role.EXAM_ADMIN],
                outcome.paper.paper_id,
                Credential("u_exam_admin", PASSWORD),
                Credential("u_supervisor", PASSWORD),
                "基准",
            )
        )
        print(
            f"open it with two openers (two Argon2 password checks, two scrypt unwraps): {seconds * 1000:.0f} ms"
        )
        pdf, seconds = timed(
            lambda: papers.print_paper(env, actors[Role.EXAM_ADMIN], opened, "基准")
        )
        print(f"render the watermarked PDF ({len(pdf) // 1024} KB): {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
