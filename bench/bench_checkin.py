"""Time check-in look-ups with 100,000 seated candidates in the database.

Candidates and seats are synthetic (names like 考生000123, generated ID numbers) and bulk-inserted
with SQLAlchemy Core; sessions, users and the ticket key go through the services. Run:
    .venv/bin/python bench/bench_checkin.py [--candidates N] [--lookups L] [--db URL]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from kaoping.bootstrap import build_env
from kaoping.domain.assessment import Component
from kaoping.domain.beijing import BEIJING
from kaoping.domain.catalogue import Level
from kaoping.domain.idnumber import check_character
from kaoping.domain.plans import Plan
from kaoping.domain.roles import Role
from kaoping.domain.seating import ticket_number
from kaoping.services import accounts, checkin, plans, sessions
from kaoping.services.base import Actor, Env
from kaoping.services.checkin import ticket_key, ticket_qr_payload
from kaoping.services.ports.exams import NewSession
from kaoping.storage.exams_tables import SeatRow
from kaoping.storage.intake_tables import CandidateRow
from tests.databases import PASSWORD as TEST_PASSWORD
from tests.databases import USERNAMES, create_actors, initialise, sign_in_admin

ROOM_SIZE = 999
BATCH = "BENCH2026"


def prepare(env: Env) -> Actor:
    """First-run set-up as the tests do it (remit of the whole catalogue); the exam administrator."""
    initialise(env)
    return create_actors(env, sign_in_admin(env))[Role.EXAM_ADMIN]


def make_sessions(env: Env, admin: Actor, rooms: int) -> tuple[int, list[int]]:
    plan_id = plans.create_plan(
        env,
        admin,
        Plan(
            0,
            "P-BENCH",
            "基准测试计划",
            "2-02-10-09",
            "",
            Level.JUNIOR,
            date(2026, 12, 1),
            date(2026, 12, 31),
            "基准考点",
            rooms * ROOM_SIZE,
            "",
        ),
    )
    batch_id = plans.create_batch(
        env, admin, plan_id, BATCH, "基准批次", date(2026, 12, 5), date(2026, 12, 5)
    )
    start = datetime(2026, 12, 5, 9, 0, tzinfo=BEIJING)
    ids = [
        sessions.create_session(
            env,
            admin,
            NewSession(
                batch_id,
                f"T{n:03d}",
                Component.THEORY,
                "基准考点",
                f"教室{n:03d}",
                start,
                start + timedelta(minutes=120),
                ROOM_SIZE,
            ),
        )
        for n in range(1, rooms + 1)
    ]
    return batch_id, ids


def id_number(n: int) -> str:
    """A well-formed, unique (synthetic) 18-digit number: one birth date per 1,000 candidates."""
    born = date(1980, 1, 1) + timedelta(days=n // 1000)
    body = f"450102{born:%Y%m%d}{n % 1000:03d}"
    return body + check_character(body)


def bulk_insert(
    env: Env,
    batch_id: int,
    session_ids: list[int],
    count: int,
    name_of: Callable[[int], str] = lambda n: f"考生{n:06d}",
) -> list[str]:
    """Insert candidates and their seats with Core; return every full ID number by candidate."""
    now = datetime.now(UTC)
    numbers = [id_number(n) for n in range(count)]
    engine = env.uow.engine  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.execute(
            insert(CandidateRow),
            [
                {
                    "batch_id": batch_id,
                    "name": name_of(n),
                    "id_type": "居民身份证",
                    "id_number": numbers[n],
                    "id_masked": numbers[n][:6] + "********" + numbers[n][-4:],
                    "person_key": f"bench-{n}",
                    "education": "本科",
                    "occupation_code": "2-02-10-09",
                    "direction": "",
                    "level": "junior",
                    "status": "active",
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(count)
            ],
        )
        first = connection.exec_driver_sql("SELECT min(id) FROM candidates").scalar_one()
        connection.execute(
            insert(SeatRow),
            [
                {
                    "session_id": session_ids[n // ROOM_SIZE],
                    "candidate_id": first + n,
                    "seat_no": n % ROOM_SIZE + 1,
                    "attendance": "expected",
                    "ticket_no": ticket_number(BATCH, n // ROOM_SIZE + 1, n % ROOM_SIZE + 1),
                }
                for n in range(count)
            ],
        )
    with env.uow() as uow:
        ticket_key(uow, create=True)
        uow.commit()
    return numbers


def timed(label: str, calls: list[Callable[[], object]]) -> None:
    samples = []
    for call in calls:
        began = time.perf_counter()
        call()
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(
        f"{label:<34} median {statistics.median(samples):6.2f} ms   p95 {p95:6.2f} ms   "
        f"(n={len(samples)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=1_000)
    parser.add_argument("--db", help="database URL (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = build_env(args.db or f"sqlite:///{Path(tmp) / 'bench.db'}", fast_hashing=True)
        admin = prepare(env)
        rooms = -(-args.candidates // ROOM_SIZE)
        batch_id, session_ids = make_sessions(env, admin, rooms)
        began = time.perf_counter()
        numbers = bulk_insert(env, batch_id, session_ids, args.candidates)
        print(
            f"inserted {args.candidates:,} candidates and seats in "
            f"{time.perf_counter() - began:.1f} s ({rooms} rooms)"
        )
        examiner = accounts.sign_in(env, USERNAMES[Role.EXAMINER], TEST_PASSWORD)
        with env.uow(write=False) as uow:
            key = ticket_key(uow)
        assert key is not None
        rng = random.Random(2026)
        picks = [rng.randrange(args.candidates) for _ in range(args.lookups)]

        def where(n: int) -> tuple[int, str]:
            return (
                session_ids[n // ROOM_SIZE],
                ticket_number(BATCH, n // ROOM_SIZE + 1, n % ROOM_SIZE + 1),
            )

        def find(n: int, text: str) -> Callable[[], object]:
            return lambda: checkin.find_candidate(env, examiner, where(n)[0], text)

        def scan(n: int) -> Callable[[], object]:
            return lambda: checkin.check_in(env, examiner, where(n)[0], where(n)[1])

        timed(
            "look-up by scanned QR text",
            [find(n, ticket_qr_payload(key, where(n)[1])) for n in picks],
        )
        timed("look-up by typed ticket number", [find(n, where(n)[1]) for n in picks])
        timed("look-up by ID number", [find(n, numbers[n]) for n in picks])
        timed("check-in (write + audit entry)", [scan(n) for n in picks])


if __name__ == "__main__":
    main()
