"""Time importing a 10,000-row roster (考生名册) from .xlsx and from .csv into a fresh database.

The rows are synthetic (generated names, ID numbers with valid check characters that belong to
nobody known). Run:
    .venv/bin/python bench/bench_roster_import.py [--rows N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from kaoping.adapters.clock import FixedClock
from kaoping.adapters.rosters import RosterFiles
from kaoping.bootstrap import build_env
from kaoping.domain.catalogue import Level
from kaoping.domain.idnumber import check_character
from kaoping.domain.plans import Plan
from kaoping.domain.remit import RemitEntry
from kaoping.domain.roles import Role
from kaoping.domain.roster import HEADER_OF
from kaoping.services import accounts, intake, plans, remit, setup
from kaoping.services.base import Actor, Env
from kaoping.services.ports.dto import BodyProfile

PASSWORD = "Bench-passw0rd"


def synthetic_rows(count: int) -> list[dict[str, str]]:
    rows = []
    for n in range(count):
        birth = (date(1980, 1, 1) + timedelta(days=n // 500)).strftime("%Y%m%d")
        body = f"450102{birth}{n % 500:03d}"
        values = {
            "name": f"考生{n}",
            "id_number": body + check_character(body),
            "phone": f"138{n:08d}",
            "education": "大学本科",
            "major": "软件工程",
            "major_related": "是",
            "graduation_date": "2005-07-01",
            "work_start_date": "2005-08-01",
            "region_basis": "在桂工作",
            "work_unit": "南宁市某公司",
        }
        rows.append({HEADER_OF[k]: v for k, v in values.items()})
    return rows


def fresh_env(folder: Path, name: str) -> tuple[Env, Actor, int]:
    env = build_env(
        f"sqlite:///{folder / name}.db",
        fast_hashing=True,
        clock=FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC)),
    )
    setup.initialise(
        env,
        setup.InitialSetup(
            BodyProfile("基准测试评价机构", "BENCH"),
            setup.FirstAccount("admin", "管理员", PASSWORD),
            setup.FirstAccount("supervisor", "督导", PASSWORD),
            setup.FirstAccount("officer", "证书管理", PASSWORD),
            "bench-passphrase",
            # Plans must lie within the body's remit: the plan's occupation and level.
            remit=(RemitEntry("2-02-10-09", Level.JUNIOR),),
            remit_basis="基准测试：本机构获准开展该职业初级评价",
        ),
    )
    admin = accounts.sign_in(env, "admin", PASSWORD)
    accounts.create_user(env, admin, "exam", "考务", PASSWORD, [Role.EXAM_ADMIN])
    # A role, and the remit, take effect only once a second person confirms them.
    supervisor = accounts.sign_in(env, "supervisor", PASSWORD)
    remit.confirm_remit(env, supervisor)
    for grant in accounts.pending_grants(env, supervisor):
        accounts.confirm_grant(env, supervisor, grant.id)
    exam = accounts.sign_in(env, "exam", PASSWORD)
    plan_id = plans.create_plan(
        env,
        exam,
        Plan(
            0,
            "P-BENCH",
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
    batch_id = plans.create_batch(
        env, exam, plan_id, "B-BENCH", "基准", date(2026, 12, 5), date(2026, 12, 6)
    )
    return env, exam, batch_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    rows = synthetic_rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for suffix in (".xlsx", ".csv"):
            path = folder / f"roster{suffix}"
            RosterFiles().write(path, rows)
            env, actor, batch_id = fresh_env(folder, suffix[1:])
            started = time.perf_counter()
            result = intake.import_roster(env, actor, batch_id, path, valid_only=False)
            elapsed = time.perf_counter() - started
            print(
                f"{suffix[1:]:>4}: {result.imported} rows imported in {elapsed:.2f} s "
                f"({result.imported / elapsed:,.0f} rows/s)"
            )


if __name__ == "__main__":
    main()
